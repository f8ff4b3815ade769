import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noun, num, oneLine, plural } from './text';

describe('num, noun, plural', () => {
  it('reads as en-US whatever the runtime locale', () => {
    expect(num(999)).toBe('999');
    expect(num(106000)).toBe('106,000');
    expect(num(-1500)).toBe('-1,500');
    expect(num(1234567)).toBe('1,234,567');
    expect(num(1.5)).toBe('1.5');
  });

  it('agrees the noun with the count', () => {
    expect(plural(1, 'server')).toBe('1 server');
    expect(plural(0, 'server')).toBe('0 servers');
    expect(plural(12000, 'user')).toBe('12,000 users');
    expect(plural(2, 'replica', 'replicas')).toBe('2 replicas');
    expect(noun(3, 'Director')).toBe('Directors');
  });

  it('any whole number: the same as toLocaleString("en-US")', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(num(n)).toBe(n.toLocaleString('en-US'));
      }),
    );
  });
});

describe('oneLine', () => {
  it('puts text on one line with no control character, and shows bidirectional overrides', () => {
    expect(oneLine('a\r\nb\u2028c\u001b[2Jd')).toBe('a b c [2Jd');
    expect(oneLine('x\u202Ey')).toBe('x\uFFFDy');
  });

  it('any text: no line break, control or bidi character is left', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(oneLine(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});
