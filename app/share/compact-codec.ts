/**
 * Compact codec 3: a format-v2 topology as a schema-aware byte string, driven by one
 * field table per node kind, per link kind and for sites. The encoder and the decoder
 * walk the same table, so a field cannot be written one way and read another, and a
 * new field is one table row. What keeps links short is codec 1's (compact-codec-1.ts):
 * enums and booleans packed into one mixed-radix number per entity, sites and nodes by
 * index, FQDN domains interned, predicted values (name = id, host = id, link id `l<n>`,
 * the grid layout) as small codes, round numbers as mantissa and power of ten.
 *
 * FROZEN with codec 3: the tables below (their order, their enum values) are copies, not
 * imports of the schema, so a later schema change cannot change what an old link
 * decodes to. A new field goes into a new codec, except an optional enum appended as the
 * last packed field of a table (absent packs as 0, so old links keep their bytes). An entity with a key its table does not
 * know is refused (CompactFormatError) and index.ts falls back to the JSON codec; the
 * encoder also checks its output by decoding it.
 */
import type { Link, NodeKind, Topology, TopologyNode } from '../model/schema';
import { ByteReader, ByteWriter } from './bytes';
import {
  at,
  BOOL,
  domainOf,
  fail,
  getFqdn,
  getLayout,
  getOptRound,
  getRepeat,
  getRound,
  getStr,
  getText,
  gridPredictionWith,
  hostFromId,
  OPT_BOOL,
  Packer,
  putFqdn,
  putLayout,
  putOptRound,
  putRepeat,
  putRound,
  putStr,
  ref,
  replicaHosts,
  Unpacker,
  type DecodeContext,
  type EncodeContext,
  type GridPrediction,
  type LayoutPredictor,
} from './compact-codec-1';

export { CompactFormatError, roundCoordinate, type LayoutPredictor } from './compact-codec-1';

// ---------------------------------------------------------------- frozen tables (codec 3)

const NODE_KINDS_3 = [
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
  'reverseProxy',
  'gatewayPeer',
  'videoInteropPool',
] as const satisfies readonly NodeKind[];
const LINK_KINDS_3 = [
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
  'trunk',
] as const;
const PRODUCT_VERSIONS_3 = ['2015', '2019', 'SE', 'lync2013', 'lync2010'] as const;
const OS_3 = ['WS2012', 'WS2012R2', 'WS2016', 'WS2019', 'WS2022', 'WS2008R2'] as const;
const HA_MODES_3 = ['none', 'mirroring', 'alwaysOnAg', 'alwaysOnFci', 'sqlFailoverCluster'] as const;
const SIP_LB_3 = ['dns', 'hlb'] as const;
const WEB_LB_3 = ['hlb', 'none'] as const;
const UPGRADE_SOURCES_3 = ['lync2010', 'lync2013', '2015', '2019'] as const;
const AD_LEVELS_3 = ['WS2003', 'WS2008', 'WS2008R2', 'WS2012', 'WS2012R2', 'WS2016', 'WS2025'] as const;
const DC_OS_3 = ['WS2003', 'WS2008', 'WS2008R2', 'WS2012', 'WS2012R2', 'WS2016', 'WS2019', 'WS2022', 'WS2025'] as const;
const SIMPLE_URL_COMPONENTS_3 = ['meet', 'dialIn', 'admin'] as const;
const DEPLOYMENT_MODES_3 = ['greenfield', 'transition'] as const;
const SITE_KINDS_3 = ['central', 'branch'] as const;
const COMMIT_MODES_3 = ['synchronous', 'asynchronous'] as const;
const FAILOVER_MODES_3 = ['automatic', 'manual'] as const;
const opt = <T>(values: readonly T[]): readonly (T | undefined)[] => [undefined, ...values];

const FORMAT = 'sfb-topology';
const VERSION_3 = 2;
const DEFAULT_SHARE = 'sfbshare';

/** Kind order inside a site for the layout prediction (grid-layout.ts as of codec 3). */
const grid3: GridPrediction = (sites, nodes) =>
  gridPredictionWith(
    {
      reverseProxy: -1,
      edgePool: 0,
      directorPool: 1,
      frontEndPool: 2,
      standardEditionServer: 3,
      survivableBranch: 4,
      mediationPool: 5,
      persistentChatPool: 6,
      sqlStore: 7,
      fileStore: 8,
      officeOnlineServer: 9,
      videoInteropPool: 10,
      gatewayPeer: 11,
    },
    sites,
    nodes,
  );

// ---------------------------------------------------------------- field tables

type Entity = Record<string, unknown>;

/** How one field is carried. `enum` fields are packed together; the rest follow in table order. */
type Field =
  | { key: string; as: 'enum'; values: readonly unknown[] }
  | { key: string; as: 'fqdn' | 'optFqdn' }
  | { key: string; as: 'uint' | 'round' | 'optRound' }
  | { key: string; as: 'optText'; predictions?: (e: Entity) => readonly (string | undefined)[] }
  | { key: string; as: 'text' | 'repeat'; predictions?: (e: Entity) => readonly (string | undefined)[] }
  | {
      key: string;
      as: 'custom';
      put: (c: EncodeContext, v: unknown, e: Entity) => void;
      get: (c: DecodeContext, e: Entity) => unknown;
    };

const e = (key: string, values: readonly unknown[]): Field => ({ key, as: 'enum', values });
const bool = (key: string): Field => e(key, BOOL);
const optBool = (key: string): Field => e(key, OPT_BOOL);
const optRound = (key: string): Field => ({ key, as: 'optRound' });
const optText = (key: string, predictions?: (e: Entity) => readonly (string | undefined)[]): Field => ({
  key,
  as: 'optText',
  ...(predictions ? { predictions } : {}),
});
const optFqdn = (key: string): Field => ({ key, as: 'optFqdn' });
/** Free text that repeats from node to node (cumulative updates): the last value is a prediction. */
const repeat = (key: string, predictions?: (e: Entity) => readonly (string | undefined)[]): Field => ({
  key,
  as: 'repeat',
  ...(predictions ? { predictions } : {}),
});
const fqdn: Field = { key: 'fqdn', as: 'fqdn' };
const domain: Field = optText('domain', (x) => [domainOf(String(x.fqdn))]);

const inPlaceUpgrade: Field = {
  key: 'inPlaceUpgrade',
  as: 'custom',
  put: (c, v) => {
    if (v === undefined) return c.w.uint(0);
    const u = v as { fromVersion: unknown; fromOs?: unknown };
    if (Object.keys(u).some((k) => k !== 'fromVersion' && k !== 'fromOs')) fail('unknown in-place upgrade field');
    new Packer().put([false, true], true).put(UPGRADE_SOURCES_3, u.fromVersion).put(opt(OS_3), u.fromOs).write(c.w);
  },
  get: (c) => {
    const code = c.r.uint();
    if (code === 0) return undefined;
    const p = new Unpacker(code);
    if (!p.take([false, true])) fail('bad in-place upgrade');
    const fromVersion = p.take(UPGRADE_SOURCES_3);
    const fromOs = p.take(opt(OS_3));
    p.done();
    return fromOs === undefined ? { fromVersion } : { fromVersion, fromOs };
  },
};
const lifecycle: readonly Field[] = [optBool('decommission'), inPlaceUpgrade];
const workload: readonly Field[] = [optBool('enterpriseVoice'), optBool('dialIn'), optRound('largestMeeting')];
const optionalPlatform: readonly Field[] = [e('os', opt(OS_3)), repeat('cumulativeUpdate')];

const availabilityGroup: Field = {
  key: 'ag',
  as: 'custom',
  put: (c, v, store) => {
    if (v === undefined) return c.w.uint(0);
    const ag = v as {
      listenerFqdn: string;
      listenerPort?: number;
      replicas: { fqdn: string; siteId: string; commitMode: string; failoverMode: string; readable: boolean }[];
    };
    if (Object.keys(ag).some((k) => k !== 'listenerFqdn' && k !== 'listenerPort' && k !== 'replicas'))
      fail('unknown availability group field');
    const sameListener = ag.listenerFqdn === store.fqdn;
    new Packer().put([false, true], true).put(BOOL, sameListener).write(c.w);
    if (!sameListener) putFqdn(c, ag.listenerFqdn, [hostFromId(String(store.id))]);
    putOptRound(c.w, ag.listenerPort);
    const sqlHost = String(store.fqdn).split('.')[0]!;
    c.w.uint(ag.replicas.length);
    ag.replicas.forEach((r, i) => {
      if (Object.keys(r).length !== 5) fail('unknown replica field');
      putFqdn(c, r.fqdn, replicaHosts(sqlHost, i));
      c.w.uint(ref(c.sites, r.siteId, 'site'));
      new Packer().put(COMMIT_MODES_3, r.commitMode).put(FAILOVER_MODES_3, r.failoverMode).put(BOOL, r.readable).write(c.w);
    });
  },
  get: (c, store) => {
    const code = c.r.uint();
    if (code === 0) return undefined;
    const p = new Unpacker(code);
    if (!p.take([false, true])) fail('bad availability group');
    const sameListener = p.take(BOOL);
    p.done();
    const listenerFqdn = sameListener ? String(store.fqdn) : getFqdn(c, [hostFromId(String(store.id))]);
    const listenerPort = getOptRound(c.r);
    const sqlHost = String(store.fqdn).split('.')[0]!;
    const count = c.r.uint();
    if (count > c.r.remaining) fail('too many replicas');
    const replicas: Entity[] = [];
    for (let i = 0; i < count; i++) {
      const rf = getFqdn(c, replicaHosts(sqlHost, i));
      const siteId = at(c.siteIds, c.r.uint(), 'site');
      const q = new Unpacker(c.r.uint());
      const commitMode = q.take(COMMIT_MODES_3);
      const failoverMode = q.take(FAILOVER_MODES_3);
      const readable = q.take(BOOL);
      q.done();
      replicas.push({ fqdn: rf, siteId, commitMode, failoverMode, readable });
    }
    return listenerPort === undefined ? { listenerFqdn, replicas } : { listenerFqdn, listenerPort, replicas };
  },
};

const chatServers: Field = {
  key: 'servers',
  as: 'custom',
  put: (c, v) => {
    const servers = v as { siteId: string; active: boolean }[];
    c.w.uint(servers.length);
    for (const s of servers) {
      if (Object.keys(s).length !== 2 || typeof s.active !== 'boolean') fail('bad Persistent Chat server');
      c.w.uint(ref(c.sites, s.siteId, 'site') * 2 + (s.active ? 1 : 0));
    }
  },
  get: (c) => {
    const count = c.r.uint();
    if (count > c.r.remaining) fail('too many servers');
    const out: Entity[] = [];
    for (let i = 0; i < count; i++) {
      const code = c.r.uint();
      out.push({ siteId: at(c.siteIds, Math.floor(code / 2), 'site'), active: code % 2 === 1 });
    }
    return out;
  },
};

const textList = (key: string): Field => ({
  key,
  as: 'custom',
  put: (c, v) => {
    if (v === undefined) return c.w.uint(0);
    const list = v as string[];
    c.w.uint(list.length + 1);
    for (const x of list) putStr(c, x, []);
  },
  get: (c) => {
    const code = c.r.uint();
    if (code === 0) return undefined;
    if (code - 1 > c.t.remaining) fail('list too long');
    return Array.from({ length: code - 1 }, () => getText(c, []));
  },
});

/** Per node kind, after the common id, name, siteId: the fields in the order they are written. */
const NODE_FIELDS: Record<(typeof NODE_KINDS_3)[number], readonly Field[]> = {
  frontEndPool: [
    fqdn,
    e('productVersion', PRODUCT_VERSIONS_3),
    e('hosting', ['physical', 'virtual']),
    e('os', OS_3),
    e('sipLoadBalancing', SIP_LB_3),
    e('webLoadBalancing', WEB_LB_3),
    bool('mediationCollocated'),
    bool('conferencing'),
    optBool('largeMeetingPool'),
    optBool('deployed'),
    { key: 'frontEndServers', as: 'uint' },
    { key: 'users', as: 'round' },
    repeat('cumulativeUpdate'),
    domain,
    optFqdn('internalWebFqdn'),
    optFqdn('externalWebFqdn'),
    ...workload,
    ...lifecycle,
  ],
  standardEditionServer: [
    fqdn,
    e('productVersion', PRODUCT_VERSIONS_3),
    e('hosting', ['physical', 'virtual']),
    e('os', OS_3),
    bool('mediationCollocated'),
    { key: 'users', as: 'round' },
    repeat('cumulativeUpdate'),
    domain,
    optFqdn('externalWebFqdn'),
    ...workload,
    ...lifecycle,
    // Added after codec 3 shipped: an optional enum as the last packed digit is 0 when
    // absent, so every link made before it decodes as it did and encodes to the same bytes.
    optBool('deployed'),
  ],
  sqlStore: [
    fqdn,
    { key: 'instance', as: 'text', predictions: () => [''] },
    e('sqlVersion', ['2012', '2014', '2016', '2017', '2019', '2022']),
    e('sqlEdition', ['enterprise', 'standard', 'express']),
    e('haMode', HA_MODES_3),
    e('currentHaMode', opt(HA_MODES_3)),
    optBool('hostsNonSfbDatabases'),
    optRound('clusterNodes'),
    repeat('sqlUpdateLevel'),
    domain,
    availabilityGroup,
  ],
  edgePool: [
    fqdn,
    e('productVersion', PRODUCT_VERSIONS_3),
    e('internalLoadBalancing', SIP_LB_3),
    e('externalLoadBalancing', SIP_LB_3),
    bool('federation'),
    bool('xmpp'),
    optBool('hlbDirectServerReturn'),
    e('externalAddressing', opt(['public', 'symmetricNat', 'otherNat'])),
    e('externalIpMode', opt(['perService', 'single'])),
    { key: 'servers', as: 'uint' },
    optRound('concurrentRemoteUsers'),
    optText('domain'),
    optFqdn('externalSipFqdn'),
    optFqdn('externalWebConfFqdn'),
    optFqdn('externalAvFqdn'),
    textList('natAddresses'),
    ...optionalPlatform,
    ...lifecycle,
  ],
  directorPool: [
    fqdn,
    e('productVersion', PRODUCT_VERSIONS_3),
    e('sipLoadBalancing', SIP_LB_3),
    e('webLoadBalancing', WEB_LB_3),
    { key: 'servers', as: 'uint' },
    optFqdn('internalWebFqdn'),
    optFqdn('externalWebFqdn'),
    ...optionalPlatform,
    ...lifecycle,
  ],
  mediationPool: [
    fqdn,
    e('productVersion', PRODUCT_VERSIONS_3),
    { key: 'servers', as: 'uint' },
    ...optionalPlatform,
    ...lifecycle,
  ],
  persistentChatPool: [
    fqdn,
    e('productVersion', PRODUCT_VERSIONS_3),
    bool('compliance'),
    chatServers,
    optRound('concurrentUsers'),
    optText('domain'),
    ...optionalPlatform,
    ...lifecycle,
  ],
  fileStore: [
    fqdn,
    repeat('share', () => [DEFAULT_SHARE]),
    e('storage', ['singleServer', 'dfs', 'cluster', 'nas']),
    optRound('backupIntervalHours'),
  ],
  officeOnlineServer: [
    fqdn,
    e('zone', ['internal', 'perimeter', 'external']),
    { key: 'servers', as: 'uint' },
    optText('discoveryUrl'),
  ],
  survivableBranch: [
    fqdn,
    e('variant', ['sba', 'sbs']),
    e('productVersion', opt(PRODUCT_VERSIONS_3)),
    { key: 'users', as: 'round' },
    ...lifecycle,
  ],
  reverseProxy: [fqdn],
  gatewayPeer: [
    fqdn,
    e('peerType', ['pstnGateway', 'sbc', 'ipPbx', 'tdmPbx', 'sipTrunk', 'videoGateway']),
    bool('dnsLoadBalancing'),
    bool('acceptsAnyPoolMember'),
    bool('mediaBypass'),
  ],
  videoInteropPool: [
    fqdn,
    e('productVersion', PRODUCT_VERSIONS_3),
    { key: 'servers', as: 'uint' },
    optRound('concurrentTranscodedVtcs'),
  ],
};

/** Per link kind, after the common id, from, to. */
const LINK_FIELDS: Record<(typeof LINK_KINDS_3)[number], readonly Field[]> = {
  backEnd: [],
  store: [e('role', ['monitoring', 'archiving', 'persistentChat', 'persistentChatCompliance'])],
  mirror: [optBool('synchronous'), optRound('port')],
  witness: [optRound('port')],
  pairing: [optBool('voiceFailover'), optRound('voiceFailoverSeconds')],
  nextHop: [],
  mediaEdge: [],
  fileStore: [],
  officeOnline: [],
  backupRegistrar: [],
  logShipping: [optText('share')],
  trunk: [e('transport', opt(['tls', 'tcp'])), optRound('mediationPort'), optRound('peerPort')],
};

const SITE_FIELDS: readonly Field[] = [e('kind', SITE_KINDS_3), repeat('region'), optText('datacenter'), optText('parentSiteId')];

// ---------------------------------------------------------------- table walkers

const BASE_NODE_KEYS = new Set(['id', 'kind', 'name', 'siteId']);
const BASE_LINK_KEYS = new Set(['id', 'kind', 'from', 'to']);
const BASE_SITE_KEYS = new Set(['id', 'name']);

function putFields(c: EncodeContext, table: readonly Field[], x: Entity, base: ReadonlySet<string>): void {
  for (const k of Object.keys(x))
    if (x[k] !== undefined && !base.has(k) && !table.some((f) => f.key === k)) fail(`field ${k} is not in the codec-3 table`);
  const p = new Packer();
  for (const f of table) {
    if (f.as === 'enum') p.put(f.values, x[f.key]);
    else if (f.as === 'optFqdn') p.put(BOOL, x[f.key] !== undefined);
  }
  p.write(c.w);
  for (const f of table) {
    const v = x[f.key];
    switch (f.as) {
      case 'enum':
        break;
      case 'fqdn':
        putFqdn(c, v as string, [hostFromId(String(x.id))]);
        break;
      case 'optFqdn':
        if (v !== undefined) putFqdn(c, v as string, []);
        break;
      case 'uint':
        if (!Number.isSafeInteger(v) || (v as number) < 0) fail(`${f.key} must be a whole number`);
        c.w.uint(v as number);
        break;
      case 'round':
        putRound(c.w, v as number);
        break;
      case 'optRound':
        putOptRound(c.w, v as number | undefined);
        break;
      case 'text':
        if (typeof v !== 'string') fail(`${f.key} must be text`);
        putStr(c, v, f.predictions?.(x) ?? []);
        break;
      case 'optText':
        putStr(c, v as string | undefined, [undefined, ...(f.predictions?.(x) ?? [])]);
        break;
      case 'repeat':
        putRepeat(c, f.key, v as string | undefined, f.predictions?.(x) ?? []);
        break;
      case 'custom':
        f.put(c, v, x);
        break;
    }
  }
}

function getFields(c: DecodeContext, table: readonly Field[], x: Entity): Entity {
  const p = new Unpacker(c.r.uint());
  const packed = new Map<string, unknown>();
  for (const f of table) {
    if (f.as === 'enum') packed.set(f.key, p.take(f.values));
    else if (f.as === 'optFqdn') packed.set(f.key, p.take(BOOL));
  }
  p.done();
  const set = (k: string, v: unknown) => {
    if (v !== undefined) x[k] = v;
  };
  for (const f of table) {
    switch (f.as) {
      case 'enum':
        set(f.key, packed.get(f.key));
        break;
      case 'fqdn':
        set(f.key, getFqdn(c, [hostFromId(String(x.id))]));
        break;
      case 'optFqdn':
        if (packed.get(f.key)) set(f.key, getFqdn(c, []));
        break;
      case 'uint':
        set(f.key, c.r.uint());
        break;
      case 'round':
        set(f.key, getRound(c.r));
        break;
      case 'optRound':
        set(f.key, getOptRound(c.r));
        break;
      case 'text':
        set(f.key, getStr(c, f.predictions?.(x) ?? []));
        break;
      case 'optText':
        set(f.key, getStr(c, [undefined, ...(f.predictions?.(x) ?? [])]));
        break;
      case 'repeat':
        set(f.key, getRepeat(c, f.key, f.predictions?.(x) ?? []));
        break;
      case 'custom':
        set(f.key, f.get(c, x));
        break;
    }
  }
  return x;
}

// ---------------------------------------------------------------- envelope fields

function putEnvelopeExtras(c: EncodeContext, doc: Topology): void {
  const dep = doc.deployment;
  for (const k of Object.keys(dep))
    if (!['cmsHost', 'mode', 'activeDirectory', 'simpleUrls'].includes(k)) fail(`deployment field ${k} is not in codec 3`);
  const ad = dep.activeDirectory;
  if (ad === undefined) c.w.uint(0);
  else {
    if (Object.keys(ad).length !== 3) fail('unknown Active Directory field');
    new Packer().put([false, true], true).put(AD_LEVELS_3, ad.forestLevel).put(AD_LEVELS_3, ad.domainLevel).write(c.w);
    c.w.uint(ad.domainControllerOs.length);
    for (const os of ad.domainControllerOs) new Packer().put(DC_OS_3, os).write(c.w);
  }
  const urls = dep.simpleUrls;
  if (urls === undefined) c.w.uint(0);
  else {
    c.w.uint(urls.length + 1);
    for (const u of urls) {
      if (Object.keys(u).length !== 3) fail('unknown simple URL field');
      new Packer().put(SIMPLE_URL_COMPONENTS_3, u.component).write(c.w);
      putStr(c, u.domain, ['*']);
      putStr(c, u.url, []);
    }
  }
}

function getEnvelopeExtras(c: DecodeContext): Entity {
  const out: Entity = {};
  const adCode = c.r.uint();
  if (adCode !== 0) {
    const p = new Unpacker(adCode);
    if (!p.take([false, true])) fail('bad Active Directory');
    const forestLevel = p.take(AD_LEVELS_3);
    const domainLevel = p.take(AD_LEVELS_3);
    p.done();
    const n = c.r.uint();
    if (n > c.r.remaining) fail('too many domain controllers');
    const domainControllerOs = Array.from({ length: n }, () => {
      const q = new Unpacker(c.r.uint());
      const os = q.take(DC_OS_3);
      q.done();
      return os;
    });
    out.activeDirectory = { forestLevel, domainLevel, domainControllerOs };
  }
  const urlCode = c.r.uint();
  if (urlCode !== 0) {
    if (urlCode - 1 > c.r.remaining) fail('too many simple URLs');
    out.simpleUrls = Array.from({ length: urlCode - 1 }, () => {
      const q = new Unpacker(c.r.uint());
      const component = q.take(SIMPLE_URL_COMPONENTS_3);
      q.done();
      return { component, domain: getText(c, ['*']), url: getText(c, []) };
    });
  }
  return out;
}

// ---------------------------------------------------------------- document

export interface CompactOptions {
  predictor: LayoutPredictor;
}

function putNode(c: EncodeContext, n: TopologyNode): void {
  const kind = (NODE_KINDS_3 as readonly string[]).indexOf(n.kind);
  if (kind < 0) fail(`node kind ${String(n.kind)} is not in codec 3`);
  c.w.uint(kind);
  putStr(c, n.id, []);
  putStr(c, n.name, [n.id, n.id.toUpperCase()]);
  c.w.uint(ref(c.sites, n.siteId, 'site'));
  putFields(c, NODE_FIELDS[n.kind], n as unknown as Entity, BASE_NODE_KEYS);
}

function getNode(c: DecodeContext): Entity {
  const kind = NODE_KINDS_3[c.r.uint()];
  if (kind === undefined) fail('unknown node kind');
  const id = getText(c, []);
  const name = getText(c, [id, id.toUpperCase()]);
  const siteId = at(c.siteIds, c.r.uint(), 'site');
  return getFields(c, NODE_FIELDS[kind], { id, kind, name, siteId });
}

function putLink(c: EncodeContext, l: Link, index: number): void {
  const kind = (LINK_KINDS_3 as readonly string[]).indexOf(l.kind);
  if (kind < 0) fail(`link kind ${String(l.kind)} is not in codec 3`);
  c.w.uint(kind);
  putStr(c, l.id, [`l${index + 1}`]);
  c.w.uint(ref(c.nodes, l.from, 'node'));
  c.w.uint(ref(c.nodes, l.to, 'node'));
  putFields(c, LINK_FIELDS[l.kind], l as unknown as Entity, BASE_LINK_KEYS);
}

function getLink(c: DecodeContext, index: number): Entity {
  const kind = LINK_KINDS_3[c.r.uint()];
  if (kind === undefined) fail('unknown link kind');
  const id = getText(c, [`l${index + 1}`]);
  const from = at(c.nodeIds, c.r.uint(), 'node');
  const to = at(c.nodeIds, c.r.uint(), 'node');
  return getFields(c, LINK_FIELDS[kind], { id, kind, from, to });
}

const TOP_KEYS = new Set([
  'format',
  'version',
  'name',
  'description',
  'deployment',
  'sites',
  'nodes',
  'links',
  'siteLinks',
  'layout',
]);

/** Throws CompactFormatError (or RangeError) for a document it cannot represent; index.ts falls back to JSON. */
export function writeCompact(doc: Topology, options: CompactOptions = { predictor: 'grid' }): Uint8Array {
  if (doc.format !== FORMAT || doc.version !== VERSION_3) fail('only format version 2 documents');
  for (const k of Object.keys(doc)) if (!TOP_KEYS.has(k)) fail(`document field ${k} is not in codec 3`);
  const c: EncodeContext = {
    w: new ByteWriter(),
    s: new ByteWriter(),
    sites: new Map(),
    nodes: new Map(),
    domains: [],
    last: new Map(),
  };
  const { w } = c;
  putStr(c, doc.name, []);
  putStr(c, doc.description, [undefined]);
  doc.sites.forEach((s, i) => c.sites.set(s.id, i));
  doc.nodes.forEach((n, i) => c.nodes.set(n.id, i));
  const cms = doc.deployment.cmsHost;
  const mode = DEPLOYMENT_MODES_3.indexOf(doc.deployment.mode);
  if (mode < 0) fail('unknown deployment mode');
  w.uint((cms === null ? 0 : ref(c.nodes, cms, 'node') + 1) * 2 + mode);
  putEnvelopeExtras(c, doc);

  w.uint(doc.sites.length);
  for (const s of doc.sites) {
    putStr(c, s.id, []);
    putStr(c, s.name, [s.id]);
    putFields(c, SITE_FIELDS, s as unknown as Entity, BASE_SITE_KEYS);
  }
  w.uint(doc.nodes.length);
  for (const n of doc.nodes) putNode(c, n);
  w.uint(doc.links.length);
  doc.links.forEach((l, i) => putLink(c, l, i));
  const siteLinks = doc.siteLinks;
  if (siteLinks === undefined) w.uint(0);
  else {
    w.uint(siteLinks.length + 1);
    siteLinks.forEach((l, i) => {
      if (Object.keys(l).length !== 6) fail('unknown site link field');
      putStr(c, l.id, [`sl${i + 1}`]);
      w.uint(ref(c.sites, l.from, 'site'));
      w.uint(ref(c.sites, l.to, 'site'));
      new Packer().put(BOOL, l.fast).put(BOOL, l.secured).put(BOOL, l.resilient).write(w);
    });
  }
  putLayout(c, doc, options.predictor, grid3);

  const out = new ByteWriter();
  out.uint(w.length);
  out.bytes(w.toBytes());
  out.bytes(c.s.toBytes());
  return out.toBytes();
}

/** Throws CompactFormatError, RangeError or ReadPastEnd on bytes this codec did not write. */
export function readCompact(bytes: Uint8Array): Record<string, unknown> {
  const head = new ByteReader(bytes);
  const structLen = head.uint();
  const structure = head.bytes(structLen);
  const text = head.bytes(head.remaining);
  const c: DecodeContext = {
    r: new ByteReader(structure),
    t: new ByteReader(text),
    siteIds: [],
    nodeIds: [],
    domains: [],
    last: new Map(),
  };
  const { r } = c;
  const name = getText(c, []);
  const description = getStr(c, [undefined]);
  const dep = r.uint();
  const mode = DEPLOYMENT_MODES_3[dep % 2]!;
  const cmsCode = Math.floor(dep / 2);
  const extras = getEnvelopeExtras(c);

  const siteCount = r.uint();
  if (siteCount > r.remaining) fail('site count out of range');
  const sites: Entity[] = [];
  for (let i = 0; i < siteCount; i++) {
    const id = getText(c, []);
    const siteName = getText(c, [id]);
    sites.push(getFields(c, SITE_FIELDS, { id, name: siteName }));
    c.siteIds.push(id);
  }
  const nodeCount = r.uint();
  if (nodeCount > r.remaining) fail('node count out of range');
  const nodes: Entity[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const n = getNode(c);
    nodes.push(n);
    c.nodeIds.push(n.id as string);
  }
  const linkCount = r.uint();
  if (linkCount > r.remaining) fail('link count out of range');
  const links: Entity[] = [];
  for (let i = 0; i < linkCount; i++) links.push(getLink(c, i));
  const siteLinkCode = r.uint();
  let siteLinks: Entity[] | undefined;
  if (siteLinkCode !== 0) {
    if (siteLinkCode - 1 > r.remaining) fail('site link count out of range');
    siteLinks = [];
    for (let i = 0; i < siteLinkCode - 1; i++) {
      const id = getText(c, [`sl${i + 1}`]);
      const from = at(c.siteIds, r.uint(), 'site');
      const to = at(c.siteIds, r.uint(), 'site');
      const p = new Unpacker(r.uint());
      const fast = p.take(BOOL);
      const secured = p.take(BOOL);
      const resilient = p.take(BOOL);
      p.done();
      siteLinks.push({ id, from, to, fast, secured, resilient });
    }
  }
  const layout = getLayout(c, sites, nodes, grid3);
  if (r.remaining !== 0 || c.t.remaining !== 0) fail('unexpected bytes after the document');
  const cmsHost = cmsCode === 0 ? null : at(c.nodeIds, cmsCode - 1, 'node');
  return {
    format: FORMAT,
    version: VERSION_3,
    name,
    ...(description === undefined ? {} : { description }),
    deployment: { cmsHost, mode, ...extras },
    sites,
    nodes,
    links,
    ...(siteLinks === undefined ? {} : { siteLinks }),
    ...(layout === undefined ? {} : { layout }),
  };
}
