/**
 * What the migration planner knows about a change, worked out once from the transition
 * document: the pools that are new, retired, upgraded in place or patched, where each
 * retired pool's users go, where the Central Management store goes, and which of the rule
 * engine's errors block which steps. Every id is a node id of the transition document.
 */
import type { ProductVersion, SqlStore, Topology, TopologyNode } from '../model/schema';
import { cuNumber, isRegistrar, type RegistrarPool } from '../model/topology-index';
import { runRules } from '../rules/engine';
import type { Finding } from '../rules/types';
import { verRank } from '../model/product-versions';
import { PlanContext } from '../steps/plan-context';
import { makeStep, type StepInput } from '../steps/step';
import type { PlanNote, RichText, Step } from '../steps/types';
import { transitionDocument, type NodeMatching, type TransitionDocument } from './transition-document';
import type { Effect, MigrationPhase, MigrationProcedure, MigrationStep } from './types';

export type EdgePool = Extract<TopologyNode, { kind: 'edgePool' }>;

/**
 * Errors of the transition document that this runbook resolves by its own order: the users
 * leave a pool before it is retired (M1.9), the CMS moves first (M1.12), next hops, media
 * Edge associations and branch appliances are re-pointed (M1.8, M1.10). They are the
 * runbook's obligations, named on the steps that carry them out, not reasons to stop.
 */
export const RESOLVED_BY_ORDER: ReadonlySet<string> = new Set([
  'MIG-USERS-ON-DECOMMISSION',
  'CMS-2019-MIGRATION',
  'COEX-EDGE-NEXTHOP-DECOMMISSION',
  'COEX-MEDIA-EDGE-DECOMMISSION',
  'MIG-SBA-REGISTRAR-DECOMMISSION',
]);

export interface UpgradedNode {
  node: TopologyNode;
  from: ProductVersion;
}

export class MigrationContext {
  readonly td: TransitionDocument;
  readonly ctx: PlanContext;
  readonly current: Topology;
  readonly target: Topology;
  /** The rule engine's findings on the transition document, and on the current design alone. */
  readonly findings: readonly Finding[];
  readonly currentFindings: readonly Finding[];
  /** Node id → ids of the errors that block a step building or changing it. */
  private readonly blockers = new Map<string, string[]>();
  readonly notes: PlanNote[] = [];
  private readonly steps: MigrationStep[] = [];
  private readonly ids = new Set<string>();

  constructor(current: Topology, target: Topology, matching: NodeMatching, findings?: readonly Finding[]) {
    this.current = current;
    this.target = target;
    this.td = transitionDocument(current, target, matching);
    this.ctx = new PlanContext(this.td.doc);
    this.findings = findings ?? runRules(this.td.doc);
    this.currentFindings = runRules(current);
  }

  get ix() {
    return this.ctx.ix;
  }

  // ---------------------------------------------------------------- what changes

  isRemoved(id: string): boolean {
    return this.td.removed.has(id);
  }
  isAdded(id: string): boolean {
    return this.td.added.has(id);
  }
  /** The current design's copy of a matched node. */
  before(id: string): TopologyNode | undefined {
    return this.td.matchedCurrent.get(id);
  }

  get retiredPools(): RegistrarPool[] {
    return this.ix.registrars().filter((p) => this.isRemoved(p.id));
  }
  get newPools(): RegistrarPool[] {
    const pools = this.ix.registrars().filter((p) => this.isAdded(p.id));
    const cms = this.cmsTarget();
    // The pool that takes the CMS first: it is the pilot pool (Microsoft's order of the pilot pool and the CMS move).
    return cms && pools.includes(cms) ? [cms, ...pools.filter((p) => p !== cms)] : pools;
  }
  /** Registrar pools that exist before and after: matched ones. */
  get keptPools(): RegistrarPool[] {
    return this.ix.registrars().filter((p) => !this.isRemoved(p.id) && !this.isAdded(p.id));
  }
  removedOfKind<K extends TopologyNode['kind']>(kind: K): Extract<TopologyNode, { kind: K }>[] {
    return this.ix.ofKind(kind).filter((n) => this.isRemoved(n.id));
  }
  addedOfKind<K extends TopologyNode['kind']>(kind: K): Extract<TopologyNode, { kind: K }>[] {
    return this.ix.ofKind(kind).filter((n) => this.isAdded(n.id));
  }

  /** Nodes upgraded in place from 2019 to Subscription Edition (M2). */
  get upgrades(): UpgradedNode[] {
    const out: UpgradedNode[] = [];
    for (const n of this.ix.allNodes()) {
      if (!('inPlaceUpgrade' in n) || !n.inPlaceUpgrade || !('productVersion' in n)) continue;
      if (n.inPlaceUpgrade.fromVersion === '2019' && n.productVersion === 'SE') out.push({ node: n, from: '2019' });
    }
    return out;
  }

  /** Matched nodes whose version changes in a way with no in-place path (2015 → Subscription Edition, downgrades). */
  get refusedVersionChanges(): Array<{ node: TopologyNode; from: string; to: string }> {
    const out: Array<{ node: TopologyNode; from: string; to: string }> = [];
    for (const n of this.ix.allNodes()) {
      const c = this.before(n.id);
      if (!c || !('productVersion' in c) || !('productVersion' in n) || !c.productVersion || !n.productVersion) continue;
      if (c.productVersion === n.productVersion) continue;
      if (c.productVersion === '2019' && n.productVersion === 'SE') continue;
      out.push({ node: n, from: c.productVersion, to: n.productVersion });
    }
    return out;
  }

  /** Matched server roles of one version whose cumulative update changes (M3). */
  get patched(): TopologyNode[] {
    return this.ix.allNodes().filter((n) => {
      const c = this.before(n.id);
      if (!c || !('cumulativeUpdate' in n) || !('cumulativeUpdate' in c)) return false;
      if (!('productVersion' in n) || !('productVersion' in c) || n.productVersion !== c.productVersion) return false;
      return (
        n.cumulativeUpdate !== undefined &&
        c.cumulativeUpdate !== undefined &&
        n.cumulativeUpdate.trim().toLowerCase() !== c.cumulativeUpdate.trim().toLowerCase()
      );
    });
  }

  /** Where the CMS is today (transition-document id), and where the target puts it. */
  cmsSource(): RegistrarPool | undefined {
    const id = this.current.deployment.cmsHost;
    const mId = id ? this.td.fromCurrent.get(id) : undefined;
    const n = mId ? this.ix.node(mId) : undefined;
    return isRegistrar(n) ? n : undefined;
  }
  cmsTarget(): RegistrarPool | undefined {
    const id = this.target.deployment.cmsHost;
    const n = id ? this.ix.node(id) : undefined;
    if (isRegistrar(n)) return n;
    // No host chosen in the target: the newest pool that stays.
    const source = this.cmsSource();
    if (source && !this.isRemoved(source.id)) return source;
    return this.ix
      .registrars()
      .filter((p) => !this.isRemoved(p.id))
      .sort((a, b) => verRank(b.productVersion) - verRank(a.productVersion))[0];
  }

  /** The pool that takes a retired pool's users: a new pool in its site, else any new pool, else any pool that stays; newest version first. */
  usersTarget(p: RegistrarPool): RegistrarPool | undefined {
    const staying = this.ix.registrars().filter((q) => !this.isRemoved(q.id));
    const rank = (q: RegistrarPool) =>
      (this.isAdded(q.id) ? 2 : 0) + (q.siteId === p.siteId ? 4 : 0) + (q.kind === p.kind ? 1 : 0);
    return [...staying].sort((a, b) => rank(b) - rank(a) || verRank(b.productVersion) - verRank(a.productVersion))[0];
  }

  /** A pool's Back End store in the transition document. */
  backEnd(p: RegistrarPool): SqlStore | undefined {
    return this.ix.backEnd(p.id);
  }

  /** The new-version Edge pool that takes over from a retired one: same site first. */
  edgeSuccessor(e: EdgePool): EdgePool | undefined {
    const candidates = this.ix.ofKind('edgePool').filter((x) => !this.isRemoved(x.id));
    return candidates.find((x) => x.siteId === e.siteId) ?? candidates[0];
  }

  cu(n: TopologyNode): string {
    return 'cumulativeUpdate' in n && n.cumulativeUpdate ? n.cumulativeUpdate : 'the latest cumulative update';
  }
  cuNumber(n: TopologyNode): number | undefined {
    return 'cumulativeUpdate' in n ? cuNumber(n) : undefined;
  }

  // ---------------------------------------------------------------- blocking

  /** Called once, before steps are added: the errors become blocking notes and block the steps on their nodes. */
  classifyFindings(): void {
    const today = new Set(
      this.currentFindings
        .filter((f) => f.severity === 'error')
        .map(
          (f) =>
            `${f.ruleId}|${[...f.nodeIds]
              .map((id) => this.td.fromCurrent.get(id) ?? id)
              .sort()
              .join(',')}`,
        ),
    );
    const resolved: Finding[] = [];
    for (const f of this.findings) {
      if (f.severity !== 'error') continue;
      if (RESOLVED_BY_ORDER.has(f.ruleId)) {
        resolved.push(f);
        continue;
      }
      const key = `${f.ruleId}|${[...f.nodeIds].sort().join(',')}`;
      if (today.has(key)) {
        this.notes.push({
          severity: 'warning',
          message: [
            {
              kind: 'text',
              value: `The current deployment already has this error; the migration does not change it: ${f.message} Fix: ${f.fix}`,
            },
          ],
          nodeIds: [...f.nodeIds],
          ruleIds: [f.ruleId],
          docs: [...f.docs],
        });
        continue;
      }
      this.notes.push({
        severity: 'blocking',
        message: [{ kind: 'text', value: `${f.message} Fix: ${f.fix}` }],
        nodeIds: [...f.nodeIds],
        ruleIds: [f.ruleId],
        docs: [...f.docs],
      });
      for (const id of f.nodeIds) {
        const list = this.blockers.get(id);
        if (!list) this.blockers.set(id, [f.ruleId]);
        else if (!list.includes(f.ruleId)) list.push(f.ruleId);
      }
    }
    if (resolved.length) {
      const rules = [...new Set(resolved.map((f) => f.ruleId))];
      this.notes.push({
        severity: 'info',
        message: [
          {
            kind: 'text',
            value: `While the change is under way the design holds pools that are being retired and still have users, the Central Management store, next hops, media Edge associations or branch appliances. This runbook takes each away before the pool is removed.`,
          },
        ],
        nodeIds: [...new Set(resolved.flatMap((f) => [...f.nodeIds]))],
        ruleIds: rules,
        docs: [...new Set(resolved.flatMap((f) => [...f.docs]))],
      });
    }
  }

  blockingRules(nodeIds: readonly string[]): string[] {
    const out: string[] = [];
    for (const id of nodeIds) for (const r of this.blockers.get(id) ?? []) if (!out.includes(r)) out.push(r);
    return out;
  }

  note(severity: PlanNote['severity'], message: RichText, nodeIds: string[], ruleIds: string[], docs: string[]): void {
    this.notes.push({ severity, message, nodeIds, ruleIds, docs });
  }

  // ---------------------------------------------------------------- steps

  add(input: MigrationStepInput): MigrationStep {
    const base = makeStep({ ...input, phase: 'prepare' });
    return this.push(base, input.phase, input.procedure, input.procedureStep, input.effects ?? []);
  }

  /** A step of the deployment runbook (SQL Server, Topology Builder), placed in the migration. */
  adopt(step: Step, phase: MigrationPhase, procedureStep: string, effects: Effect[] = []): MigrationStep {
    return this.push(step, phase, procedureStep.slice(0, 2) as MigrationProcedure, procedureStep, effects);
  }

  private push(
    base: Step,
    phase: MigrationPhase,
    procedure: MigrationProcedure,
    procedureStep: string,
    effects: Effect[],
  ): MigrationStep {
    let id = base.id;
    for (let n = 2; this.ids.has(id); n++) id = `${base.id}#${n}`;
    this.ids.add(id);
    const step: MigrationStep = {
      ...base,
      id,
      phase,
      procedure,
      procedureStep,
      effects,
      blockedBy: this.blockingRules(base.nodeIds),
    };
    this.steps.push(step);
    return step;
  }

  allSteps(): MigrationStep[] {
    return this.steps;
  }
}

export interface MigrationStepInput extends Omit<StepInput, 'phase'> {
  phase: MigrationPhase;
  procedure: MigrationProcedure;
  procedureStep: string;
  effects?: Effect[];
}
