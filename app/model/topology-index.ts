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

const EMPTY: readonly Link[] = Object.freeze([]);

export class TopologyIndex {
  readonly doc: Topology;
  readonly nodes = new Map<string, TopologyNode>();
  readonly sites = new Map<string, Site>();
  readonly links = new Map<string, Link>();
  private readonly byKind = new Map<NodeKind, TopologyNode[]>();
  private readonly linksByKind = new Map<LinkKind, Link[]>();
  private readonly outLinks = new Map<string, Link[]>();
  private readonly inLinks = new Map<string, Link[]>();
  private readonly bySite = new Map<string, TopologyNode[]>();
  private readonly memo = new Map<string, unknown>();

  constructor(doc: Topology) {
    this.doc = doc;
    for (const s of doc.sites) this.sites.set(s.id, s);
    for (const n of doc.nodes) {
      this.nodes.set(n.id, n);
      push(this.byKind, n.kind, n);
      push(this.bySite, n.siteId, n);
    }
    for (const l of doc.links) {
      this.links.set(l.id, l);
      push(this.linksByKind, l.kind, l);
      push(this.outLinks, l.from, l);
      push(this.inLinks, l.to, l);
    }
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
  registrars(): RegistrarPool[] {
    return [...this.ofKind('frontEndPool'), ...this.ofKind('standardEditionServer')];
  }
  linksOfKind<K extends LinkKind>(kind: K): LinkOfKind<K>[] {
    return (this.linksByKind.get(kind) ?? []) as LinkOfKind<K>[];
  }
  nodesInSite(siteId: string): readonly TopologyNode[] {
    return this.bySite.get(siteId) ?? [];
  }

  /** `out(x, k)`: links of kind `k` leaving `x` (all kinds when `k` is omitted). */
  out<K extends LinkKind>(id: string, kind?: K): LinkOfKind<K>[] {
    const all = this.outLinks.get(id) ?? EMPTY;
    return (kind ? all.filter((l) => l.kind === kind) : all) as LinkOfKind<K>[];
  }
  /** `in(x, k)`: links of kind `k` arriving at `x`. */
  in<K extends LinkKind>(id: string, kind?: K): LinkOfKind<K>[] {
    const all = this.inLinks.get(id) ?? EMPTY;
    return (kind ? all.filter((l) => l.kind === kind) : all) as LinkOfKind<K>[];
  }
  /** Links of kind `k` at either end of `x` (pairing is undirected). */
  touching<K extends LinkKind>(id: string, kind: K): LinkOfKind<K>[] {
    return [...this.out(id, kind), ...this.in(id, kind)];
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
    return this.cached(`poolsUsing:${storeId}`, () => {
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
    return this.cached(`principals:${storeId}`, () => {
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
    return this.cached(`versions:${storeId}`, () => {
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
  /** The pools paired with `p` (normally zero or one). */
  partners(poolId: string): TopologyNode[] {
    return this.touching(poolId, 'pairing')
      .map((l) => this.other(l, poolId))
      .filter((n): n is TopologyNode => n !== undefined);
  }
  /** `partner(p)`: the other end of `p`'s pairing link when `p` has exactly one. */
  partner(poolId: string): RegistrarPool | undefined {
    const ps = this.partners(poolId);
    return ps.length === 1 && isRegistrar(ps[0]) ? ps[0] : undefined;
  }
  /** Survivable branches that use `p` as their backup registrar. */
  branchesBackedBy(poolId: string): NodeOfKind<'survivableBranch'>[] {
    return this.in(poolId, 'backupRegistrar')
      .map((l) => this.nodes.get(l.from))
      .filter((n): n is NodeOfKind<'survivableBranch'> => n?.kind === 'survivableBranch');
  }
  /** `registrarUsers(p)`: users homed on `p` plus users of the branches it backs up. */
  registrarUsers(p: RegistrarPool): number {
    return p.users + this.branchesBackedBy(p.id).reduce((sum, b) => sum + b.users, 0);
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

  private cached<T>(key: string, f: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = f();
    this.memo.set(key, v);
    return v;
  }
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
  if (s.haMode === 'alwaysOnAg' && s.ag) {
    out.push(s.ag.listenerFqdn.toLowerCase());
    for (const r of s.ag.replicas) out.push(r.fqdn.toLowerCase());
  }
  return [...new Set(out)];
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
