/**
 * Text that a user typed, made safe for one line of Markdown: the escaping the step
 * runbooks and the findings report share. Names are data, never markup.
 */
import { oneLine } from './text';

/** Markdown writers take their one-line helper from here too (it lives in text.ts). */
export { oneLine };

/** Inline Markdown text: HTML special characters as entities, Markdown punctuation backslash-escaped. */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~{}#!]/g, (c) => `\\${c}`);
}

export function longestBacktickRun(s: string): number {
  let best = 0;
  for (const m of s.matchAll(/`+/g)) best = Math.max(best, m[0].length);
  return best;
}

/** An inline code span that no content can close early. */
export function mdCode(s: string): string {
  const v = oneLine(s);
  const fence = '`'.repeat(longestBacktickRun(v) + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || v.startsWith(' ') || v.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}
