/**
 * Topology questions several rule families ask that are about how the rules group the
 * design (pairs, machines, branch sites) rather than about the graph itself, which is
 * TopologyIndex's job. Each answer is computed once per index (one evaluation) and
 * shared; like the index's own lists, callers read it and never change it.
 */
import type { LinkKind, NodeKind, NodeOfKind, PoolPairing, SiteLink, SqlStore, TopologyNode } from '../model/schema';
import { host, isRegistrar, sqlHosts, type RegistrarPool, type TopologyIndex } from '../model/topology-index';

/** `compute(ix)` remembered per index: the first rule that asks pays, the others read. */
export function perIndex<T>(compute: (ix: TopologyIndex) => T): (ix: TopologyIndex) => T {
  const cache = new WeakMap<TopologyIndex, T>();
  return (ix) => {
    if (cache.has(ix)) return cache.get(ix) as T;
    const value = compute(ix);
    cache.set(ix, value);
    return value;
  };
}

// ---------------------------------------------------------------- pairs

/** Two paired nodes and every `pairing` link that joins them (more than one is PAIR-SYMMETRIC's finding). */
export interface Pairing<N extends TopologyNode = TopologyNode> {
  a: N;
  b: N;
  links: PoolPairing[];
}
export type Pair = Pairing<RegistrarPool>;

/**
 * Pairing links grouped by the unordered pair they join, one entry per two nodes however
 * many links join them, so that "one finding per pair" holds; `a` is the `from` end of
 * the first link. Self-pairings (refused by parseTopology) and links to absent nodes are
 * left out: PAIR-SYMMETRIC reports the former.
 */
export const pairingsByPair = perIndex((ix): readonly Pairing[] => {
  const byKey = new Map<string, Pairing>();
  for (const l of ix.linksOfKind('pairing')) {
    if (l.from === l.to) continue;
    const a = ix.node(l.from);
    const b = ix.node(l.to);
    if (!a || !b) continue;
    const key = l.from < l.to ? `${l.from}\u0000${l.to}` : `${l.to}\u0000${l.from}`;
    const p = byKey.get(key);
    if (p) p.links.push(l);
    else byKey.set(key, { a, b, links: [l] });
  }
  return [...byKey.values()];
});

/** The pairs of `pairingsByPair` whose both ends are registrar pools (FE pool or SE server). */
export const pairsOf = perIndex((ix): readonly Pair[] =>
  pairingsByPair(ix).filter((p): p is Pair => isRegistrar(p.a) && isRegistrar(p.b)),
);

// ---------------------------------------------------------------- machines and hosts

/** A machine (lower-case host name) and the nodes on it, in document order. */
export interface SharedMachine {
  host: string;
  nodes: TopologyNode[];
}

/**
 * The machines that hold two or more nodes: `host(x)` for every node, plus every server
 * of `sqlHosts(s)` for a SQL store (an AG store occupies its replicas' servers too).
 * The collocation rules ask only about some of them: see `soloRoleMachines`.
 */
export const sharedMachines = perIndex((ix): readonly SharedMachine[] => machinesAmong(ix));

/** Kinds the collocation rules want on a machine of their own: FILE-COLLOCATED, FS-COLLOC-HOST, OWAS-SEPARATE-SERVER, GEN-SEPARATE-ROLES. */
const SOLO_KINDS: readonly NodeKind[] = ['fileStore', 'officeOnlineServer', 'edgePool', 'directorPool'];

/**
 * The machines of `sharedMachines` that hold a file store, an Office Online Server, an
 * Edge pool or a Director pool: all the collocation rules report on (one finding per
 * machine, so linear however many nodes share a name). Only the names of those nodes are
 * grouped, a tenth of a large design's, rather than every machine name.
 */
export const soloRoleMachines = perIndex((ix): readonly SharedMachine[] => {
  const solo = new Set<string>();
  for (const kind of SOLO_KINDS) for (const n of ix.ofKind(kind)) solo.add(host(n));
  return solo.size === 0 ? [] : machinesAmong(ix, solo);
});

/** The shared machines in the order their names first appear, each node in document order; only the names in `among` when given. */
function machinesAmong(ix: TopologyIndex, among?: ReadonlySet<string>): SharedMachine[] {
  // Singletons stay unboxed: most hosts hold one node, so most entries allocate no array.
  const byHost = new Map<string, TopologyNode | TopologyNode[]>();
  const add = (h: string, n: TopologyNode) => {
    if (among && !among.has(h)) return;
    const cur = byHost.get(h);
    if (cur === undefined) byHost.set(h, n);
    else if (Array.isArray(cur)) cur.push(n);
    else byHost.set(h, [cur, n]);
  };
  for (const n of ix.doc.nodes) {
    if (n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg' && n.ag) for (const h of sqlHosts(n)) add(h, n);
    else add(host(n), n);
  }
  const out: SharedMachine[] = [];
  for (const [h, v] of byHost) if (Array.isArray(v)) out.push({ host: h, nodes: v });
  return out;
}

const byHostOfKind = perIndex(() => new Map<NodeKind, ReadonlyMap<string, TopologyNode[]>>());
/** The nodes of one kind by `host` (lower-case FQDN), in document order. */
export function nodesByHost<K extends NodeKind>(ix: TopologyIndex, kind: K): ReadonlyMap<string, NodeOfKind<K>[]> {
  const perKind = byHostOfKind(ix);
  let m = perKind.get(kind);
  if (!m) {
    const built = new Map<string, TopologyNode[]>();
    for (const n of ix.ofKind(kind)) {
      const h = host(n);
      const arr = built.get(h);
      if (arr) arr.push(n);
      else built.set(h, [n]);
    }
    perKind.set(kind, (m = built));
  }
  return m as ReadonlyMap<string, NodeOfKind<K>[]>;
}

/** The SQL stores some pool uses as its Back End, by `host`, each once, in link order. */
export const backEndsByHost = perIndex((ix): ReadonlyMap<string, SqlStore[]> => {
  const seen = new Set<string>();
  const out = new Map<string, SqlStore[]>();
  for (const l of ix.linksOfKind('backEnd')) {
    const s = ix.node(l.to);
    if (s?.kind !== 'sqlStore' || seen.has(s.id)) continue;
    seen.add(s.id);
    const h = host(s);
    const arr = out.get(h);
    if (arr) arr.push(s);
    else out.set(h, [s]);
  }
  return out;
});

// ---------------------------------------------------------------- sites and neighbours

/** Survivable branches grouped by site, in document order. */
export const branchesBySite = perIndex((ix): ReadonlyMap<string, NodeOfKind<'survivableBranch'>[]> => {
  const bySite = new Map<string, NodeOfKind<'survivableBranch'>[]>();
  for (const b of ix.ofKind('survivableBranch')) {
    const arr = bySite.get(b.siteId);
    if (arr) arr.push(b);
    else bySite.set(b.siteId, [b]);
  }
  return bySite;
});

/** Sites holding a Front End pool or a Standard Edition server. */
export const registrarSites = perIndex((ix): ReadonlySet<string> => new Set(ix.registrars().map((p) => p.siteId)));

/** The distinct nodes `id`'s outgoing links of `kind` lead to, in link order. */
export function targetsOf(ix: TopologyIndex, id: string, kind: LinkKind): TopologyNode[] {
  return distinct(ix, ix.out(id, kind), 'to');
}

/** The distinct nodes whose links of `kind` arrive at `id`, in link order. */
export function sourcesOf(ix: TopologyIndex, id: string, kind: LinkKind): TopologyNode[] {
  return distinct(ix, ix.in(id, kind), 'from');
}

function distinct(ix: TopologyIndex, links: readonly { from: string; to: string }[], end: 'from' | 'to'): TopologyNode[] {
  if (links.length === 0) return [];
  if (links.length === 1) {
    const n = ix.node(links[0]![end]);
    return n ? [n] : [];
  }
  const out = new Map<string, TopologyNode>();
  for (const l of links) {
    const n = ix.node(l[end]);
    if (n && !out.has(n.id)) out.set(n.id, n);
  }
  return [...out.values()];
}

// ---------------------------------------------------------------- WAN (format v2 site links)

const sitePairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * The site links by the unordered pair of sites they join (the last one written when
 * several join the same two); undefined when the document describes no WAN at all, so
 * that the WAN rules are not evaluated on designs that never said anything about it.
 */
const siteLinksByPair = perIndex((ix): ReadonlyMap<string, SiteLink> | undefined => {
  const links = ix.doc.siteLinks;
  if (links === undefined) return undefined;
  const m = new Map<string, SiteLink>();
  for (const l of links) m.set(sitePairKey(l.from, l.to), l);
  return m;
});

/**
 * The WAN between sites `a` and `b`: `'unknown'` when the document describes no WAN,
 * `'same'` for one site, the site link joining them, or `'none'` when none does.
 */
export function wanBetween(ix: TopologyIndex, a: string, b: string): SiteLink | 'unknown' | 'same' | 'none' {
  if (a === b) return 'same';
  const m = siteLinksByPair(ix);
  if (m === undefined) return 'unknown';
  return m.get(sitePairKey(a, b)) ?? 'none';
}

/** Whether a node holds a Mediation Server: a Mediation pool, a pool or server with Mediation collocated, or a branch appliance. */
export function hasMediation(n: TopologyNode | undefined): boolean {
  if (n?.kind === 'mediationPool' || n?.kind === 'survivableBranch') return true;
  return (n?.kind === 'frontEndPool' || n?.kind === 'standardEditionServer') && n.mediationCollocated;
}

/** Sites holding a Mediation Server (`hasMediation`). */
export const mediationSites = perIndex((ix): ReadonlySet<string> => {
  const sites = new Set<string>();
  for (const n of ix.allNodes()) if (hasMediation(n)) sites.add(n.siteId);
  return sites;
});
