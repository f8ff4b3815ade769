import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceMigration } from '../model/samples/migrations';
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import { deploymentAtStep, phaseLayout, phaseMarks } from './document-at-step';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { arbScenarioShape, sameIds, scenario } from './migrate-test-kit';
import { planMigration } from './migration-plan';
import { transitionDocument } from './transition-document';

const setup = (current: Topology, target: Topology) => {
  const matching = sameIds(current, target);
  return { plan: planMigration(current, target, matching), td: transitionDocument(current, target, matching) };
};
const registrars = (doc: Topology) =>
  doc.nodes
    .filter(isRegistrar)
    .map((n) => `${n.id}:${n.productVersion}:${n.users}`)
    .sort();
const pairs = (doc: Topology) =>
  doc.links
    .filter((l) => l.kind === 'pairing')
    .map((l) => [l.from, l.to].sort().join('|'))
    .sort();
const totalUsers = (doc: Topology) => doc.nodes.filter(isRegistrar).reduce((s, n) => s + n.users, 0);

describe('deploymentAtStep', () => {
  it('property: today it is the current deployment, at the end the target; every step in between is a valid topology that loses no user', () => {
    fc.assert(
      fc.property(arbScenarioShape, (shape) => {
        const { current, target } = scenario(shape);
        const { plan, td } = setup(current, target);
        const start = deploymentAtStep(plan, current, td, 0);
        expect(registrars(start.doc)).toEqual(registrars(current));
        expect(pairs(start.doc)).toEqual(pairs(current));
        expect(start.doc.deployment.cmsHost).toBe(current.deployment.cmsHost);

        const end = deploymentAtStep(plan, current, td, plan.steps.length);
        const endPools = end.doc.nodes.filter(isRegistrar);
        expect(endPools.map((n) => `${n.id}:${n.productVersion}`).sort()).toEqual(
          target.nodes
            .filter(isRegistrar)
            .map((n) => `${n.id}:${n.productVersion}`)
            .sort(),
        );
        expect(pairs(end.doc)).toEqual(pairs(target));
        expect(end.doc.deployment.cmsHost).toBe(target.deployment.cmsHost);

        const users = totalUsers(current);
        for (let k = 0; k <= plan.steps.length; k++) {
          const at = deploymentAtStep(plan, current, td, k);
          expect(at.violations).toEqual([]);
          const parsed = parseTopology(at.doc);
          expect(parsed.ok ? [] : parsed.error, `step ${k}`).toEqual([]);
          expect(totalUsers(at.doc), `users at step ${k}`).toBe(users);
          // The pairings at every step are of one version (2019 with Subscription Edition only mid-upgrade).
          expect(at.pairings.filter((p) => p.status === 'acrossVersions' || p.status === 'missing')).toEqual([]);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('clamps the step to the plan', () => {
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const { plan, td } = setup(m.current(), m.target());
    expect(deploymentAtStep(plan, m.current(), td, -5).step).toBe(0);
    expect(deploymentAtStep(plan, m.current(), td, 1e9).step).toBe(plan.steps.length);
    expect(deploymentAtStep(plan, m.current(), td, Number.NaN).step).toBe(0);
  });

  it('phase marks end each phase in plan order, the last at the last step', () => {
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const { plan } = setup(m.current(), m.target());
    const marks = phaseMarks(plan);
    expect(marks.map((x) => x.phase)).toEqual(['preconditions', 'newPools', 'edge', 'users', 'cms', 'decommission']);
    expect(marks.map((x) => x.afterStep)).toEqual([...marks.map((x) => x.afterStep)].sort((a, b) => a - b));
    expect(marks.at(-1)!.afterStep).toBe(plan.steps.length);
  });

  it('Fabrikam 2015 → Subscription Edition: after the first users move, one pool on each version, both pairs hold, the CMS still on 2015', () => {
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const current = m.current();
    const { plan, td } = setup(current, m.target());
    // After the first pool's users moved, before the second's.
    const firstMove = plan.steps.findIndex((s) => s.effects.some((e) => e.kind === 'moveUsers'));
    const at = deploymentAtStep(plan, current, td, firstMove + 1);
    const byId = new Map(at.homes.map((h) => [h.id, h]));
    expect(byId.get('sepool-ny')?.version).toBe('SE');
    expect(byId.get('pool-ch')?.version).toBe('2015');
    // Both pairs hold: the 2015 pools with each other, the new ones with each other.
    expect(at.pairings.map((p) => `${p.a}|${p.b}:${p.status}`)).toEqual(['pool-ch|pool-ny:valid', 'sepool-ch|sepool-ny:valid']);
    // The CMS is still on the 2015 pool in New York.
    expect(at.doc.deployment.cmsHost).toBe('pool-ny');
  });

  it('Northwind 2019 in place: mid-upgrade the pair is 2019 with Subscription Edition (an upgrade window)', () => {
    const m = referenceMigration('northwind-2019-to-subscription-edition')!;
    const current = m.current();
    const { plan, td } = setup(current, m.target());
    const firstServer = plan.steps.findIndex((s) => s.effects.some((e) => e.kind === 'upgrade' && e.nodeId === 'se-dr'));
    const at = deploymentAtStep(plan, current, td, firstServer + 1);
    expect(at.pairings.map((p) => p.status)).toEqual(['upgrading']);
    // Before the upgrade the server is the 2019 server it is today.
    const before = deploymentAtStep(plan, current, td, 0).doc.nodes.find((n) => n.id === 'se-dr');
    expect(before && 'productVersion' in before ? before.productVersion : undefined).toBe('2019');
  });

  it('phaseLayout: every card placed, none on another; the design keeps its places, a retired pool sits beside its replacement', () => {
    const overlap = (doc: Topology) => {
      const ps = doc.nodes.map((n) => doc.layout![n.id]!);
      return ps.some((p, i) => ps.some((q, j) => j > i && Math.abs(p.x - q.x) < NODE_WIDTH && Math.abs(p.y - q.y) < NODE_HEIGHT));
    };
    const m = referenceMigration('fabrikam-2015-to-subscription-edition')!;
    const current = m.current();
    const target = m.target();
    const { plan, td } = setup(current, target);
    for (let k = 0; k <= plan.steps.length; k++) {
      const laid = phaseLayout(deploymentAtStep(plan, current, td, k).doc, target, current, td);
      expect(laid.nodes.every((n) => laid.layout?.[n.id] !== undefined)).toBe(true);
      expect(overlap(laid), `step ${k}`).toBe(false);
      // The sites' areas stay apart: a card moved aside stays in its own site's columns.
      const boxes = laid.sites.map((site) => {
        const ps = laid.nodes.filter((n) => n.siteId === site.id).map((n) => laid.layout![n.id]!);
        return {
          x0: Math.min(...ps.map((p) => p.x)),
          x1: Math.max(...ps.map((p) => p.x)) + NODE_WIDTH,
          y0: Math.min(...ps.map((p) => p.y)),
          y1: Math.max(...ps.map((p) => p.y)) + NODE_HEIGHT,
        };
      });
      const [a, b] = boxes;
      expect(a!.x1 <= b!.x0 || b!.x1 <= a!.x0 || a!.y1 <= b!.y0 || b!.y1 <= a!.y0, `sites apart at step ${k}`).toBe(true);
    }
    const firstMove = plan.steps.findIndex((s) => s.effects.some((e) => e.kind === 'moveUsers'));
    const mid = phaseLayout(deploymentAtStep(plan, current, td, firstMove + 1).doc, target, current, td);
    expect(mid.layout!['sepool-ny']).toEqual(target.layout!['sepool-ny']);
    const old = mid.layout!['pool-ny']!;
    const rep = mid.layout!['sepool-ny']!;
    expect(Math.hypot(old.x - rep.x, old.y - rep.y)).toBeLessThan(3 * (NODE_WIDTH + NODE_HEIGHT));
    fc.assert(
      fc.property(arbScenarioShape, fc.nat(), (shape, at) => {
        const { current, target } = scenario(shape);
        const { plan, td } = setup(current, target);
        const laid = phaseLayout(deploymentAtStep(plan, current, td, at % (plan.steps.length + 1)).doc, target, current, td);
        expect(laid.nodes.every((n) => laid.layout?.[n.id] !== undefined)).toBe(true);
        expect(overlap(laid)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});
