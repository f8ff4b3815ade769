/**
 * The failover simulation run on the deployment as it stands part way through a migration
 * (migrate/document-at-step.ts): one data center lost after any step, and the exposure of
 * every phase (users without service, the Central Management store rebuilt) per data
 * center. Pure; here because it joins the migration planner and the simulation.
 */
import { deploymentAtStep, phaseMarks } from '../migrate/document-at-step';
import { MIGRATION_PHASE_TITLES, type MigrationPlan, type TransitionDocument } from '../migrate/index';
import type { Site, Topology } from '../model/schema';
import { simulateFailure, type SimulationOutcome } from '../simulate/index';

export interface ExposureRow {
  label: string;
  afterStep: number;
  /** Per data center (in `sites` order): users without service and whether the CMS would have to be rebuilt; null when nothing of it exists then. */
  cells: ({ withoutService: number; cmsRebuild: boolean } | null)[];
}

/** The data centers of the transition document that hold a node at any point of the move. */
export function dataCenters(td: TransitionDocument): Site[] {
  return td.doc.sites.filter((s) => s.kind !== 'branch' && td.doc.nodes.some((n) => n.siteId === s.id));
}

/** Today and the end of each phase, each data center lost on its own. */
export function exposureByPhase(
  plan: MigrationPlan,
  current: Topology,
  td: TransitionDocument,
  sites: readonly Site[] = dataCenters(td),
): ExposureRow[] {
  const points = [
    { label: 'Today', afterStep: 0 },
    ...phaseMarks(plan).map((m) => ({ label: MIGRATION_PHASE_TITLES[m.phase], afterStep: m.afterStep })),
  ];
  return points.map((p) => {
    const { doc } = deploymentAtStep(plan, current, td, p.afterStep);
    const cells = sites.map((s) => {
      if (!doc.nodes.some((n) => n.siteId === s.id)) return null;
      const r = simulateFailure(doc, { siteId: s.id });
      return r.ok
        ? { withoutService: r.value.usersWithoutService, cmsRebuild: r.value.cms !== null && r.value.cms.to === null }
        : null;
    });
    return { ...p, cells };
  });
}

/** One failover of a site loss as the Migration tab lists it: once per pool, with its cmdlet. */
export interface FailoverRow {
  pool: string;
  to: string;
  users: number;
  supported: boolean;
  command: string;
}

/**
 * What a site loss at a step comes to, each thing said once: a row per pool that fails over
 * (the pools with users first), and the simulation's notes without those that restate a
 * failover the rows already give ("Fail over Pool NY to its partner …": same pool, same
 * partner, same cmdlet). The notes keep their order; a note repeated word for word shows once.
 */
export function siteLossSummary(outcome: SimulationOutcome): { failovers: FailoverRow[]; notes: string[] } {
  const byPool = new Map<string, FailoverRow>();
  for (const f of outcome.failovers) {
    if (byPool.has(f.pool)) continue;
    byPool.set(f.pool, {
      pool: f.pool,
      to: f.to,
      users: f.usersMoved,
      supported: f.supported,
      command: `Invoke-CsPoolFailover -PoolFqdn ${f.poolFqdn} -DisasterMode`,
    });
  }
  const failovers = [...byPool.values()].sort((a, b) => Number(b.users > 0) - Number(a.users > 0));
  const commands = failovers.map((f) => f.command);
  const notes = [...new Set(outcome.notes)].filter(
    (n) => !(n.startsWith('Fail over ') && commands.some((c) => n.includes(`${c} `) || n.endsWith(c))),
  );
  return { failovers, notes };
}
