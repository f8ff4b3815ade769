/**
 * What a transition design marks for decommissioning: never built, removed last, each node
 * after every leaving node that depends on it, the stores only leaving pools used after
 * those pools; blocked while something that stays still points at it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { globalMultiSite } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { generateSteps } from './deployment';
import { retiringNodes } from './phase-decommission';
import { DEPLOYMENT_PHASES } from './types';

const valid = (doc: Topology): Topology => {
  const r = parseTopology(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error(`test document invalid: ${r.error.message}`);
  return r.value;
};

/** The global reference design as today's deployment (its Front End pools built), with `retire` marked for decommissioning. */
function transition(retire: readonly string[], mode: 'transition' | 'greenfield' = 'transition'): Topology {
  const doc = globalMultiSite();
  doc.deployment.mode = mode;
  for (const n of doc.nodes) {
    if (n.kind === 'frontEndPool') n.deployed = true;
    if (retire.includes(n.id) && 'productVersion' in n && n.kind !== 'survivableBranch') {
      (n as { decommission?: boolean }).decommission = true;
      if (n.kind === 'frontEndPool') n.users = 0;
    }
  }
  return valid(doc);
}

const decomSteps = (doc: Topology) => generateSteps(doc).steps.filter((s) => s.phase === 'decommission');
const buildSteps = (doc: Topology) => generateSteps(doc).steps.filter((s) => s.phase !== 'decommission');

describe('decommissioning in the deployment runbook', () => {
  it('builds nothing for a node marked for decommissioning and removes it in the last phase', () => {
    const doc = transition(['edge-eu']);
    expect(buildSteps(doc).filter((s) => s.nodeIds.includes('edge-eu'))).toEqual([]);
    const removal = decomSteps(doc).find((s) => s.id === 'decom-remove:edge-eu');
    expect(removal).toBeDefined();
    expect(removal!.docs).toContain('Skype/SfBServer2019/migration/phase-8-decommission-legacy-pools.md');
    expect(DEPLOYMENT_PHASES.at(-1)).toBe('decommission');
    // eu1 and eu2 still take their media through it: the rule's error blocks the removal.
    expect(removal!.blockedBy).toContain('COEX-MEDIA-EDGE-DECOMMISSION');
    expect(JSON.stringify(removal!.preconditions)).toContain('Still pointing at it');
  });

  it('near miss: the same flag in a greenfield design retires nothing (nothing exists yet)', () => {
    const doc = transition(['edge-eu'], 'greenfield');
    expect(retiringNodes(doc).size).toBe(0);
    expect(decomSteps(doc)).toEqual([]);
    expect(buildSteps(doc).some((s) => s.id === 'tb-pool:edge-eu')).toBe(true);
  });

  it('near miss: a transition design that retires nothing has no decommissioning phase', () => {
    expect(decomSteps(transition([]))).toEqual([]);
  });

  it('removes an Edge pool before the Director that is its next hop, and a pool before its Back End', () => {
    const doc = transition(['edge-na', 'dir-na', 'na3', 'na4']);
    const ids = decomSteps(doc).map((s) => s.id);
    expect(ids.indexOf('decom-remove:edge-na')).toBeLessThan(ids.indexOf('decom-remove:dir-na'));
    expect(ids.indexOf('decom-remove:na3')).toBeLessThan(ids.indexOf('decom-databases:na3-be'));
    // Edge pools before the pools (a pool cannot be deleted while an Edge pool has it as next hop).
    expect(ids.indexOf('decom-remove:edge-na')).toBeLessThan(ids.indexOf('decom-remove:na3'));
    // Both partners leave: one unpairing, the pools emptied first.
    expect(ids).toContain('decom-unpair:na3');
    expect(ids.indexOf('decom-verify-empty:na3')).toBeLessThan(ids.indexOf('decom-remove:na3'));
    // Their Back Ends are not built either.
    expect(buildSteps(doc).filter((s) => s.nodeIds.includes('na3-be'))).toEqual([]);
  });

  it('keeps a store that a staying pool still uses (near miss for the stores that follow their pools)', () => {
    // sql-mon is the Monitoring store of na1 and na2; na2 leaves, na1 stays.
    const doc = transition(['na2']);
    expect(retiringNodes(doc).has('sql-mon')).toBe(false);
    expect(retiringNodes(doc).has('na2-be')).toBe(true);
  });

  it('a pool that still homes users cannot be emptied: the rule blocks the step', () => {
    const doc = transition(['na4']);
    const withUsers = valid({
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'na4' && n.kind === 'frontEndPool' ? { ...n, users: 500 } : n)),
    });
    const step = decomSteps(withUsers).find((s) => s.id === 'decom-verify-empty:na4')!;
    expect(step.blockedBy).toContain('MIG-USERS-ON-DECOMMISSION');
    expect(decomSteps(doc).find((s) => s.id === 'decom-verify-empty:na4')!.blockedBy).not.toContain('MIG-USERS-ON-DECOMMISSION');
  });

  it('any set of retired nodes: each leaves after every leaving node that links to it, and is never built', () => {
    const candidates = ['na1', 'na2', 'na3', 'na4', 'eu1', 'eu2', 'edge-na', 'edge-eu', 'dir-na'];
    fc.assert(
      fc.property(fc.subarray(candidates, { minLength: 1 }), (retire) => {
        const doc = transition(retire);
        const leaving = retiringNodes(doc);
        const steps = generateSteps(doc).steps;
        const firstRemoval = (id: string) => steps.findIndex((s) => s.phase === 'decommission' && s.nodeIds[0] === id);
        for (const id of leaving) expect(firstRemoval(id)).toBeGreaterThanOrEqual(0);
        for (const l of doc.links)
          if (l.kind !== 'pairing' && l.kind !== 'mediaEdge' && leaving.has(l.from) && leaving.has(l.to))
            expect(firstRemoval(l.from)).toBeLessThan(firstRemoval(l.to));
        for (const s of steps) if (s.phase !== 'decommission') expect(s.nodeIds.filter((id) => leaving.has(id))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
