/**
 * `planMigration(current, target, matching)`: the migration runbook from today's
 * deployment to the target design, in one ordered plan (in-place upgrades of 2019 pools
 * first, then the new pools and their pairing, Edge and federation, users and their
 * applications, DNS, the Central Management store, conference directories and
 * decommissioning, cumulative updates last). The procedure of each change is chosen as
 * Microsoft's pages allow: side by side (M1) for new pools and from 2015, in place (M2)
 * for 2019 → Subscription Edition on the same FQDN, rolling update (M3) for a new
 * cumulative update. What is allowed is the rule engine's answer on the transition
 * document; its errors become blocking notes and block the steps on their nodes. Pure;
 * never throws.
 */
import type { ProductVersion, Topology, TopologyNode } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import { runRules } from '../rules/engine';
import { RULES_BY_ID } from '../rules/registry';
import type { Finding } from '../rules/types';
import { productVersionLabel } from '../model/product-versions';
import { rt } from '../steps/text';
import { MigrationContext } from './migration-context';
import { m1Cms, m1Decommission, m1Edge, m1NewPools, m1Preconditions, m1Prepare, m1Users, needsSideBySide } from './plan-m1';
import { m2Preconditions, m2Upgrades, m3CumulativeUpdates } from './plan-m2-m3';
import { diffTopologies } from './diff';
import { matchingFromDiff, type NodeMatching } from './transition-document';
import { MIGRATION_PHASES, MIGRATION_PROCEDURES, type MigrationPlan, type MigrationProcedure } from './types';

export interface MigrationOptions {
  /** Only this procedure's steps (M3 alone on an unchanged design: a maintenance runbook for every pool). */
  procedure?: MigrationProcedure;
  /** The rule engine's findings on the transition document, when the caller has them. */
  findings?: readonly Finding[];
}

/** Rule families whose warnings and notes the runbook repeats before its steps. */
const NOTE_FAMILIES = /^(LIFE|SUB|UPG|MIG|COEX|CMS-REPLICATION|PAIR-SAME)/;

export function planMigration(
  current: Topology,
  target: Topology,
  matching: NodeMatching,
  options: MigrationOptions = {},
): MigrationPlan {
  try {
    return build(current, target, matching, options);
  } catch (e) {
    // Defensive: a defect must not take the designer down; the plan says what happened.
    return {
      title: titleOf(current, target),
      currentName: typeof current?.name === 'string' ? current.name : '',
      targetName: typeof target?.name === 'string' ? target.name : '',
      currentVersions: [],
      targetVersions: [],
      procedures: [],
      steps: [],
      notes: [
        {
          severity: 'blocking',
          message: rt`The migration runbook could not be generated (${e instanceof Error ? e.message : String(e)}).`,
          nodeIds: [],
          ruleIds: [],
          docs: [],
        },
      ],
    };
  }
}

/** The runbook for two designs, their nodes matched as `diffTopologies` matches them (by id, else by kind and FQDN). */
export function planMigrationOf(current: Topology, target: Topology, options: MigrationOptions = {}): MigrationPlan {
  return planMigration(current, target, matchingFromDiff(diffTopologies(current, target)), options);
}

/**
 * The maintenance runbook "Apply a cumulative update" (M3) for a design that is not
 * migrating: every pool by upgrade domain, paired pools one at a time, AlwaysOn replicas
 * secondaries first, the other server roles after the Front End pools.
 */
export function planCumulativeUpdate(design: Topology, options: Omit<MigrationOptions, 'procedure'> = {}): MigrationPlan {
  const same: NodeMatching = { pairs: design.nodes.map((n) => [n.id, n.id] as const) };
  const plan = planMigration(design, design, same, { ...options, procedure: 'M3' });
  const name = typeof design?.name === 'string' && design.name.trim() ? design.name : 'the design';
  return { ...plan, title: `Cumulative update runbook: ${name}`, maintenance: true };
}

function build(current: Topology, target: Topology, matching: NodeMatching, options: MigrationOptions): MigrationPlan {
  const m = new MigrationContext(current, target, matching, options.findings);
  m.classifyFindings();
  const only = options.procedure;
  const wants = (p: MigrationProcedure) => only === undefined || only === p;

  for (const r of m.refusedVersionChanges) {
    const ruled = m.findings.some(
      (f) => f.severity === 'error' && f.nodeIds.includes(r.node.id) && /UPG-INPLACE|GEN-INPLACE/.test(f.ruleId),
    );
    if (!ruled)
      m.note(
        'blocking',
        rt`${m.ctx.label(r.node)} changes from ${productVersionLabel(r.from)} to ${productVersionLabel(r.to)} on the same FQDN. There is no in-place path for that: only 2019 → Subscription Edition is upgraded in place. Give the target pool a new FQDN and migrate side by side.`,
        [r.node.id],
        [],
        [],
      );
  }
  for (const f of m.findings)
    if (
      f.severity !== 'error' &&
      NOTE_FAMILIES.test(f.ruleId) &&
      !m.notes.some((n) => n.ruleIds.includes(f.ruleId) && sameNodes(n.nodeIds, f.nodeIds))
    )
      m.note(
        f.severity === 'warning' ? 'warning' : 'info',
        rt`${f.message}${f.fix && f.fix !== 'None.' && !f.fix.startsWith('None') ? ` Fix: ${f.fix}` : ''}`,
        [...f.nodeIds],
        [f.ruleId],
        [...f.docs],
      );

  // The end of the move (the transition document holds today's users): a target that keeps
  // the CMS on an older pool although every user is on the newest version.
  const endState: Topology = { ...target, deployment: { ...target.deployment, mode: 'transition' } };
  for (const f of runRules(endState, [RULES_BY_ID.get('MIG-CMS-ON-LEGACY')!]))
    m.note('warning', rt`At the end of the move: ${f.message} Fix: ${f.fix}`, [...f.nodeIds], [f.ruleId], [...f.docs]);

  const sideBySide = needsSideBySide(m);
  const upgrades = m.upgrades.length > 0;
  const cmsMoves = (() => {
    const from = m.cmsSource();
    const to = m.cmsTarget();
    return from !== undefined && to !== undefined && from.id !== to.id;
  })();

  if (wants('M1') && sideBySide) m1Preconditions(m);
  if (wants('M2') && upgrades) {
    m2Preconditions(m);
    m2Upgrades(m);
  }
  if (wants('M1') && sideBySide) {
    m1Prepare(m);
    m1NewPools(m);
    m1Edge(m);
    m1Users(m);
  }
  if (wants('M1') && cmsMoves) m1Cms(m);
  if (wants('M1') && sideBySide) m1Decommission(m);
  if (wants('M3')) {
    const patched = m.patched;
    if (patched.length) m3CumulativeUpdates(m, patched, false);
    else if (only === 'M3') m3CumulativeUpdates(m, maintenanceNodes(m), true);
  }

  const order = new Map(MIGRATION_PHASES.map((p, i) => [p, i]));
  const steps = m.allSteps().map((s, i) => ({ s, i }));
  steps.sort((a, b) => order.get(a.s.phase)! - order.get(b.s.phase)! || a.i - b.i);
  const ordered = steps.map((x) => x.s);
  if (!ordered.length)
    m.note(
      'info',
      only
        ? rt`Nothing in this change uses procedure ${only}.`
        : rt`The current and the target design differ in nothing this runbook migrates (no new, retired, upgraded or updated pools, no move of the Central Management store).`,
      [],
      [],
      [],
    );
  const used = MIGRATION_PROCEDURES.filter((p) => ordered.some((s) => s.procedure === p));
  // Procedures in the order their first step runs.
  used.sort((a, b) => ordered.findIndex((s) => s.procedure === a) - ordered.findIndex((s) => s.procedure === b));
  const severityRank = { blocking: 0, warning: 1, info: 2 } as const;
  const notes = m.notes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => severityRank[a.n.severity] - severityRank[b.n.severity] || a.i - b.i)
    .map((x) => x.n);
  return {
    title: titleOf(current, target),
    currentName: current.name,
    targetName: target.name,
    currentVersions: versionsOf(current.nodes),
    targetVersions: versionsOf(target.nodes),
    procedures: used,
    steps: ordered,
    notes,
  };
}

/** For a maintenance runbook: every server role of the target that is not retired, Front End pools first. */
function maintenanceNodes(m: MigrationContext): TopologyNode[] {
  const nodes = m.ix.allNodes().filter((n) => !m.isRemoved(n.id) && 'productVersion' in n && n.kind !== 'survivableBranch');
  return [...nodes.filter(isRegistrar), ...nodes.filter((n) => !isRegistrar(n))];
}

function sameNodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function titleOf(current: Topology, target: Topology): string {
  const c = typeof current?.name === 'string' && current.name.trim() ? current.name : 'current design';
  const t = typeof target?.name === 'string' && target.name.trim() ? target.name : 'target design';
  return `Migration runbook: ${c} → ${t}`;
}

function versionsOf(nodes: readonly TopologyNode[]): ProductVersion[] {
  const order: readonly ProductVersion[] = ['lync2010', 'lync2013', '2015', '2019', 'SE'];
  const set = new Set<ProductVersion>();
  for (const n of nodes) if ('productVersion' in n && n.productVersion) set.add(n.productVersion);
  return order.filter((v) => set.has(v));
}
