/**
 * Derived data, computed once per document version (documents are immutable, so the
 * object identity is the cache key). Findings are recomputed only when the document's
 * content changes, not on a drag that only moves the layout.
 */
import { plainWords } from '../model/plain-words';
import type { Topology } from '../model/schema';
import { runRules, summarize } from '../rules/engine';
import type { Finding, Severity } from '../rules/types';
import { generateSteps, type StepPlan } from '../steps/index';
import { capacityBars, simulateFailure, type CapacityBar, type Failure, type SimulationOutcome } from '../simulate/index';

function memoByContent<T>(f: (doc: Topology) => T): (doc: Topology) => T {
  let lastDoc: Topology | undefined;
  let lastKey: unknown[] | undefined;
  let last: T;
  return (doc) => {
    if (doc === lastDoc) return last;
    // Layout changes never change what the rules say: compare everything but layout.
    const key = [doc.nodes, doc.links, doc.sites, doc.deployment, doc.name];
    if (lastKey && key.every((k, i) => k === lastKey![i])) {
      lastDoc = doc;
      return last;
    }
    lastDoc = doc;
    lastKey = key;
    last = f(doc);
    return last;
  };
}

export const selectFindings = memoByContent((doc): Finding[] => runRules(doc));

/** What a card, link or frame shows of its findings: the worst severity, the count, the first six messages. */
export interface ElementBadge {
  worst: Severity;
  count: number;
  messages: string[];
}

export interface FindingIndex {
  /** Per node, link and site id. */
  byElement: Map<string, ElementBadge>;
  summary: Record<Severity, number>;
}

const SEVERITY_WORDS: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['advice', 'advice'] };

/** "1 error · 3 warnings · 5 advice": what a badge's tooltip says first. */
export function severityCounts(counts: Record<Severity, number>): string {
  return (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${SEVERITY_WORDS[s][counts[s] === 1 ? 0 : 1]}`)
    .join(' · ');
}

export const selectFindingIndex = memoByContent((doc): FindingIndex => {
  const findings = selectFindings(doc);
  // Per element: how many of each severity, and the first six findings of each (worst shown first).
  const tally = new Map<string, { counts: Record<Severity, number>; first: Record<Severity, Finding[]> }>();
  for (const f of findings) {
    for (const id of [...f.nodeIds, ...f.linkIds, ...f.siteIds]) {
      let t = tally.get(id);
      if (!t) tally.set(id, (t = { counts: { error: 0, warning: 0, info: 0 }, first: { error: [], warning: [], info: [] } }));
      t.counts[f.severity] += 1;
      if (t.first[f.severity].length < 6) t.first[f.severity].push(f);
    }
  }
  const byElement = new Map<string, ElementBadge>();
  for (const [id, t] of tally) {
    const worst = t.counts.error > 0 ? 'error' : t.counts.warning > 0 ? 'warning' : 'info';
    // The badge counts the worst severity only; the tooltip gives all of them, then the worst findings first.
    const messages = [severityCounts(t.counts), ...[...t.first.error, ...t.first.warning, ...t.first.info].slice(0, 6).map((f) => plainWords(f.message))];
    byElement.set(id, { worst, count: t.counts[worst], messages });
  }
  // An element whose badge reads the same keeps the same object, so after an edit only
  // the cards and links whose badge changed re-render, not all 500 of a large design.
  for (const [id, badge] of byElement) {
    const prev = lastBadges.get(id);
    if (prev && sameBadge(prev, badge)) byElement.set(id, prev);
  }
  lastBadges = byElement;
  return { byElement, summary: summarize(findings) };
});

let lastBadges = new Map<string, ElementBadge>();

function sameBadge(a: ElementBadge, b: ElementBadge): boolean {
  return a.worst === b.worst && a.count === b.count && a.messages.length === b.messages.length && a.messages.every((m, i) => m === b.messages[i]);
}


export type SimulationResult = { ok: true; outcome: SimulationOutcome; bars: CapacityBar[] } | { ok: false; message: string };

let simCache: { doc: Topology; key: string; result: SimulationResult } | undefined;
/** The simulated failure's outcome (read-only: the document never changes). */
export function selectSimulation(doc: Topology, failure: Failure | null): SimulationResult | undefined {
  if (!failure) return undefined;
  const key = JSON.stringify(failure);
  if (simCache && simCache.doc === doc && simCache.key === key) return simCache.result;
  const r = simulateFailure(doc, failure);
  const result: SimulationResult = r.ok ? { ok: true, outcome: r.value, bars: capacityBars(doc, r.value) } : { ok: false, message: r.error.message };
  simCache = { doc, key, result };
  return result;
}

export const selectSteps = memoByContent((doc): StepPlan => generateSteps(doc, selectFindings(doc)));
