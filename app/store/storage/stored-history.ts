/**
 * The undo history kept with a design, so Ctrl+Z still works after a reload: the newest
 * steps first, up to LIMITS.maxStoredUndoSteps and LIMITS.maxStoredUndoChars together
 * (a large design keeps fewer steps). Read back (read-history.ts), every step goes through parseTopology;
 * a step that fails is dropped with the older ones (never the design itself).
 */
import { jsonText } from '../../lib/json-text';
import { LIMITS } from '../../model/limits';
import type { Topology } from '../../model/schema';

/** Whether a step's text is written already. */
export const hasStepText = (doc: Topology): boolean => textOf.has(doc);

/** Steps are immutable: each is turned into text once (and shares the text of its unchanged nodes with the others). */
const textOf = new WeakMap<Topology, string>();
export function stepText(doc: Topology): string {
  let t = textOf.get(doc);
  if (t === undefined) {
    t = jsonText(doc)!;
    textOf.set(doc, t);
  }
  return t;
}

export function historyText(
  past: readonly Topology[],
  future: readonly Topology[],
  limits: { steps: number; chars: number } = { steps: LIMITS.maxStoredUndoSteps, chars: LIMITS.maxStoredUndoChars },
): string {
  let budget = limits.chars;
  let steps = limits.steps;
  const keptPast: string[] = [];
  const keptFuture: string[] = [];
  // The nearest steps back first (undo matters most), then the nearest steps forward.
  for (let i = past.length - 1; i >= 0 && steps > 0; i--) {
    const t = stepText(past[i]!);
    if (t.length > budget) break;
    budget -= t.length;
    steps--;
    keptPast.push(t);
  }
  for (let i = 0; i < future.length && steps > 0; i++) {
    const t = stepText(future[i]!);
    if (t.length > budget) break;
    budget -= t.length;
    steps--;
    keptFuture.push(t);
  }
  return `{"v":1,"past":[${keptPast.reverse().join(',')}],"future":[${keptFuture.join(',')}]}`;
}
