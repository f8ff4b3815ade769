/** Reading the document's layout. */
import type { Position } from './schema';

/**
 * The position of `id`: own entries only. Ids are free text within [A-Za-z0-9_.-], so a
 * node may well be called "constructor" or "toString", and a plain lookup would find
 * Object.prototype's function instead of "no position".
 */
export function positionOf(layout: Readonly<Record<string, Position>> | undefined, id: string): Position | undefined {
  return layout !== undefined && Object.hasOwn(layout, id) ? layout[id] : undefined;
}
