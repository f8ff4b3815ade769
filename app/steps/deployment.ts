/**
 * `generateSteps(doc)`: the ordered deployment runbook for a topology. Only what the
 * topology needs, in dependency order, one module per phase: prepare (Windows and SQL
 * Server first), Topology Builder, publish and install, pairing and the Backup
 * Service, verification; then the failover runbooks of every paired pool. Never
 * throws; what it cannot build becomes a blocking note instead of a step.
 */
import type { ProductVersion, Topology } from '../model/schema';
import { runRules } from '../rules/engine';
import type { Finding } from '../rules/types';
import { pairing } from './phase-pairing';
import { decommission, retiringNodes, withoutNodes } from './phase-decommission';
import { planNotes } from './phase-notes';
import { existingPools } from './phase-transition';
import { prepare } from './phase-prepare';
import { publishInstall } from './phase-publish-install';
import { topologyBuilder } from './phase-topology-builder';
import { verification } from './phase-verification';
import { PlanBuilder } from './plan-builder';
import { PlanContext } from './plan-context';
import { buildRunbook, pairedPools } from './runbooks';
import { rt } from './text';
import type { StepPlan } from './types';

/**
 * `findings`: the rule engine's findings on `doc` when the caller has them already (the
 * designer does); otherwise the generator runs the engine itself. Every error among them
 * is a blocking note, and blocks the steps that would build the nodes it names.
 */
export function generateSteps(doc: Topology, findings?: readonly Finding[]): StepPlan {
  try {
    return buildPlan(doc, findings ?? runRules(doc));
  } catch (e) {
    // Defensive: a bug must not take the designer down; the plan says what happened.
    const name = typeof doc?.name === 'string' ? doc.name : '';
    return {
      title: `Deployment runbook: ${name || 'untitled topology'}`,
      topologyName: name,
      productVersions: [],
      mode: doc?.deployment?.mode === 'transition' ? 'transition' : 'greenfield',
      steps: [],
      runbooks: [],
      notes: [
        {
          severity: 'blocking',
          message: rt`The runbook could not be generated (${e instanceof Error ? e.message : String(e)}).`,
          nodeIds: [],
          ruleIds: [],
          docs: [],
        },
      ],
    };
  }
}

function buildPlan(doc: Topology, findings: readonly Finding[]): StepPlan {
  // What the design retires exists today and leaves last: the build phases see the design without it.
  const leaving = retiringNodes(doc);
  const plan = new PlanBuilder(withoutNodes(doc, leaving), findings);
  const { ctx } = plan;
  planNotes(plan);
  prepare(plan);
  existingPools(plan);
  topologyBuilder(plan);
  publishInstall(plan);
  pairing(plan);
  verification(plan);
  decommission(plan, doc, leaving);
  // Failover runbooks serve the deployment as it stands, retiring pools included (failoverRunbook(doc) agrees).
  const whole = leaving.size ? new PlanContext(doc) : ctx;
  const runbooks = pairedPools(whole).map(([pool, partner]) => buildRunbook(whole, pool, partner));
  const versions = [
    ...new Set(ctx.doc.nodes.flatMap((n) => ('productVersion' in n ? [n.productVersion] : []))),
  ].sort() as ProductVersion[];
  const out: StepPlan = {
    title: `Deployment runbook: ${ctx.doc.name.trim() === '' ? 'untitled topology' : ctx.doc.name}`,
    topologyName: ctx.doc.name,
    productVersions: versions,
    mode: ctx.doc.deployment.mode,
    steps: plan.steps(),
    runbooks,
    notes: plan.notes,
  };
  if (ctx.doc.description !== undefined) out.description = ctx.doc.description;
  return out;
}
