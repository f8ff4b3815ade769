/**
 * The undo history kept with a design, so Ctrl+Z still works after a reload: the newest
 * steps first, up to LIMITS.maxStoredUndoSteps and LIMITS.maxStoredUndoChars together
 * (a large design keeps fewer steps). Read back, every step goes through parseTopology;
 * a step that fails is dropped with the older ones (never the design itself).
 */
import { jsonText, SliceClock, warmJsonText } from '../../lib/json-text';
import { LIMITS } from '../../model/limits';
import { jsonNestingDepth, parseTopology } from '../../model/parse';
import type { Topology } from '../../model/schema';

/** Steps are immutable: each is turned into text once (and shares the text of its unchanged nodes with the others). */
const textOf = new WeakMap<Topology, string>();
function stepText(doc: Topology): string {
  let t = textOf.get(doc);
  if (t === undefined) {
    t = jsonText(doc)!;
    textOf.set(doc, t);
  }
  return t;
}

type Limits = { steps: number; chars: number };
const DEFAULT_LIMITS: Limits = { steps: LIMITS.maxStoredUndoSteps, chars: LIMITS.maxStoredUndoChars };

/** The steps in the order they are kept: the nearest steps back first (undo matters most), then the nearest forward. */
const inOrder = (past: readonly Topology[], future: readonly Topology[]): [Topology[], readonly Topology[]] => [
  [...past].reverse(),
  future,
];

/** What is left of the steps and characters a history may keep. */
class Budget {
  private chars: number;
  private steps: number;
  constructor(limits: Limits) {
    this.chars = limits.chars;
    this.steps = limits.steps;
  }
  get open(): boolean {
    return this.steps > 0;
  }
  /** Takes a step of `length` characters, if it fits. */
  take(length: number): boolean {
    if (length > this.chars) return false;
    this.chars -= length;
    this.steps -= 1;
    return true;
  }
}

export function historyText(past: readonly Topology[], future: readonly Topology[], limits: Limits = DEFAULT_LIMITS): string {
  const budget = new Budget(limits);
  const [back, forward] = inOrder(past, future).map((steps) => {
    const kept: string[] = [];
    for (const doc of steps) {
      if (!budget.open) break;
      const t = stepText(doc);
      // A step too large ends that direction (the steps beyond it would not follow on from the design).
      if (!budget.take(t.length)) break;
      kept.push(t);
    }
    return kept;
  }) as [string[], string[]];
  return `{"v":1,"past":[${back.reverse().join(',')}],"future":[${forward.join(',')}]}`;
}

/**
 * Writes the texts of the steps historyText will keep a slice at a time, yielding to the
 * page between slices, so that historyText after it only joins them (the first text of a
 * 10,000-node step takes about 100 ms).
 */
export async function warmHistoryText(
  past: readonly Topology[],
  future: readonly Topology[],
  limits: Limits = DEFAULT_LIMITS,
  clock: SliceClock = new SliceClock(),
): Promise<void> {
  const budget = new Budget(limits);
  for (const steps of inOrder(past, future))
    for (const doc of steps) {
      if (!budget.open) break;
      if (!textOf.has(doc)) await warmJsonText(doc, clock);
      if (!budget.take(stepText(doc).length)) break;
      await clock.pause();
    }
}

export function readHistory(text: string | undefined): { past: Topology[]; future: Topology[] } | undefined {
  if (
    !text ||
    text.length > LIMITS.maxStoredUndoChars + 1_000 ||
    jsonNestingDepth(text, LIMITS.maxJsonDepth) > LIMITS.maxJsonDepth
  )
    return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = value as { v?: unknown; past?: unknown; future?: unknown };
  if (!v || v.v !== 1 || !Array.isArray(v.past) || !Array.isArray(v.future)) return undefined;
  const past: Topology[] = [];
  // From the newest back: an unreadable step ends the history there.
  for (let i = v.past.length - 1; i >= 0; i--) {
    const r = parseTopology(v.past[i]);
    if (!r.ok) break;
    past.unshift(r.value);
  }
  const future: Topology[] = [];
  for (const step of v.future) {
    const r = parseTopology(step);
    if (!r.ok) break;
    future.push(r.value);
  }
  return { past, future };
}
