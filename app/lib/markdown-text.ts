/**
 * Text that a user typed, made safe for one line of Markdown: the escaping the step
 * runbooks and the findings report share. Names are data, never markup.
 */

/** Bidirectional controls can make text display differently from what it is ("Trojan Source"). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u0085]+/g;

/** One line, no control characters, bidirectional controls made visible as U+FFFD. */
export function oneLine(s: string): string {
  return s.replace(LINE_BREAKS_AND_CONTROLS, ' ').replace(BIDI, '\uFFFD');
}

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
