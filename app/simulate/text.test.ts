import { describe, expect, it } from 'vitest';
import { cleanName, count, label, psQuote } from './text';

describe('psQuote', () => {
  it('makes a single-quoted literal in which PowerShell expands nothing', () => {
    expect(psQuote('site:Amsterdam')).toBe("'site:Amsterdam'");
    expect(psQuote("O'Hare $(Remove-Item C:\\) `whoami` $env:PATH")).toBe("'O''Hare $(Remove-Item C:\\) `whoami` $env:PATH'");
  });

  it('doubles the typographic single quotes PowerShell also ends a string with', () => {
    expect(psQuote('a\u2018b\u2019c\u201ad\u201be')).toBe("'a\u2018\u2018b\u2019\u2019c\u201a\u201ad\u201b\u201be'");
  });

  it('keeps the command on one line', () => {
    expect(psQuote('a\r\nb\u2028c')).toBe("'a b c'");
  });
});

describe('labels for notes', () => {
  it('removes control and bidi characters and bounds the length', () => {
    expect(cleanName('  Pool\u202e A\n\tnorth  ')).toBe('Pool A north');
    const long = cleanName('x'.repeat(500));
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });

  it('shows the name and the id, or only the id when the name adds nothing', () => {
    expect(label({ id: 'pool-a', name: 'Pool A' })).toBe('Pool A (pool-a)');
    expect(label({ id: 'pool-a', name: 'pool-a' })).toBe('pool-a');
    expect(label({ id: 'pool-a', name: '\u202e\n' })).toBe('pool-a');
    expect(label(undefined, 'gone')).toBe('gone');
  });

  it('formats counts with thousands separators', () => {
    expect([count(0), count(999), count(1_000), count(106_000), count(1_234_567)]).toEqual([
      '0',
      '999',
      '1,000',
      '106,000',
      '1,234,567',
    ]);
  });
});
