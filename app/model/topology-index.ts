/**
 * Indexes over one topology, built once per evaluation, and the catalogue's helper
 * notions (the helper notions the rule conditions in docs/rules.md are written in) on top of them.
 * Rules, the step exporter and the simulation all read the document through this, so
 * every question ("the Back End of this pool", "its partner") has one answer.
 */
import { feFor } from './reference-numbers';
import type {
  Link,
  LinkKind,
  LinkOfKind,
  NodeKind,
  NodeOfKind,
  ProductVersion,
  Site,
  SqlStore,
  StoreRole,
  Topology,
  TopologyNode,
} from './schema';

export type RegistrarPool = NodeOfKind<'frontEndPool'> | NodeOfKind<'standardEditionServer'>;
export const isRegistrar = (n: TopologyNode | undefined): n is RegistrarPool =>
  n?.kind === 'frontEndPool' || n?.kind === 'standardEditionServer';

// Frozen, so that a caller changing a shared list fails loudly instead of corrupting the index.
const EMPTY: readonly Link[] = Object.freeze([]);
const NO_BRANCHES = Object.freeze([]) as unknown as NodeOfKind<'survivableBranch'>[];
const NO_NODES = Object.freeze([]) as unknown as TopologyNode[];

/**
 * A map from ids, kept as eight Maps chosen by the id's last character. V8 allocates the
 * table of a Map of more than 4,096 entries as a large object, which costs about a
 * millisecond every time (a 5,000-node design crossed that on every evaluation); eight
 * smaller tables stay in the ordinary heap up to about 30,000 ids. Same answers as a Map.
 */
export class IdMap<V> {
  private readonly shards: Map<string, V>[] = [
    new Map(),
    new Map(),
    new Map(),
    new Map(),
    new Map(),
    new Map(),
    new Map(),
    new Map(),
  ];
  private shard(id: string): Map<string, V> {
    // The last character varies most among ids ("pool-1", "pool-2"); for "" it is NaN, so shard 0.
    return this.shards[id.charCodeAt(id.length - 1) & 7]!;
  }
  get(id: string): V | undefined {
    return this.shard(id).get(id);
  }
  has(id: string): boolean {
    return this.shard(id).has(id);
  }
  /** Sets `id`'s value; true when `id` was not there before (one lookup where get-then-set takes two). */
  set(id: string, value: V): boolean {
    const m = this.shard(id);
    const size = m.size;
    m.set(id, value);
    return m.size > size;
  }
}

/**
 * The index over one document. Every list it returns is shared (built once, or once per
 * question): callers read it and never change it, which is what lets the rules ask the
 * same question thousands of times on a large design without allocating.
 */
export class TopologyIndex {
  readonly doc: Topology;
  readonly sites = new Map<string, Site>();
  private readonly byId = new IdMap<TopologyNode>();
  /** The nodes by id as a Map would iterate them: each id once, in its first place, the last node of that id. */
  private readonly unique: TopologyNode[] = [];
  private readonly byKind = new Map<NodeKind, TopologyNode[]>();
  private readonly linksByKind = new Map<LinkKind, Link[]>();
  private readonly outLinks = new IdMap<Link[]>();
  private readonly inLinks = new IdMap<Link[]>();
  /** Link kind → node id → that node's links of the kind: out(x, k) and in(x, k) without filtering. */
  private readonly outByKind = new Map<LinkKind, IdMap<Link[]>>();
  private readonly inByKind = new Map<LinkKind, IdMap<Link[]>>();
  // Built on first use: few callers ask, and the constructor runs on every edit.
  private nodesById: Map<string, TopologyNode> | undefined;
  private linksById: Map<string, Link> | undefined;
  private bySite: Map<string, TopologyNode[]> | undefined;
  private registrarList: RegistrarPool[] | undefined;
  // One map per memoised question, keyed by node id or node (no composed string keys on the hot
  // path). Each question looks in its map before building anything: the rules ask thousands of times.
  private readonly usersMemo = new Map<TopologyNode, number>();
  private readonly branchesMemo = new Map<string, NodeOfKind<'survivableBranch'>[]>();
  private readonly poolsUsingMemo = new Map<string, TopologyNode[]>();
  private readonly principalsMemo = new Map<string, string[]>();
  private readonly versionsMemo = new Map<string, Set<ProductVersion>>();

  constructor(doc: Topology) {
    this.doc = doc;
    for (const s of doc.sites) this.sites.set(s.id, s);
    for (const n of doc.nodes) {
      if (this.byId.set(n.id, n)) this.unique.push(n);
      // A repeated id (parseTopology refuses it): the later node takes the earlier one's place.
      else this.unique[this.unique.findIndex((u) => u.id === n.id)] = n;
      push(this.byKind, n.kind, n);
    }
    for (const l of doc.links) {
      push(this.linksByKind, l.kind, l);
      pushById(this.outLinks, l.from, l);
      pushById(this.inLinks, l.to, l);
    }
  }

  /** Nodes by id, as a Map (built on first use: allNodes and node(id) answer the rules). */
  get nodes(): ReadonlyMap<string, TopologyNode> {
    if (!this.nodesById) {
      this.nodesById = new Map();
      for (const n of this.unique) this.nodesById.set(n.id, n);
    }
    return this.nodesById;
  }
  /** Every node once per id, in document order: what iterating `nodes` gives. */
  allNodes(): readonly TopologyNode[] {
    return this.unique;
  }

  /** Links by id. */
  get links(): ReadonlyMap<string, Link> {
    if (!this.linksById) {
      this.linksById = new Map();
      for (const l of this.doc.links) this.linksById.set(l.id, l);
    }
    return this.linksById;
  }

  node(id: string): TopologyNode | undefined {
    return this.byId.get(id);
  }
  site(id: string): Site | undefined {
    return this.sites.get(id);
  }
  ofKind<K extends NodeKind>(kind: K): NodeOfKind<K>[] {
    return (this.byKind.get(kind) ?? []) as NodeOfKind<K>[];
  }
  /** Front End pools, then Standard Edition servers, each in document order. */
  registrars(): RegistrarPool[] {
    return (this.registrarList ??= [...this.ofKind('frontEndPool'), ...this.ofKind('standardEditionServer')]);
  }
  linksOfKind<K extends LinkKind>(kind: K): LinkOfKind<K>[] {
    return (this.linksByKind.get(kind) ?? []) as LinkOfKind<K>[];
  }
  nodesInSite(siteId: string): readonly TopologyNode[] {
    if (!this.bySite) {
      this.bySite = new Map();
      for (const n of this.doc.nodes) push(this.bySite, n.siteId, n);
    }
    return this.bySite.get(siteId) ?? [];
  }

  /** `out(x, k)`: links of kind `k` leaving `x` (all kinds when `k` is omitted). */
  out<K extends LinkKind>(id: string, kind?: K): LinkOfKind<K>[] {
    const links = kind === undefined ? this.outLinks.get(id) : this.byEnd(this.outByKind, kind, 'from').get(id);
    return (links ?? EMPTY) as LinkOfKind<K>[];
  }
  /** `in(x, k)`: links of kind `k` arriving at `x`. */
  in<K extends LinkKind>(id: string, kind?: K): LinkOfKind<K>[] {
    const links = kind === undefined ? this.inLinks.get(id) : this.byEnd(this.inByKind, kind, 'to').get(id);
    return (links ?? EMPTY) as LinkOfKind<K>[];
  }
  /** The links of one kind by their `from` or `to` node, built the first time that kind is asked for. */
  private byEnd(cache: Map<LinkKind, IdMap<Link[]>>, kind: LinkKind, end: 'from' | 'to'): IdMap<Link[]> {
    let m = cache.get(kind);
    if (!m) {
      m = new IdMap();
      for (const l of this.linksOfKind(kind)) pushById(m, l[end], l);
      cache.set(kind, m);
    }
    return m;
  }
  /** Links of kind `k` at either end of `x` (pairing is undirected): the outgoing ones first. */
  touching<K extends LinkKind>(id: string, kind: K): LinkOfKind<K>[] {
    const out = this.out(id, kind);
    const inc = this.in(id, kind);
    if (inc.length === 0) return out;
    if (out.length === 0) return inc;
    return [...out, ...inc];
  }
  other(link: Link, id: string): TopologyNode | undefined {
    return this.byId.get(link.from === id ? link.to : link.from);
  }

  /** `backEnd(p)`: the store of a pool's single `backEnd` link; undefined unless exactly one. */
  backEnd(poolId: string): SqlStore | undefined {
    const ls = this.out(poolId, 'backEnd');
    if (ls.length !== 1) return undefined;
    const s = this.byId.get(ls[0]!.to);
    return s?.kind === 'sqlStore' ? s : undefined;
  }
  /** `stores(x, role)`. */
  stores(id: string, role: StoreRole): SqlStore[] {
    return this.out(id, 'store')
      .filter((l) => l.role === role)
      .map((l) => this.byId.get(l.to))
      .filter((n): n is SqlStore => n?.kind === 'sqlStore');
  }
  /** `poolsUsing(s)`: registrar pools and Persistent Chat pools with a backEnd or store link to `s`. */
  poolsUsing(storeId: string): TopologyNode[] {
    let pools = this.poolsUsingMemo.get(storeId);
    if (pools === undefined) {
      let found: TopologyNode[] | undefined;
      let seen: Set<TopologyNode> | undefined;
      for (const l of this.in(storeId)) {
        if (l.kind !== 'backEnd' && l.kind !== 'store') continue;
        const n = this.byId.get(l.from);
        if (n) seen = pushDistinct((found ??= []), n, seen);
      }
      this.poolsUsingMemo.set(storeId, (pools = found ?? NO_NODES));
    }
    return pools;
  }
  /** Stores that reach `s` through mirror, witness or logShipping links (transitively), `s` included. */
  principalsOf(storeId: string): string[] {
    let found = this.principalsMemo.get(storeId);
    if (found === undefined) {
      // Most stores are reached by nothing: then no walk (and no set) at all.
      if (!this.in(storeId).some(reachesStore)) found = [storeId];
      else {
        const seen = new Set<string>([storeId]);
        const queue = [storeId];
        while (queue.length) {
          const cur = queue.pop()!;
          for (const l of this.in(cur)) {
            if (reachesStore(l) && !seen.has(l.from)) {
              seen.add(l.from);
              queue.push(l.from);
            }
          }
        }
        found = [...seen];
      }
      this.principalsMemo.set(storeId, found);
    }
    return found;
  }
  /** `versionsUsing(s)`: product versions of the pools using `s` or any store that reaches it by mirror/witness/logShipping. */
  versionsUsing(storeId: string): Set<ProductVersion> {
    let versions = this.versionsMemo.get(storeId);
    if (versions === undefined) {
      versions = new Set<ProductVersion>();
      for (const t of this.principalsOf(storeId))
        for (const p of this.poolsUsing(t))
          if ('productVersion' in p && p.productVersion !== undefined) versions.add(p.productVersion);
      this.versionsMemo.set(storeId, versions);
    }
    return versions;
  }
  /** The pools (as in `poolsUsing`) of `s` and of every store reaching it. */
  poolsUsingTransitively(storeId: string): TopologyNode[] {
    const out = new Set<TopologyNode>();
    for (const t of this.principalsOf(storeId)) for (const p of this.poolsUsing(t)) out.add(p);
    return [...out];
  }
  mirrorOf(storeId: string): SqlStore | undefined {
    const l = this.out(storeId, 'mirror')[0];
    const n = l && this.byId.get(l.to);
    return n?.kind === 'sqlStore' ? n : undefined;
  }
  witnessOf(storeId: string): SqlStore | undefined {
    const l = this.out(storeId, 'witness')[0];
    const n = l && this.byId.get(l.to);
    return n?.kind === 'sqlStore' ? n : undefined;
  }
  /** `mirrored(s)`: haMode mirroring, or either end of a mirror link. */
  mirrored(s: SqlStore): boolean {
    return s.haMode === 'mirroring' || this.out(s.id, 'mirror').length > 0 || this.in(s.id, 'mirror').length > 0;
  }
  /** The pools paired with `p` (normally zero or one), one entry per pairing link. */
  partners(poolId: string): TopologyNode[] {
    return this.touching(poolId, 'pairing')
      .map((l) => this.other(l, poolId))
      .filter((n): n is TopologyNode => n !== undefined);
  }
  /** The distinct pools paired with `p`, itself excluded (a self-pairing or a duplicate link adds none), in link order. */
  distinctPartners(poolId: string): TopologyNode[] {
    // Usually one partner: the list starts at its size and grows only for a second.
    let out: TopologyNode[] | undefined;
    let seen: Set<TopologyNode> | undefined;
    const outgoing = this.out(poolId, 'pairing');
    const incoming = this.in(poolId, 'pairing');
    // The outgoing links, then the incoming ones, without building a list of both.
    for (let i = 0; i < outgoing.length + incoming.length; i++) {
      const l = i < outgoing.length ? outgoing[i]! : incoming[i - outgoing.length]!;
      const n = this.other(l, poolId);
      if (n && n.id !== poolId) seen = pushDistinct((out ??= []), n, seen);
    }
    return out ?? [];
  }
  /** `partner(p)`: the other end of `p`'s pairing link when `p` has exactly one. */
  partner(poolId: string): RegistrarPool | undefined {
    const ps = this.partners(poolId);
    return ps.length === 1 && isRegistrar(ps[0]) ? ps[0] : undefined;
  }
  /** Survivable branches that use `p` as their backup registrar. */
  branchesBackedBy(poolId: string): NodeOfKind<'survivableBranch'>[] {
    const links = this.in(poolId, 'backupRegistrar');
    // Most pools back up no branch: nothing to remember.
    if (links.length === 0) return NO_BRANCHES;
    let branches = this.branchesMemo.get(poolId);
    if (branches === undefined) {
      branches = links
        .map((l) => this.byId.get(l.from))
        .filter((n): n is NodeOfKind<'survivableBranch'> => n?.kind === 'survivableBranch');
      this.branchesMemo.set(poolId, branches);
    }
    return branches;
  }
  /** `registrarUsers(p)`: users homed on `p` plus users of the branches it backs up. */
  registrarUsers(p: RegistrarPool): number {
    // Remembered by node object, and only for the document's own node: a changed copy passed in is counted afresh.
    let users = this.usersMemo.get(p);
    if (users !== undefined) return users;
    let branchUsers = 0;
    for (const b of this.branchesBackedBy(p.id)) branchUsers += b.users;
    users = p.users + branchUsers;
    if (this.byId.get(p.id) === p) this.usersMemo.set(p, users);
    return users;
  }
  /** `failoverLoad(X, Y)`: users X carries once Y has failed over to it (Y's branch users do not move). */
  failoverLoad(x: RegistrarPool, y: RegistrarPool): number {
    return this.registrarUsers(x) + y.users;
  }
  /** `dc(x)`: the site's datacenter when set, otherwise the site id. */
  dc(siteId: string): string {
    const s = this.sites.get(siteId);
    return s?.datacenter ?? siteId;
  }
  region(siteId: string): string | undefined {
    return this.sites.get(siteId)?.region;
  }
}

/** Links by which a store reaches another (`principalsOf`). */
const reachesStore = (l: Link): boolean => l.kind === 'mirror' || l.kind === 'witness' || l.kind === 'logShipping';

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const arr = map.get(key);
  if (arr) arr.push(value);
  else map.set(key, [value]);
}

function pushById<V>(map: IdMap<V[]>, id: string, value: V) {
  const arr = map.get(id);
  if (arr) arr.push(value);
  else map.set(id, [value]);
}

/** `host(x)`: the FQDN in lower case (equal hosts = one machine). */
export const host = (n: { fqdn: string }): string => lowerCase(n.fqdn);

/**
 * `s.toLowerCase()`, but `s` itself when it has no letter to lower: FQDNs are usually
 * written in lower case already, and toLowerCase copies the string every time (the rules
 * ask for the host of every node, several times over).
 */
export function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}
/** `instanceKey(s)`. */
export const instanceKey = (s: SqlStore): string => `${host(s)}\\${s.instance.toLowerCase()}`;
/** `sqlHosts(s)`: the servers a store occupies (AG listener and replicas included). */
export function sqlHosts(s: SqlStore): string[] {
  const out = [host(s)];
  if (s.haMode !== 'alwaysOnAg' || !s.ag) return out;
  addHost(out, s.ag.listenerFqdn);
  for (const r of s.ag.replicas) addHost(out, r.fqdn);
  return out;
}
/** Adds the host of `fqdn` to `hosts` unless there: a handful of names, so a linear look beats a Set. */
function addHost(hosts: string[], fqdn: string): void {
  const h = lowerCase(fqdn);
  if (!hosts.includes(h)) hosts.push(h);
}
/** `cuNumber(x)`: 7 for "CU7"; undefined when absent or unreadable. */
export function cuNumber(n: { cumulativeUpdate?: string | undefined }): number | undefined {
  if (!n.cumulativeUpdate) return undefined;
  const m = /CU\s*(\d+)/i.exec(n.cumulativeUpdate);
  return m ? Number(m[1]) : undefined;
}
function levelPart(level: string | undefined, part: 'SP' | 'CU'): number | undefined {
  if (level === undefined) return undefined;
  const m = new RegExp(`${part}\\s*(\\d+)`, 'i').exec(level);
  return m ? Number(m[1]) : 0;
}
/** `sqlSp(s)`: the service pack number (0 when the level names none); undefined when the level is absent. */
export const sqlSp = (s: SqlStore): number | undefined => levelPart(s.sqlUpdateLevel, 'SP');
/** `sqlCu(s)`. */
export const sqlCu = (s: SqlStore): number | undefined => levelPart(s.sqlUpdateLevel, 'CU');
export const singleLabel = (fqdn: string): boolean => !fqdn.includes('.');
export { feFor };

/**
 * Adds `n` to `list` unless it is there already. Lists here are usually one node long:
 * a linear look beats a Set until the list grows (a hostile design), then the Set is
 * made and returned for the next call.
 */
function pushDistinct(list: TopologyNode[], n: TopologyNode, seen: Set<TopologyNode> | undefined): Set<TopologyNode> | undefined {
  if (list.length >= 8) seen ??= new Set(list);
  if (seen ? seen.has(n) : list.includes(n)) return seen;
  list.push(n);
  seen?.add(n);
  return seen;
}
