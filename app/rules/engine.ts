/**
 * The rule engine: every registered rule over one topology, findings in the stable
 * order of topology-format.md (severity, rule id, first node id). Pure; never throws.
 */
import { TopologyIndex } from '../model/topology-index';
import type { Topology } from '../model/schema';
import { RULES } from './registry';
import type { Finding, Rule, Severity } from './types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings of one rule at one severity: they sort together, so only their first ids need ordering. */
interface Group {
  rank: number;
  ruleId: string;
  findings: Finding[];
}

export function runRules(doc: Topology, rules: readonly Rule[] = RULES): Finding[] {
  const ix = new TopologyIndex(doc);
  const groups: Group[] = [];
  for (const rule of rules) {
    const findings: Finding[] = [];
    let crash: Finding | undefined;
    // One docs array per rule, shared by its findings (frozen by defineRule; nobody changes findings).
    const docs = rule.docs;
    try {
      for (const hit of rule.check(ix)) {
        findings.push({
          ruleId: rule.id,
          severity: rule.severity,
          message: hit.message ?? rule.message,
          fix: hit.fix ?? rule.fix,
          nodeIds: distinct(hit.nodeIds),
          linkIds: distinct(hit.linkIds),
          siteIds: distinct(hit.siteIds),
          inferred: rule.inferred,
          docs,
        });
      }
    } catch (e) {
      // A faulty check must not take the others down; say so instead of hiding it.
      crash = {
        ruleId: rule.id,
        severity: 'info',
        message: `The check ${rule.id} could not run on this topology (${e instanceof Error ? e.message : String(e)}). Please report it.`,
        fix: 'No action on the design; this is a defect of the designer.',
        nodeIds: NONE,
        linkIds: NONE,
        siteIds: NONE,
        inferred: rule.inferred,
        docs,
      };
    }
    if (findings.length) groups.push({ rank: RANK[rule.severity], ruleId: rule.id, findings });
    if (crash) groups.push({ rank: RANK.info, ruleId: rule.id, findings: [crash] });
  }
  return ordered(groups);
}

/** Sorts findings in place into the order of topology-format.md "Findings", and returns them. */
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
  const out: Finding[] = [];
  for (let k = 0; k < byKey.length; ) {
    const { rank, ruleId } = byKey[k]!.g;
    // A rule listed twice (or a crash report beside an info rule's own findings) forms one group.
    let run = byKey[k]!.g.findings;
    for (k++; k < byKey.length && byKey[k]!.g.rank === rank && byKey[k]!.g.ruleId === ruleId; k++) run = [...run, ...byKey[k]!.g.findings];
    for (const f of byFirstId(run)) out.push(f);
  }
  return out;
}

/** Stable order by first id; most checks already report in that order, which costs one pass. */
function byFirstId(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const keys = findings.map(firstId);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! <= keys[i]!;
  if (sorted) return findings;
  const order = keys.map((_, i) => i).sort((a, b) => cmp(keys[a]!, keys[b]!) || a - b);
  return order.map((i) => findings[i]!);
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
