/**
 * What the deployment phases share while a plan is built: the topology's answers
 * (PlanContext), the steps per phase with unique ids, the plan's notes, and what one
 * phase leaves for a later one (transition conversions that publish and sync later).
 */
import type { SqlStore, Topology } from '../model/schema';
import type { Finding } from '../rules/types';
import { IdMap, type RegistrarPool } from '../model/topology-index';
import { PlanContext, type PersistentChatPool } from './plan-context';
import { DEPLOYMENT_PHASES, type DeploymentPhase, type PlanNote, type RichText, type Step } from './types';

export class PlanBuilder {
  readonly ctx: PlanContext;
  readonly notes: PlanNote[] = [];
  private readonly byPhase = new Map<DeploymentPhase, Step[]>(DEPLOYMENT_PHASES.map((p) => [p, []]));
  /** Step ids given out (a 5,000-node plan has some 30,000: an IdMap keeps the tables small). */
  private readonly ids = new IdMap<true>();

  /** The validator's errors: each is a blocking note, and blocks the steps that build its nodes. */
  readonly errors: readonly Finding[];
  /** Node id → rule ids of the errors naming it. */
  private readonly errorRulesByNode = new Map<string, string[]>();

  constructor(doc: Topology, findings: readonly Finding[]) {
    this.ctx = new PlanContext(doc);
    this.errors = findings.filter((f) => f.severity === 'error');
    for (const f of this.errors)
      for (const id of f.nodeIds) {
        const rules = this.errorRulesByNode.get(id);
        if (!rules) this.errorRulesByNode.set(id, [f.ruleId]);
        else if (!rules.includes(f.ruleId)) rules.push(f.ruleId);
      }
  }

  /** Every step, phases in DEPLOYMENT_PHASES order. */
  steps(): Step[] {
    return ([] as Step[]).concat(...DEPLOYMENT_PHASES.map((p) => this.byPhase.get(p)!));
  }

  add(step: Step): void {
    // Ids are unique by construction; a clash means two nodes share an id, which the parser refuses.
    // set() takes an id that is free and says whether it was.
    let id = step.id;
    for (let n = 2; !this.ids.set(id, true); n++) id = `${step.id}#${n}`;
    const blockedBy = step.phase === 'verification' ? [] : this.blockingRules(step.nodeIds);
    this.byPhase
      .get(step.phase as DeploymentPhase)!
      .push(id === step.id && !blockedBy.length ? step : { ...step, id, blockedBy });
  }

  /** Rule ids of the errors naming any of `nodeIds`, each once. */
  blockingRules(nodeIds: readonly string[]): string[] {
    if (!this.errorRulesByNode.size) return [];
    const out: string[] = [];
    for (const id of nodeIds) for (const r of this.errorRulesByNode.get(id) ?? []) if (!out.includes(r)) out.push(r);
    return out;
  }

  /**
   * A note of the generator's own (what it leaves out, and why). When a note of the same
   * rule already covers these nodes (an error of the validator), the text is added to
   * that note instead: one note per problem, at the validator's severity or higher.
   */
  note(severity: PlanNote['severity'], message: RichText, nodeIds: string[], ruleIds: string[], docs: string[]): void {
    // The first note that shares a rule and a node (or, for a note about no node, a rule with
    // another such note): looked up, not searched for, as a 5,000-node plan has some 600 notes.
    this.indexNotes();
    let first: { note: PlanNote; at: number } | undefined;
    for (const r of ruleIds)
      for (const key of noteKeys(r, nodeIds)) {
        const c = this.firstNotes.get(key);
        if (c && (!first || c.at < first.at)) first = c;
      }
    const same = first?.note;
    if (same) {
      same.message = [...same.message, { kind: 'text', value: ' ' }, ...message];
      for (const d of docs) if (!same.docs.includes(d)) same.docs.push(d);
      return;
    }
    this.notes.push({ severity, message, nodeIds, ruleIds, docs });
  }

  /** The first note for each rule and node (`noteKeys`), for `note`. */
  private readonly firstNotes = new Map<string, { note: PlanNote; at: number }>();
  private notesIndexed = 0;

  /** Indexes the notes added since the last call (by `note`, or pushed to `notes` directly). */
  private indexNotes(): void {
    for (; this.notesIndexed < this.notes.length; this.notesIndexed++) {
      const n = this.notes[this.notesIndexed]!;
      for (const r of n.ruleIds)
        for (const key of noteKeys(r, n.nodeIds))
          if (!this.firstNotes.has(key)) this.firstNotes.set(key, { note: n, at: this.notesIndexed });
    }
  }

  get registrars(): readonly RegistrarPool[] {
    return this.ctx.registrarsInBuildOrder();
  }

  /** Principal stores in build order: Back Ends of registrars (build order), then the others, document order. Several phases ask: built once. */
  principalStores(): readonly SqlStore[] {
    if (this.principals) return this.principals;
    const { ctx } = this;
    const out: SqlStore[] = [];
    const seen = new Set<SqlStore>();
    const push = (s: SqlStore | undefined) => {
      if (s && !seen.has(s) && !ctx.isPartnerStore(s)) {
        seen.add(s);
        out.push(s);
      }
    };
    for (const p of this.registrars) if (p.kind === 'frontEndPool') push(ctx.ix.backEnd(p.id));
    for (const s of ctx.ix.ofKind('sqlStore')) push(s);
    return (this.principals = out);
  }
  private principals: SqlStore[] | undefined;

  /**
   * A store is built by these steps unless only existing pools use it, or an existing pool's
   * conversion builds it ("Change the existing pools"). Asked per phase: remembered.
   */
  storeIsNew(s: SqlStore): boolean {
    let isNew = this.newStores.get(s);
    if (isNew === undefined) {
      const { ctx } = this;
      const users = ctx.ix.poolsUsingTransitively(s.id);
      const converted = ctx.ix.in(s.id, 'backEnd').some((l) => ctx.convertsToAg(ctx.ix.node(l.from)!));
      isNew = !converted && (users.length === 0 || users.some((p) => !ctx.existing(p)));
      this.newStores.set(s, isNew);
    }
    return isNew;
  }
  private readonly newStores = new Map<SqlStore, boolean>();

  /** Persistent Chat pools the runbook builds (the role does not exist on 2019). */
  pcPools(): PersistentChatPool[] {
    return this.ctx.ix.ofKind('persistentChatPool').filter((c) => c.productVersion === '2015');
  }
}

/** A note's keys: its rule with each node it names, or with none (ids are never empty). */
const noteKeys = (ruleId: string, nodeIds: readonly string[]): string[] =>
  nodeIds.length === 0 ? [`${ruleId}\n`] : nodeIds.map((id) => `${ruleId}\n${id}`);
