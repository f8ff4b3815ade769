/**
 * Rich text for steps, and the escaping every formatter relies on. User-typed text
 * (names, site names, descriptions, share names) is data: it is kept on one line,
 * stripped of bidirectional controls, and quoted for the format it is written to.
 */
import { longestBacktickRun, mdCode, mdText } from '../lib/markdown-text';
import { oneLine } from '../lib/text';
import type { RichText, Span } from './types';

// Shared with the findings report; here for the formatters that always took them from this module.
export { mdCode, mdText } from '../lib/markdown-text';
export { oneLine } from '../lib/text';
export { docUrl } from '../model/doc-url';

/**
 * A UI label ("OK", "Edit Properties"). Spans are never changed once made, and the same
 * few hundred labels come back in every step, so each label has one span (a 5,000-node
 * plan names about a hundred thousand of them). The few labels that come from the design
 * (domain names) are remembered too, up to a bound.
 */
export function ui(value: string): Span {
  let span = UI_SPANS.get(value);
  if (!span) {
    span = { kind: 'ui', value };
    if (UI_SPANS.size < 1_000) UI_SPANS.set(value, span);
  }
  return span;
}
const UI_SPANS = new Map<string, Span>();
export const code = (value: string): Span => ({ kind: 'code', value });
export const text = (value: string): Span => ({ kind: 'text', value });

/**
 * Tagged template: literal parts and interpolated strings become text spans; spans and
 * rich texts pass through. Neighbouring text becomes one span and empty spans are dropped.
 * A 5,000-node plan makes several hundred thousand of these, so each is built without
 * garbage: the text is gathered into one string before its span is made, and the spans
 * into one reused buffer, then copied into a list of exactly their number.
 */
export function rt(strings: TemplateStringsArray, ...values: Array<string | number | Span | RichText>): RichText {
  const b = BUFFER.restart();
  for (let i = 0; i < strings.length; i++) {
    b.addText(strings[i]!);
    if (i >= values.length) break;
    const v = values[i]!;
    if (typeof v === 'string') b.addText(v);
    else if (typeof v === 'number') b.addText(String(v));
    else if (Array.isArray(v)) for (const s of v) b.add(s);
    else b.add(v);
  }
  return b.done();
}

/** Joins rich texts with a separator text. */
export function joinRich(parts: readonly RichText[], sep: string): RichText {
  const b = BUFFER.restart();
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) b.addText(sep);
    for (const s of parts[i]!) b.add(s);
  }
  return b.done();
}

/** The rich text rt or joinRich is building: its spans so far, and the text after them. */
class SpanBuffer {
  private readonly spans: Span[] = [];
  private count = 0;
  private pending = '';
  /** Empty again, whatever a call that threw half-way left. */
  restart(): this {
    this.count = 0;
    this.pending = '';
    return this;
  }
  addText(value: string): void {
    this.pending += value;
  }
  add(s: Span): void {
    if (s.kind === 'text') this.pending += s.value;
    else if (s.value !== '') {
      this.flush();
      this.spans[this.count++] = s;
    }
  }
  /** The rich text gathered, as a list of exactly its spans. */
  done(): RichText {
    this.flush();
    return this.count === 1 ? [this.spans[0]!] : this.spans.slice(0, this.count);
  }
  private flush(): void {
    if (this.pending === '') return;
    this.spans[this.count++] = text(this.pending);
    this.pending = '';
  }
}

// The arguments of rt and joinRich are all built before they run, and nothing they call
// builds another rich text, so one buffer serves every call.
const BUFFER = new SpanBuffer();

/** Plain text for places without markup (PowerShell messages): UI labels in double quotes. */
export function plain(r: RichText): string {
  return r.map((s) => (s.kind === 'ui' ? `"${s.value}"` : s.value)).join('');
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
