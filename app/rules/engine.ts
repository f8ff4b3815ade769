/**
 * The rule engine: every registered rule over one topology, findings in the stable
 * order of docs/format.md (severity, rule id, first node id). Pure; never throws.
 */
import { TopologyIndex } from '../model/topology-index';
import type { Topology } from '../model/schema';
import { RULES } from './registry';
import type { Finding, Rule, Severity } from './types';
import { SUBSCRIPTION_EDITION } from '../model/product-versions';
import { productVersionOf } from '../model/schema';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The findings of one rule at one severity: they sort together, so only their first ids
 * need ordering. `firstIds[i]` is the first id of `findings[i]`, noted as it is made.
 */
interface Group {
  rank: number;
  ruleId: string;
  findings: Finding[];
  firstIds: string[];
}

export function runRules(doc: Topology, rules: readonly Rule[] = RULES): Finding[] {
  const ix = new TopologyIndex(doc);
  const groups: Group[] = [];
  for (const rule of rules) {
    const findings: Finding[] = [];
    const firstIds: string[] = [];
    let crash: Finding | undefined;
    try {
      for (const hit of rule.check(ix)) {
        const nodeIds = distinct(hit.nodeIds);
        const inferred = rule.inferred || (rule.inheritsToSE && namesSubscriptionEdition(ix, nodeIds));
        const f = new RuleFinding(
          rule,
          hit.message ?? rule.message,
          hit.fix ?? rule.fix,
          nodeIds,
          distinct(hit.linkIds),
          distinct(hit.siteIds),
          rule.severity,
          inferred,
        );
        findings.push(f);
        firstIds.push(firstId(f));
      }
    } catch (e) {
      // A faulty check must not take the others down; say so instead of hiding it.
      crash = new RuleFinding(
        rule,
        crashMessage(rule.id, e),
        'No action on the design; this is a defect of the designer.',
        NONE,
        NONE,
        NONE,
        'info',
        rule.inferred,
      );
    }
    if (findings.length) groups.push({ rank: RANK[rule.severity], ruleId: rule.id, findings, firstIds });
    if (crash) groups.push({ rank: RANK.info, ruleId: rule.id, findings: [crash], firstIds: [''] });
  }
  return ordered(groups);
}

/**
 * Whether a finding names a Subscription Edition node, or a SQL store a Subscription
 * Edition pool uses: a rule stated for 2019 holds for it only because Subscription
 * Edition is the 2019 code base, so such findings are inferred.
 */
function namesSubscriptionEdition(ix: TopologyIndex, nodeIds: readonly string[]): boolean {
  for (const id of nodeIds) {
    const n = ix.node(id);
    if (!n) continue;
    if (
      n.kind === 'sqlStore'
        ? (ix.versionsUsing(n.id) as ReadonlySet<string>).has(SUBSCRIPTION_EDITION)
        : productVersionOf(n) === SUBSCRIPTION_EDITION
    )
      return true;
  }
  return false;
}

const crashMessage = (ruleId: string, e: unknown): string =>
  `The check ${ruleId} could not run on this topology (${e instanceof Error ? e.message : String(e)}). Please report it.`;

/**
 * A finding as runRules returns it. `message` is a getter on the prototype: a check may
 * hand over a function that words it (Hit.message), called the first time the message is
 * read and remembered. Everything else is a plain own field. JSON.stringify gives the
 * fields of docs/format.md in their order (toJSON); only a spread or Object.keys
 * leaves the message out.
 */
class RuleFinding implements Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly fix: string;
  readonly nodeIds: readonly string[];
  readonly linkIds: readonly string[];
  readonly siteIds: readonly string[];
  readonly inferred: boolean;
  /** One frozen array per rule (defineRule), shared by its findings: nobody changes findings. */
  readonly docs: readonly string[];
  #message: string | (() => string);

  constructor(
    rule: Rule,
    message: string | (() => string),
    fix: string,
    nodeIds: readonly string[],
    linkIds: readonly string[],
    siteIds: readonly string[],
    severity: Severity,
    inferred: boolean,
  ) {
    this.ruleId = rule.id;
    this.severity = severity;
    this.fix = fix;
    this.nodeIds = nodeIds;
    this.linkIds = linkIds;
    this.siteIds = siteIds;
    this.inferred = inferred;
    this.docs = rule.docs;
    this.#message = message;
  }

  get message(): string {
    const m = this.#message;
    if (typeof m === 'string') return m;
    let text: string;
    try {
      text = m();
    } catch (e) {
      // The wording is the check's too: a fault in it reads as the check's own fault would.
      text = crashMessage(this.ruleId, e);
    }
    this.#message = text;
    return text;
  }

  toJSON(): Finding {
    const { ruleId, severity, message, fix, nodeIds, linkIds, siteIds, inferred, docs } = this;
    return { ruleId, severity, message, fix, nodeIds, linkIds, siteIds, inferred, docs };
  }
}

/** Sorts findings in place into the order of docs/format.md "Findings", and returns them. */
export function sortFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((f, i) => ({ f, i, rank: RANK[f.severity], first: firstId(f) }));
  keyed.sort((a, b) => a.rank - b.rank || cmp(a.f.ruleId, b.f.ruleId) || cmp(a.first, b.first) || a.i - b.i);
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i]!.f;
  return findings;
}

/**
 * Groups in (severity, rule id) order, each group's findings by first id; ties keep the
 * order the checks gave, exactly as one stable sort of all findings would.
 */
function ordered(groups: Group[]): Finding[] {
  const byKey = groups.map((g, i) => ({ g, i })).sort((a, b) => a.g.rank - b.g.rank || cmp(a.g.ruleId, b.g.ruleId) || a.i - b.i);
  // Each group in its order, then one list of them all, made at its size.
  const parts: Finding[][] = [];
  for (let k = 0; k < byKey.length;) {
    const first = byKey[k]!.g;
    // A rule listed twice (or a crash report beside an info rule's own findings) forms one group.
    let findings = first.findings;
    let firstIds = first.firstIds;
    for (k++; k < byKey.length && byKey[k]!.g.rank === first.rank && byKey[k]!.g.ruleId === first.ruleId; k++) {
      findings = [...findings, ...byKey[k]!.g.findings];
      firstIds = [...firstIds, ...byKey[k]!.g.firstIds];
    }
    const order = byFirstId(firstIds);
    const group = findings;
    parts.push(order ? group.map((_, i) => group[order[i]!]!) : group);
  }
  return ([] as Finding[]).concat(...parts);
}

/**
 * The stable order of `ids` (positions), or undefined when they are in order already, as
 * most checks report them. Otherwise a merge sort of the runs already in order: checks
 * walk the document, whose nodes come in ascending runs (one per site), so this takes a
 * few passes of plain comparisons where a general sort took twice as long.
 */
function byFirstId(ids: readonly string[]): Int32Array | undefined {
  const n = ids.length;
  let starts = [0];
  for (let i = 1; i < n; i++) if (ids[i - 1]! > ids[i]!) starts.push(i);
  if (starts.length === 1) return undefined;
  let from = new Int32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Int32Array(n);
  // Merge neighbouring runs pairwise until one is left.
  while (starts.length > 1) {
    const next: number[] = [];
    for (let r = 0; r < starts.length; r += 2) {
      const lo = starts[r]!;
      const mid = r + 1 < starts.length ? starts[r + 1]! : n;
      const hi = r + 2 < starts.length ? starts[r + 2]! : n;
      next.push(lo);
      let i = lo;
      let j = mid;
      let k = lo;
      // The right run's item goes first only when strictly smaller: ties keep the check's order.
      while (i < mid && j < hi) to[k++] = ids[from[j]!]! < ids[from[i]!]! ? from[j++]! : from[i++]!;
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    [from, to] = [to, from];
    starts = next;
  }
  return from;
}

const firstId = (f: Finding): string => f.nodeIds[0] ?? f.siteIds[0] ?? f.linkIds[0] ?? '';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** No ids: one frozen list for every finding that names none (most name no site or link). */
const NONE: readonly string[] = Object.freeze([]);

/** A copy of `ids` without repeats (a finding names each node once). */
function distinct(ids: readonly string[] | undefined): readonly string[] {
  if (!ids || ids.length === 0) return NONE;
  if (ids.length <= 8) {
    // Small lists, the usual case: a pairwise check costs less than a Set.
    let repeats = false;
    for (let i = 1; i < ids.length && !repeats; i++) for (let j = 0; j < i; j++) if (ids[i] === ids[j]) repeats = true;
    if (!repeats) return ids.slice();
  }
  return [...new Set(ids)];
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity] += 1;
  return s;
}
