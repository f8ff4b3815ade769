/**
 * The plan's lookups by data center (PlanContext.losses), which the runbooks read
 * instead of scanning the design: each list is what a scan of the design would give, in
 * the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { isRegistrar } from '../model/topology-index';
import { PlanContext } from './plan-context';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

describe('PlanContext.losses', () => {
  it('groups pools and Edge pools by data center as scanning the design would, in its order', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 14, maxLinks: 30 }), (doc) => {
        const ctx = new PlanContext(doc);
        const { ix } = ctx;
        const l = ctx.losses();
        const edges = ix.ofKind('edgePool');
        const dcs = new Set(doc.sites.map((s) => ix.dc(s.id)));
        const target = (id: string, kind: 'nextHop' | 'mediaEdge') => {
          const link = ix.out(id, kind)[0];
          return link ? ix.node(link.to) : undefined;
        };
        const hopDc = (id: string) => {
          const hop = target(id, 'nextHop');
          return hop && ix.dc(hop.siteId);
        };
        const mediaDc = (id: string) => {
          const e = target(id, 'mediaEdge');
          return e?.kind === 'edgePool' ? ix.dc(e.siteId) : undefined;
        };
        for (const dc of dcs) {
          expect(l.registrarsIn.get(dc) ?? []).toEqual(ix.registrars().filter((r) => ix.dc(r.siteId) === dc));
          expect(l.edgesIn.get(dc) ?? []).toEqual(edges.filter((e) => ix.dc(e.siteId) === dc));
          expect(l.edgesByHopDc.get(dc) ?? []).toEqual(edges.filter((e) => hopDc(e.id) === dc));
          expect(l.mediaUsersByEdgeDc.get(dc) ?? []).toEqual(ix.registrars().filter((r) => mediaDc(r.id) === dc));
        }
        for (const s of doc.sites) expect(l.edgesInSite.get(s.id) ?? []).toEqual(edges.filter((e) => e.siteId === s.id));
        expect(ctx.losses()).toBe(l);
      }),
      { numRuns: RUNS },
    );
  });

  it('registrarsInBuildOrder: the CMS host first, then the pools in document order, the same list every time', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 14 }), (doc) => {
        const ctx = new PlanContext(doc);
        const cms = ctx.cmsHost();
        const rest = doc.nodes.filter(isRegistrar).filter((n) => n !== cms);
        expect(ctx.registrarsInBuildOrder()).toEqual(cms ? [cms, ...rest] : rest);
        expect(ctx.registrarsInBuildOrder()).toBe(ctx.registrarsInBuildOrder());
      }),
      { numRuns: RUNS },
    );
  });
});
