/**
 * Reads back the undo history stored with a design (stored-history.ts writes it): every
 * step goes through parseTopology; a step that fails is dropped with the older ones
 * (never the design itself). Loaded when a design is opened (not part of the first load).
 */
import { LIMITS } from '../../model/limits';
import { jsonNestingDepth, parseTopology } from '../../model/parse';
import type { Topology } from '../../model/schema';

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
