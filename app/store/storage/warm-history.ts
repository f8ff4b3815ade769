/**
 * The texts of the undo steps the stored history will keep (stored-history.ts), written a
 * slice at a time ahead of the write, so that historyText then only joins them (the first
 * text of a 10,000-node step takes about 100 ms). Loaded when first used.
 */
import { SliceClock, warmJsonText } from '../../lib/json-text-warm';
import { LIMITS } from '../../model/limits';
import type { Topology } from '../../model/schema';
import { hasStepText, stepText } from './stored-history';

/** The same walk as historyText: the nearest steps back, then forward, within the steps and characters kept. */
export async function warmHistoryText(
  past: readonly Topology[],
  future: readonly Topology[],
  limits: { steps: number; chars: number } = { steps: LIMITS.maxStoredUndoSteps, chars: LIMITS.maxStoredUndoChars },
  clock: SliceClock = new SliceClock(),
): Promise<void> {
  let budget = limits.chars;
  let steps = limits.steps;
  for (const direction of [[...past].reverse(), future])
    for (const doc of direction) {
      if (steps <= 0) return;
      if (!hasStepText(doc)) await warmJsonText(doc, clock);
      const length = stepText(doc).length;
      // Too large: historyText stops this direction here too.
      if (length > budget) break;
      budget -= length;
      steps--;
      await clock.pause();
    }
}
