/**
 * Rich text as the step builders make it: rt and joinRich merge neighbouring text and
 * drop empty spans, whatever shape their arguments take; commandName reads the command
 * word the way the -WhatIf check needs it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandName } from './step';
import { code, joinRich, rt, text, ui } from './text';
import type { RichText, Span } from './types';

/** What rt makes of a list of spans, written the plain way: one pass, merging into the last text span. */
function plainMerge(spans: readonly Span[]): RichText {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.value === '') continue;
    const last = out[out.length - 1];
    if (last?.kind === 'text' && s.kind === 'text') out[out.length - 1] = text(last.value + s.value);
    else out.push(s);
  }
  return out;
}

const arbSpan: fc.Arbitrary<Span> = fc.record({
  kind: fc.constantFrom('text' as const, 'ui' as const, 'code' as const),
  value: fc.constantFrom('', 'a', 'OK', ' → ', 'x y'),
});

describe('rt and joinRich', () => {
  it('merge neighbouring text and drop empty spans, for strings, numbers, spans and rich texts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('', 'name', '→'), fc.integer(), arbSpan, fc.array(arbSpan, { maxLength: 4 })), {
          maxLength: 6,
        }),
        fc.array(fc.constantFrom('', 'lit ', ' = '), { minLength: 7, maxLength: 7 }),
        (values, lits) => {
          const strings = Object.assign(lits.slice(0, values.length + 1), {
            raw: lits.slice(0, values.length + 1),
          }) as unknown as TemplateStringsArray;
          const spans: Span[] = [];
          strings.forEach((lit, i) => {
            spans.push(text(lit));
            const v = values[i];
            if (i >= values.length || v === undefined) return;
            if (typeof v === 'string' || typeof v === 'number') spans.push(text(String(v)));
            else if (Array.isArray(v)) spans.push(...v);
            else spans.push(v);
          });
          expect(rt(strings, ...values)).toEqual(plainMerge(spans));
        },
      ),
    );
  });

  it('joinRich puts the separator as text between the parts', () => {
    expect(joinRich([rt`${code('a')}`, rt`b`, []], ', ')).toEqual([code('a'), text(', b, ')]);
    expect(joinRich([], ', ')).toEqual([]);
  });

  it('starts afresh after a call that failed half-way', () => {
    const bad = [code('kept?'), null] as unknown as RichText;
    expect(() => rt`before ${bad}`).toThrow();
    expect(rt`after ${ui('OK')}`).toEqual([text('after '), ui('OK')]);
  });

  it('hands out one span per UI label, equal to a fresh one', () => {
    expect(ui('OK')).toBe(ui('OK'));
    expect(ui('OK')).toEqual({ kind: 'ui', value: 'OK' });
  });
});

describe('commandName', () => {
  it('is the first word, after blanks and an optional call operator', () => {
    expect(commandName('Invoke-CsPoolFailOver -PoolFqdn x')).toBe('Invoke-CsPoolFailOver');
    expect(commandName('  & "C:\\Setup\\Bootstrapper.exe" /Setup')).toBe('"C:\\Setup\\Bootstrapper.exe"');
    expect(commandName('&Start-CsPool')).toBe('Start-CsPool');
    expect(commandName('&')).toBe('');
    expect(commandName('')).toBe('');
  });

  it('agrees with splitting the trimmed line', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\t', '&', 'a', 'B', '-', '\u00a0', '\n') }), (line) => {
        expect(commandName(line)).toBe(line.trim().replace(/^&\s*/, '').split(/\s+/)[0] ?? '');
      }),
    );
  });
});
