/**
 * Text helpers for the simulation's notes and runbook commands. Names come from the
 * document and may be hostile (newlines, bidi overrides, quotes, `$(...)`): notes carry
 * a cleaned one-line label, and anything that lands in a PowerShell command is either
 * schema-constrained (ids, FQDNs) or single-quoted here.
 */
import type { TopologyNode } from '../model/schema';

/** Control characters, line/paragraph separators and bidi embedding/override/isolate marks. */
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g;
const MAX_LABEL = 80;

/** A name on one plain line: no control or bidi characters, at most 80 characters. */
export function cleanName(s: string): string {
  const flat = s.replace(UNSAFE_TEXT, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LABEL ? `${flat.slice(0, MAX_LABEL - 1)}…` : flat;
}

/** `Pool A (pool-a)`, or just the id when the name adds nothing. Ids are schema-safe. */
export function label(n: Pick<TopologyNode, 'id' | 'name'> | undefined, fallbackId = '?'): string {
  if (!n) return fallbackId;
  const name = cleanName(n.name);
  return name && name !== n.id ? `${name} (${n.id})` : n.id;
}

/** 15000 → "15,000" (fixed format, independent of the runtime's locale data). */
export function count(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  return `${n < 0 ? '-' : ''}${s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

export { plural } from '../lib/text';

/**
 * A PowerShell single-quoted literal. Inside single quotes PowerShell expands nothing;
 * the only special characters are the quote itself and its typographic variants
 * (U+2018–U+201B), which PowerShell also treats as single quotes, so each is doubled.
 * Control characters would split the command line and are replaced by spaces.
 */
export function psQuote(s: string): string {
  const flat = s.replace(UNSAFE_TEXT, ' ');
  return `'${flat.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** Join ids/labels as "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
