/**
 * The per-element digest of a design's findings (the badges of cards, links and frames)
 * and the counts per severity. Pure: built here on the main thread for a small design,
 * or in the rule worker (rules-worker.ts) beside the rule engine for a large one.
 */
import { plainWords } from '../model/plain-words';
import { checklistItem } from '../rules/checklist';
import type { Finding, Severity } from '../rules/types';

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

export function buildFindingIndex(findings: readonly Finding[]): FindingIndex {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  // Per element: how many of each severity, and the first six findings of each (worst shown first).
  const tally = new Map<
    string,
    { counts: Record<Severity, number>; first: Record<Severity, Finding[]>; todo: string[]; todoErrors: number }
  >();
  for (const f of findings) {
    summary[f.severity] += 1;
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
  return { byElement, summary };
}

/**
 * An element whose badge reads the same keeps the same object, so after an edit only the
 * cards and links whose badge changed re-render, not all the cards of a large design.
 */
export function keepSameBadges(next: FindingIndex, previous: ReadonlyMap<string, ElementBadge>): FindingIndex {
  for (const [id, badge] of next.byElement) {
    const prev = previous.get(id);
    if (prev && sameBadge(prev, badge)) next.byElement.set(id, prev);
  }
  return next;
}

function sameBadge(a: ElementBadge, b: ElementBadge): boolean {
  return (
    a.worst === b.worst &&
    a.count === b.count &&
    a.todo === b.todo &&
    a.messages.length === b.messages.length &&
    a.messages.every((m, i) => m === b.messages[i])
  );
}
