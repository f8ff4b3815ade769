/**
 * Rich text for steps, and the escaping every formatter relies on. User-typed text
 * (names, site names, descriptions, share names) is data: it is kept on one line,
 * stripped of bidirectional controls, and quoted for the format it is written to.
 */
import type { RichText, Span } from './types';

export const ui = (value: string): Span => ({ kind: 'ui', value });
export const code = (value: string): Span => ({ kind: 'code', value });
export const text = (value: string): Span => ({ kind: 'text', value });

/** Tagged template: literal parts and interpolated strings become text spans; spans and rich texts pass through. */
export function rt(strings: TemplateStringsArray, ...values: Array<string | number | Span | RichText>): RichText {
  const out: Span[] = [];
  const push = (s: Span) => {
    if (s.value === '') return;
    const last = out[out.length - 1];
    if (last && last.kind === 'text' && s.kind === 'text') out[out.length - 1] = { kind: 'text', value: last.value + s.value };
    else out.push(s);
  };
  strings.forEach((lit, i) => {
    push(text(lit));
    if (i < values.length) {
      const v = values[i]!;
      if (typeof v === 'string' || typeof v === 'number') push(text(String(v)));
      else if (Array.isArray(v)) v.forEach(push);
      else push(v);
    }
  });
  return out;
}

/** Joins rich texts with a separator text. */
export function joinRich(parts: readonly RichText[], sep: string): RichText {
  const out: Span[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(text(sep));
    out.push(...p);
  });
  return rt`${out}`;
}

/** Plain text for places without markup (PowerShell messages): UI labels in double quotes. */
export function plain(r: RichText): string {
  return r.map((s) => (s.kind === 'ui' ? `"${s.value}"` : s.value)).join('');
}

// ---------------------------------------------------------------- sanitising

/** Bidirectional controls can make text display differently from what it is ("Trojan Source"). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u0085]+/g;

/** One line, no control characters, bidirectional controls made visible as U+FFFD. */
export function oneLine(s: string): string {
  return s.replace(LINE_BREAKS_AND_CONTROLS, ' ').replace(BIDI, '\uFFFD');
}

// ---------------------------------------------------------------- PowerShell

/** PowerShell treats all four of these as single quotes; inside a single-quoted string each is doubled. */
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/** A PowerShell single-quoted string literal: nothing inside expands or ends it early. */
export function psQuote(s: string): string {
  return `'${oneLine(s).replace(PS_SINGLE_QUOTES, (q) => q + q)}'`;
}

/** Text for a `#` comment: one line, and no block-comment delimiters. */
export function psComment(s: string): string {
  // Repeat until none is left: removing one delimiter can join a new one ("<<#" → "<#").
  let out = oneLine(s);
  while (/<#|#>/.test(out)) out = out.replace(/<#|#>/g, '#');
  return out;
}

// ---------------------------------------------------------------- Markdown

/** Inline Markdown text: HTML special characters as entities, Markdown punctuation backslash-escaped. */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~{}#!]/g, (c) => `\\${c}`);
}

function longestBacktickRun(s: string): number {
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

/** A fenced code block whose fence is longer than any backtick run inside. */
export function mdCodeBlock(lines: readonly string[], info = 'powershell'): string {
  const body = lines.map(oneLine);
  const fence = '`'.repeat(Math.max(3, ...body.map((l) => longestBacktickRun(l) + 1)));
  return `${fence}${info}\n${body.join('\n')}\n${fence}`;
}

export function mdRich(r: RichText): string {
  return r
    .map((s) => {
      switch (s.kind) {
        case 'text':
          return mdText(s.value);
        case 'ui':
          return `**${mdText(s.value)}**`;
        case 'code':
          return mdCode(s.value);
      }
    })
    .join('');
}

// ---------------------------------------------------------------- documentation links

/** Public address of a source path as written in the catalogue (bare, `ps:` or `sql-docs:`). */
export function docUrl(path: string): string {
  if (path.startsWith('ps:')) {
    const cmdlet = path.slice(3).replace(/\.md$/, '').toLowerCase();
    return `https://learn.microsoft.com/powershell/module/skype/${encodeURIComponent(cmdlet)}`;
  }
  if (path.startsWith('sql-docs:')) return `https://github.com/MicrosoftDocs/sql-docs/blob/HEAD/${encodePath(path.slice(9))}`;
  return `https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/blob/HEAD/${encodePath(path)}`;
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
