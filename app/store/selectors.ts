/**
 * Derived data, computed once per document version (documents are immutable, so the
 * object identity is the cache key). Findings are recomputed only when the document's
 * content changes, not on a drag that only moves the layout.
 *
 * The rule engine (its rules and their catalogue text) is not part of the first load: it
 * is fetched as the page starts (`loadRuleEngine`), and until it is there a design has
 * no findings yet (`rulesReady()` is false, and the panels say the design is being checked).
 */
import { useSyncExternalStore } from 'react';
import { plainWords } from '../model/plain-words';
import { checklistItem } from '../rules/checklist';
import type { Topology } from '../model/schema';
import type { Finding, Severity } from '../rules/types';

type RuleEngine = typeof import('../rules/engine');
let engine: RuleEngine | undefined;
let loading: Promise<RuleEngine> | undefined;
const waiting = new Set<() => void>();

/** Fetches the rule engine once; everything that shows findings re-renders when it arrives. */
export function loadRuleEngine(): Promise<RuleEngine> {
  loading ??= import('../rules/engine').then(
    (m) => {
      engine = m;
      for (const f of waiting) f();
      return m;
    },
    (e: unknown) => {
      // Not there (offline before the first visit was cached): the next call tries again.
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

export const rulesReady = (): boolean => engine !== undefined;

/** True once the rule engine is loaded; a component that shows findings re-renders then. */
export function useRulesReady(): boolean {
  return useSyncExternalStore((f) => {
    waiting.add(f);
    return () => waiting.delete(f);
  }, rulesReady);
}

export function memoByContent<T>(f: (doc: Topology) => T): (doc: Topology) => T {
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

const NO_FINDINGS: Finding[] = [];
const findingsOf = memoByContent((doc): Finding[] => engine!.runRules(doc));
/** The design's findings; none until the rule engine is loaded (see `rulesReady`). */
export const selectFindings = (doc: Topology): Finding[] => (engine ? findingsOf(doc) : NO_FINDINGS);

/** What a card, link or frame shows of its findings: the worst severity, the count, the first six messages. */
export interface ElementBadge {
  worst: Severity;
  count: number;
  messages: string[];
  /**
   * How many parts the element still misses (rules/checklist.ts), when those are all its
   * errors: it is being built, and its badge reads as a to-do count, not as errors. 0 otherwise.
   */
  todo: number;
}

export interface FindingIndex {
  /** Per node, link and site id. */
  byElement: Map<string, ElementBadge>;
  summary: Record<Severity, number>;
}

const SEVERITY_WORDS: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['advice', 'advice'],
};

/** "1 error · 3 warnings · 5 advice": what a badge's tooltip says first. */
export function severityCounts(counts: Record<Severity, number>): string {
  return (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${SEVERITY_WORDS[s][counts[s] === 1 ? 0 : 1]}`)
    .join(' · ');
}

const EMPTY_INDEX: FindingIndex = { byElement: new Map(), summary: { error: 0, warning: 0, info: 0 } };
export const selectFindingIndex = (doc: Topology): FindingIndex => (engine ? findingIndexOf(doc) : EMPTY_INDEX);
const findingIndexOf = memoByContent((doc): FindingIndex => {
  const findings = selectFindings(doc);
  // Per element: how many of each severity, and the first six findings of each (worst shown first).
  const tally = new Map<
    string,
    { counts: Record<Severity, number>; first: Record<Severity, Finding[]>; todo: string[]; todoErrors: number }
  >();
  for (const f of findings) {
    for (const id of [...f.nodeIds, ...f.linkIds, ...f.siteIds]) {
      let t = tally.get(id);
      if (!t)
        tally.set(
          id,
          (t = {
            counts: { error: 0, warning: 0, info: 0 },
            first: { error: [], warning: [], info: [] },
            todo: [],
            todoErrors: 0,
          }),
        );
      t.counts[f.severity] += 1;
      const todo = checklistItem(f, id);
      if (todo !== undefined) {
        if (!t.todo.includes(todo)) t.todo.push(todo);
        if (f.severity === 'error') t.todoErrors += 1;
      } else if (t.first[f.severity].length < 6) t.first[f.severity].push(f);
    }
  }
  const byElement = new Map<string, ElementBadge>();
  for (const [id, t] of tally) {
    const worst = t.counts.error > 0 ? 'error' : t.counts.warning > 0 ? 'warning' : 'info';
    // Still being built: every error says a part is missing. The badge then counts what is left to do.
    const building = t.todo.length > 0 && t.todoErrors === t.counts.error;
    // The badge counts the worst severity only; the tooltip gives all of them, then the worst findings first.
    const messages = [
      ...(t.todo.length ? [`To finish: ${t.todo.join('; ')}.`] : []),
      severityCounts(t.counts),
      ...[...t.first.error, ...t.first.warning, ...t.first.info].slice(0, 6).map((f) => plainWords(f.message)),
    ];
    byElement.set(id, { worst, count: t.counts[worst], messages, todo: building ? t.todo.length : 0 });
  }
  // An element whose badge reads the same keeps the same object, so after an edit only
  // the cards and links whose badge changed re-render, not all 500 of a large design.
  for (const [id, badge] of byElement) {
    const prev = lastBadges.get(id);
    if (prev && sameBadge(prev, badge)) byElement.set(id, prev);
  }
  lastBadges = byElement;
  return { byElement, summary: engine!.summarize(findings) };
});

let lastBadges = new Map<string, ElementBadge>();

function sameBadge(a: ElementBadge, b: ElementBadge): boolean {
  return (
    a.worst === b.worst &&
    a.count === b.count &&
    a.todo === b.todo &&
    a.messages.length === b.messages.length &&
    a.messages.every((m, i) => m === b.messages[i])
  );
}
