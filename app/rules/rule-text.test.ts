import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pair2019AlwaysOn } from '../model/samples';
import { TopologyIndex } from '../model/topology-index';
import { nodeOf } from './rule-test-kit';
import {
  allNames,
  clauses,
  few,
  kinded,
  kindedNames,
  label,
  LONG_LIST,
  names,
  noun,
  num,
  plural,
  quote,
  series,
  siteName,
  stripCode,
} from './rule-text';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const base = pair2019AlwaysOn();
const nodes = (n: number, first = 'n0') =>
  Array.from({ length: n }, (_, i) => ({ id: `n${i}`, name: i === 0 ? first : `n${i}` }));

describe('numbers and nouns', () => {
  it('num writes thousands separators like en-US', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (n) => {
        expect(num(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: RUNS },
    );
    expect([0, 999, 1_000, 106_000, 1_000_000].map(num)).toEqual(['0', '999', '1,000', '106,000', '1,000,000']);
  });

  it('plural counts and picks the noun; noun picks it alone', () => {
    expect(plural(1, 'Front End server')).toBe('1 Front End server');
    expect(plural(2_500, 'user')).toBe('2,500 users');
    expect(plural(0, 'branch appliance')).toBe('0 branch appliances');
    expect(plural(3, 'is', 'are')).toBe('3 are');
    expect(noun(1, 'replica')).toBe('replica');
    expect(noun(2, 'fails', 'fail')).toBe('fail');
  });
});

describe('lists', () => {
  it('names cuts long lists, after 5 by default and after 10 for pool lists', () => {
    expect(names(nodes(2, 'First'))).toBe('First (n0), n1');
    expect(names(nodes(9))).toBe('n0, n1, n2, n3, n4 and 4 more');
    expect(names(nodes(13, 'First'), LONG_LIST)).toBe('First (n0), n1, n2, n3, n4, n5, n6, n7, n8, n9 and 3 more');
    expect(names(nodes(5))).toBe('n0, n1, n2, n3, n4');
  });

  it('cut lists stay short however long the list, and say how many are left out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 1, max: 12 }), (n, max) => {
        const text = few(nodes(n), label, max);
        expect(text.split(', ').length).toBeLessThanOrEqual(max);
        if (n > max) expect(text.endsWith(` and ${num(n - max)} more`)).toBe(true);
        else expect(text).toBe(nodes(n).map(label).join(', '));
      }),
      { numRuns: RUNS },
    );
  });

  it('allNames keeps every name; series and clauses join the way a sentence does', () => {
    expect(allNames(nodes(7))).toBe('n0, n1, n2, n3, n4, n5, n6');
    expect(series([])).toBe('');
    expect(series(['a'])).toBe('a');
    expect(series(['a', 'b'])).toBe('a and b');
    expect(series(['a', 'b', 'c'], 'or')).toBe('a, b or c');
    expect(clauses(['a', 'b'])).toBe('a; b');
    expect(clauses(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a; b; c; d; and 2 more');
  });
});

describe('names of nodes and sites', () => {
  it('label shows the id only when the name differs', () => {
    expect(label({ id: 'pool-a', name: 'Pool A' })).toBe('Pool A (pool-a)');
    expect(label({ id: 'pool-a', name: 'pool-a' })).toBe('pool-a');
    expect(label({ id: 'pool-a', name: '' })).toBe('pool-a');
  });

  it('kinded adds the kind only when the name does not say it', () => {
    expect(kinded(nodeOf(base, 'pool-a', 'frontEndPool'))).toBe('Pool A (pool-a)');
    expect(kinded({ ...nodeOf(base, 'pool-a', 'frontEndPool'), name: 'NA1' })).toBe('Front End pool NA1 (pool-a)');
    expect(kinded({ ...nodeOf(base, 'pool-a', 'frontEndPool'), name: 'pool-a' })).toBe('Front End pool pool-a');
    expect(
      kindedNames([nodeOf(base, 'pool-a', 'frontEndPool'), { ...nodeOf(base, 'pool-b', 'frontEndPool'), name: 'NA2' }]),
    ).toBe('Pool A (pool-a), Front End pool NA2 (pool-b)');
  });

  it('siteName falls back to the id of a site the document lacks', () => {
    const ix = new TopologyIndex(base);
    const site = base.sites[0]!;
    expect(siteName(ix, site.id)).toBe(label(site));
    expect(siteName(ix, 'nowhere')).toBe('nowhere');
  });
});

describe('free text', () => {
  it('quote escapes and stays short', () => {
    expect(quote('x'.repeat(10_000)).length).toBeLessThan(100);
    expect(quote('evil"\n<script>')).toBe('"evil\\"\\n<script>"');
  });

  it('stripCode drops the catalogue backticks', () => {
    expect(stripCode('Set `webLoadBalancing` = `hlb`.')).toBe('Set webLoadBalancing = hlb.');
  });
});
