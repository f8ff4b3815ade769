/**
 * What the failure takes away: the lost nodes, and for a site failure the site itself
 * (AG replicas and Persistent Chat servers carry their own siteId, so they are judged
 * one by one). Read-only view over the document shared by every part of the analysis.
 */
import { isRegistrar, type RegistrarPool, type TopologyIndex } from '../model/topology-index';
import type { TopologyNode } from '../model/schema';
import { Plan } from './plan';

export class SimContext {
  readonly lost = new Set<string>();
  readonly plan = new Plan();

  constructor(
    readonly ix: TopologyIndex,
    readonly failedSite: string | undefined,
    readonly failedPool: string | undefined,
  ) {
    for (const n of ix.doc.nodes) if (this.nodeLost(n)) this.lost.add(n.id);
  }

  private nodeLost(n: TopologyNode): boolean {
    if (this.failedPool !== undefined) return n.id === this.failedPool;
    if (n.kind === 'persistentChatPool' && n.servers.length > 0) return n.servers.every((s) => s.siteId === this.failedSite);
    return n.siteId === this.failedSite;
  }

  isLost(id: string): boolean {
    return this.lost.has(id);
  }

  /** Whether something placed in `siteId` (an AG replica, a Persistent Chat server) is lost. */
  siteLost(siteId: string): boolean {
    return this.failedSite !== undefined && siteId === this.failedSite;
  }

  survives(n: TopologyNode | undefined): n is TopologyNode {
    return n !== undefined && !this.lost.has(n.id);
  }

  /** Surviving registrar pools paired with `poolId`, in link order. */
  survivingPartners(poolId: string): RegistrarPool[] {
    return this.ix.partners(poolId).filter((p): p is RegistrarPool => isRegistrar(p) && !this.lost.has(p.id));
  }

  node(id: string): TopologyNode | undefined {
    return this.ix.node(id);
  }

  region(siteId: string): string | undefined {
    return this.ix.region(siteId);
  }

  /**
   * Candidates ranked for taking over from something in `anchorSite`: first those in
   * `preferredSites` (in that order), then the same site, then the same world region,
   * then the rest; ties keep document order.
   */
  rank<T extends TopologyNode>(
    candidates: readonly T[],
    anchorSite: string,
    preferredSites: readonly string[] = [],
    tieBreak?: (a: T, b: T) => number,
  ): T[] {
    const region = this.region(anchorSite);
    const score = (n: T): number => {
      const p = preferredSites.indexOf(n.siteId);
      if (p >= 0) return p;
      if (n.siteId === anchorSite) return preferredSites.length;
      if (region !== undefined && this.region(n.siteId) === region) return preferredSites.length + 1;
      return preferredSites.length + 2;
    };
    return candidates
      .map((n, i) => ({ n, i, s: score(n) }))
      .sort((a, b) => a.s - b.s || (tieBreak ? tieBreak(a.n, b.n) : 0) || a.i - b.i)
      .map((x) => x.n);
  }
}
