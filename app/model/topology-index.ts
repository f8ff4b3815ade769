/**
 * Indexes over one topology, built once per evaluation, and the catalogue's helper
 * notions ("Helper notions (format v1)" in shared/domain/rules.md) on top of them.
 * Rules, the step exporter and the simulation all read the document through this, so
 * every question ("the Back End of this pool", "its partner") has one answer.
 */
import { feFor } from './reference-numbers';
import type { Link, LinkKind, LinkOfKind, NodeKind, NodeOfKind, ProductVersion, Site, SqlStore, StoreRole, Topology, TopologyNode } from './schema';

export type RegistrarPool = NodeOfKind<'frontEndPool'> | NodeOfKind<'standardEditionServer'>;
export const isRegistrar = (n: TopologyNode | undefined): n is RegistrarPool => n?.kind === 'frontEndPool' || n?.kind === 'standardEditionServer';

// Frozen, so that a caller changing a shared list fails loudly instead of corrupting the index.
const EMPTY: readonly Link[] = Object.freeze([]);
const NO_BRANCHES = Object.freeze([]) as unknown as NodeOfKind<'survivableBranch'>[];

/**
 * The index over one document. Every list it returns is shared (built once, or once per
 * question): callers read it and never change it, which is what lets the rules ask the
 * same question thousands of times on a large design without allocating.
 */
export class TopologyIndex {
  readonly doc: Topology;
  readonly nodes = new Map<string, TopologyNode>();
  readonly sites = new Map<string, Site>();
  private readonly byKind = new Map<NodeKind, TopologyNode[]>();
  private readonly linksByKind = new Map<LinkKind, Link[]>();
  private readonly outLinks = new Map<string, Link[]>();
  private readonly inLinks = new Map<string, Link[]>();
  /** Link kind → node id → that node's links of the kind: out(x, k) and in(x, k) without filtering. */
  private readonly outByKind = new Map<LinkKind, Map<string, Link[]>>();
  private readonly inByKind = new Map<LinkKind, Map<string, Link[]>>();
  // Built on first use: few callers ask, and the constructor runs on every edit.
  private linksById: Map<string, Link> | undefined;
  private bySite: Map<string, TopologyNode[]> | undefined;
  private registrarList: RegistrarPool[] | undefined;
  // One map per memoised question, keyed by node id (no composed string keys on the hot path).
  private readonly usersMemo = new Map<string, number>();
  private readonly branchesMemo = new Map<string, NodeOfKind<'survivableBranch'>[]>();
  private readonly poolsUsingMemo = new Map<string, TopologyNode[]>();
  private readonly principalsMemo = new Map<string, string[]>();
  private readonly versionsMemo = new Map<string, Set<ProductVersion>>();

  constructor(doc: Topology) {
    this.doc = doc;
    for (const s of doc.sites) this.sites.set(s.id, s);
    for (const n of doc.nodes) {
      this.nodes.set(n.id, n);
      push(this.byKind, n.kind, n);
    }
    for (const l of doc.links) {
      push(this.linksByKind, l.kind, l);
      push(this.outLinks, l.from, l);
      push(this.inLinks, l.to, l);
    }
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
    return this.nodes.get(id);
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
  private byEnd(cache: Map<LinkKind, Map<string, Link[]>>, kind: LinkKind, end: 'from' | 'to'): Map<string, Link[]> {
    let m = cache.get(kind);
    if (!m) {
      m = new Map();
      for (const l of this.linksOfKind(kind)) push(m, l[end], l);
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
    return this.nodes.get(link.from === id ? link.to : link.from);
  }

  /** `backEnd(p)`: the store of a pool's single `backEnd` link; undefined unless exactly one. */
  backEnd(poolId: string): SqlStore | undefined {
    const ls = this.out(poolId, 'backEnd');
    if (ls.length !== 1) return undefined;
    const s = this.nodes.get(ls[0]!.to);
    return s?.kind === 'sqlStore' ? s : undefined;
  }
  /** `stores(x, role)`. */
  stores(id: string, role: StoreRole): SqlStore[] {
    return this.out(id, 'store')
      .filter((l) => l.role === role)
      .map((l) => this.nodes.get(l.to))
      .filter((n): n is SqlStore => n?.kind === 'sqlStore');
  }
  /** `poolsUsing(s)`: registrar pools and Persistent Chat pools with a backEnd or store link to `s`. */
  poolsUsing(storeId: string): TopologyNode[] {
    return memo(this.poolsUsingMemo, storeId, () => {
      const out = new Set<TopologyNode>();
      for (const l of this.in(storeId)) {
        if (l.kind !== 'backEnd' && l.kind !== 'store') continue;
        const n = this.nodes.get(l.from);
        if (n) out.add(n);
      }
      return [...out];
    });
  }
  /** Stores that reach `s` through mirror, witness or logShipping links (transitively), `s` included. */
  principalsOf(storeId: string): string[] {
    return memo(this.principalsMemo, storeId, () => {
      const seen = new Set<string>([storeId]);
      const queue = [storeId];
      while (queue.length) {
        const cur = queue.pop()!;
        for (const l of this.in(cur)) {
          if ((l.kind === 'mirror' || l.kind === 'witness' || l.kind === 'logShipping') && !seen.has(l.from)) {
            seen.add(l.from);
            queue.push(l.from);
          }
        }
      }
      return [...seen];
    });
  }
  /** `versionsUsing(s)`: product versions of the pools using `s` or any store that reaches it by mirror/witness/logShipping. */
  versionsUsing(storeId: string): Set<ProductVersion> {
    return memo(this.versionsMemo, storeId, () => {
      const out = new Set<ProductVersion>();
      for (const t of this.principalsOf(storeId))
        for (const p of this.poolsUsing(t)) if ('productVersion' in p) out.add(p.productVersion);
      return out;
    });
  }
  /** The pools (as in `poolsUsing`) of `s` and of every store reaching it. */
  poolsUsingTransitively(storeId: string): TopologyNode[] {
    const out = new Set<TopologyNode>();
    for (const t of this.principalsOf(storeId)) for (const p of this.poolsUsing(t)) out.add(p);
    return [...out];
  }
  mirrorOf(storeId: string): SqlStore | undefined {
    const l = this.out(storeId, 'mirror')[0];
    const n = l && this.nodes.get(l.to);
    return n?.kind === 'sqlStore' ? n : undefined;
  }
  witnessOf(storeId: string): SqlStore | undefined {
    const l = this.out(storeId, 'witness')[0];
    const n = l && this.nodes.get(l.to);
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
    const out: TopologyNode[] = [];
    let seen: Set<TopologyNode> | undefined;
    for (const links of [this.out(poolId, 'pairing'), this.in(poolId, 'pairing')])
      for (const l of links) {
        const n = this.other(l, poolId);
        if (!n || n.id === poolId) continue;
        // A pool normally has one partner; only a hostile design needs the set.
        if (out.length >= 8) seen ??= new Set(out);
        if (seen ? seen.has(n) : out.includes(n)) continue;
        out.push(n);
        seen?.add(n);
      }
    return out;
  }
  /** `partner(p)`: the other end of `p`'s pairing link when `p` has exactly one. */
  partner(poolId: string): RegistrarPool | undefined {
    const ps = this.partners(poolId);
    return ps.length === 1 && isRegistrar(ps[0]) ? ps[0] : undefined;
  }
  /** Survivable branches that use `p` as their backup registrar. */
  branchesBackedBy(poolId: string): NodeOfKind<'survivableBranch'>[] {
    return memo(this.branchesMemo, poolId, () => {
      const links = this.in(poolId, 'backupRegistrar');
      if (links.length === 0) return NO_BRANCHES;
      return links.map((l) => this.nodes.get(l.from)).filter((n): n is NodeOfKind<'survivableBranch'> => n?.kind === 'survivableBranch');
    });
  }
  /** `registrarUsers(p)`: users homed on `p` plus users of the branches it backs up. */
  registrarUsers(p: RegistrarPool): number {
    const count = () => p.users + this.branchesBackedBy(p.id).reduce((sum, b) => sum + b.users, 0);
    // Remembered only for the document's own node: a changed copy passed in is counted afresh.
    return this.nodes.get(p.id) === p ? memo(this.usersMemo, p.id, count) : count();
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

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) cache.set(key, (v = compute()));
  return v as T;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const arr = map.get(key);
  if (arr) arr.push(value);
  else map.set(key, [value]);
}

/** `host(x)`: the FQDN in lower case (equal hosts = one machine). */
export const host = (n: { fqdn: string }): string => n.fqdn.toLowerCase();
/** `instanceKey(s)`. */
export const instanceKey = (s: SqlStore): string => `${host(s)}\\${s.instance.toLowerCase()}`;
/** `sqlHosts(s)`: the servers a store occupies (AG listener and replicas included). */
export function sqlHosts(s: SqlStore): string[] {
  const out = [host(s)];
  if (s.haMode !== 'alwaysOnAg' || !s.ag) return out;
  // A handful of names: a linear look beats building a Set for every store.
  const add = (fqdn: string) => {
    const h = fqdn.toLowerCase();
    if (!out.includes(h)) out.push(h);
  };
  add(s.ag.listenerFqdn);
  for (const r of s.ag.replicas) add(r.fqdn);
  return out;
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
