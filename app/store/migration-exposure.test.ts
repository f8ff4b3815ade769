import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deploymentAtStep, phaseMarks } from '../migrate/document-at-step';
import { arbScenarioShape, sameIds, scenario } from '../migrate/migrate-test-kit';
import { planMigration } from '../migrate/migration-plan';
import { transitionDocument } from '../migrate/transition-document';
import { referenceMigration } from '../model/samples/migrations';
import type { Topology } from '../model/schema';
import { simulateAllSites, simulateFailure } from '../simulate/index';
import { dataCenters, exposureByPhase, siteLossSummary } from './migration-exposure';

const setup = (current: Topology, target: Topology) => {
  const matching = sameIds(current, target);
  return { plan: planMigration(current, target, matching), td: transitionDocument(current, target, matching) };
};

describe('the failover simulation during a migration', () => {
  it('property: the deployment at the end of every phase simulates the loss of each site', () => {
    fc.assert(
      fc.property(arbScenarioShape, (shape) => {
        const { current, target } = scenario(shape);
        const { plan, td } = setup(current, target);
        for (const mark of [{ phase: 'today', afterStep: 0 }, ...phaseMarks(plan)]) {
          const sims = simulateAllSites(deploymentAtStep(plan, current, td, mark.afterStep).doc);
          expect(sims.ok, `simulation after ${mark.phase}`).toBe(true);
        }
        const rows = exposureByPhase(plan, current, td);
        expect(rows).toHaveLength(phaseMarks(plan).length + 1);
        for (const r of rows) expect(r.cells).toHaveLength(dataCenters(td).length);
      }),
      { numRuns: 15 },
    );
  });

  it('Fabrikam: New York lost while Chicago users are still on the 2015 pool: both pairs fail over, nobody without service, the CMS to the 2015 pool in Chicago', () => {
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const current = m.current();
    const { plan, td } = setup(current, m.target());
    const firstMove = plan.steps.findIndex((s) => s.effects.some((e) => e.kind === 'moveUsers'));
    const at = deploymentAtStep(plan, current, td, firstMove + 1);
    const sim = simulateFailure(at.doc, { siteId: 'nyc' });
    if (!sim.ok) throw new Error(sim.error.message);
    // The emptied 2015 pool fails over too (it still holds the CMS), with no users.
    const failovers = sim.value.failovers.map((f) => `${f.pool}→${f.to}:${f.usersMoved}:${f.supported}`).sort();
    expect(failovers).toEqual(['pool-ny→pool-ch:0:true', 'sepool-ny→sepool-ch:8000:true']);
    expect(sim.value.usersWithoutService).toBe(0);
    expect(sim.value.cms?.from).toBe('pool-ny');
    expect(sim.value.cms?.to).toBe('pool-ch');
  });

  it('Northwind 2019 in place: a site lost mid-upgrade has no supported failover across the pair', () => {
    const m = referenceMigration('northwind-2019-to-subscription-edition')!;
    const current = m.current();
    const { plan, td } = setup(current, m.target());
    const firstServer = plan.steps.findIndex((s) => s.effects.some((e) => e.kind === 'upgrade' && e.nodeId === 'se-dr'));
    const at = deploymentAtStep(plan, current, td, firstServer + 1);
    const sim = simulateFailure(at.doc, { siteId: at.doc.nodes.find((n) => n.id === 'se-hq')!.siteId });
    if (!sim.ok) throw new Error(sim.error.message);
    expect(sim.value.failovers.length).toBeGreaterThan(0);
    expect(sim.value.failovers.every((f) => !f.supported)).toBe(true);
  });

  it('the exposure table: an unpaired estate leaves users without service in every phase until the new pools are paired', () => {
    const { current, target } = scenario({
      sites: 2,
      from: '2015',
      path: 'sideBySide',
      standardEdition: false,
      paired: false,
      mirrored: false,
      edge: false,
      branch: false,
      cmsSite: 0,
      users: [1000, 2000, 0],
    });
    const { plan, td } = setup(current, target);
    const rows = exposureByPhase(plan, current, td);
    expect(rows[0]!.label).toBe('Today');
    // Unpaired today: losing the first site leaves its 1,000 users without service and the CMS to rebuild.
    expect(rows[0]!.cells[0]).toEqual({ withoutService: 1000, cmsRebuild: true });
    expect(rows[0]!.cells[1]).toEqual({ withoutService: 2000, cmsRebuild: false });
  });

  it('a site lost part way through lists each failover once, and no note restates it (Fabrikam, New York lost after the first users move)', () => {
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const current = m.current();
    const { plan, td } = setup(current, m.target());
    for (let k = 0; k <= plan.steps.length; k++) {
      const { doc } = deploymentAtStep(plan, current, td, k);
      for (const site of dataCenters(td)) {
        const r = simulateFailure(doc, { siteId: site.id });
        if (!r.ok) continue;
        const { failovers, notes } = siteLossSummary(r.value);
        expect(new Set(failovers.map((f) => f.pool)).size).toBe(failovers.length);
        expect(new Set(notes).size).toBe(notes.length);
        for (const f of failovers) expect(notes.filter((n) => n.includes(f.command))).toEqual([]);
        // Every failover of the simulation is still there, once.
        expect(failovers.map((f) => f.pool).sort()).toEqual([...new Set(r.value.failovers.map((f) => f.pool))].sort());
      }
    }
    const firstMove = plan.steps.findIndex((s) => s.effects.some((e) => e.kind === 'moveUsers'));
    const r = simulateFailure(deploymentAtStep(plan, current, td, firstMove + 1).doc, { siteId: 'nyc' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The simulation's own notes say each failover in a sentence of its own: the rows replace them.
    expect(r.value.notes.some((n) => n.startsWith('Fail over ') && n.includes('Invoke-CsPoolFailover -PoolFqdn sepool-ny'))).toBe(
      true,
    );
    const { failovers } = siteLossSummary(r.value);
    expect(failovers.map((f) => `${f.pool}>${f.to}:${f.users}`)).toEqual(['sepool-ny>sepool-ch:8000', 'pool-ny>pool-ch:0']);
    // A failover listed twice by the simulation (a pool reached by two pairing links) is one row.
    const doubled = { ...r.value, failovers: [...r.value.failovers, ...r.value.failovers] };
    expect(siteLossSummary(doubled).failovers).toHaveLength(2);
  });
});
