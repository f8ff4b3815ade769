import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { generateTopology } from '../model/generate';
import { globalMultiSite, pair2019AlwaysOn } from '../model/samples';
import type { Topology } from '../model/schema';
import { runRules, sortFindings } from './engine';
import { RULES, RULES_BY_ID } from './registry';
import type { Finding, Hit, Rule } from './types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** A rule of the registry with its check replaced. */
function withCheck(id: string, check: Rule['check']): Rule {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new Error(`${id} is not registered`);
  return { ...rule, check };
}

/** The order of topology-format.md "Findings", written the plain way: one stable sort over everything. */
function plainOrder(findings: readonly Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const first = (f: Finding) => f.nodeIds[0] ?? f.siteIds[0] ?? f.linkIds[0] ?? '';
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity] || cmp(a.ruleId, b.ruleId) || cmp(first(a), first(b)));
}

describe('runRules order', () => {
  it('is the plain stable sort of the findings, on any document', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 12 }), (doc) => {
        const found = runRules(doc);
        expect(found).toEqual(plainOrder(found));
      }),
      { numRuns: RUNS },
    );
  });

  it('is the plain stable sort on a generated design, and sortFindings restores it from any shuffle', () => {
    const generated = generateTopology({ nodes: 400 }, 3);
    if (!generated.ok) throw new Error(generated.error.message);
    const found = runRules(generated.value);
    expect(found.length).toBeGreaterThan(100);
    expect(found).toEqual(plainOrder(found));
    const shuffled = [...found].reverse();
    expect(sortFindings(shuffled)).toEqual(plainOrder(shuffled));
  });

  it('orders a check’s findings by first id whatever order the check gives them in, ties in the check’s order', () => {
    const hits: Hit[] = [
      { nodeIds: ['pool-b'], message: 'b1' },
      { nodeIds: ['pool-a'], message: 'a1' },
      { siteIds: ['dc1'], message: 'site' },
      { nodeIds: ['pool-a'], message: 'a2' },
      { message: 'none' },
    ];
    const rule = withCheck('FE-QUORUM', () => hits);
    // First ids: '' (none), 'dc1' (the site), 'pool-a' twice (in the check's order), 'pool-b'.
    expect(runRules(pair2019AlwaysOn(), [rule]).map((f) => f.message)).toEqual(['none', 'site', 'a1', 'a2', 'b1']);
  });

  it('puts severities first, then rule ids, and reports a crashing check as one info finding in its place', () => {
    const boom = withCheck('FE-MIN-THREE', () => {
      throw new Error('boom');
    });
    const found = runRules(globalMultiSite(), [boom, ...RULES.filter((r) => r.id.startsWith('PAIR-'))]);
    const crash = found.filter((f) => f.message.includes('could not run'));
    expect(crash).toHaveLength(1);
    expect(crash[0]).toMatchObject({ ruleId: 'FE-MIN-THREE', severity: 'info', nodeIds: [], linkIds: [], siteIds: [] });
    expect(crash[0]!.message).toContain('(boom)');
    expect(found).toEqual(plainOrder(found));
  });

  it('merges a rule listed twice as one stable sort would', () => {
    const rule = withCheck('FE-QUORUM', () => [{ nodeIds: ['z'] }, { nodeIds: ['a'] }]);
    const found = runRules(pair2019AlwaysOn(), [rule, rule]);
    expect(found.map((f) => f.nodeIds[0])).toEqual(['a', 'a', 'z', 'z']);
  });
});

describe('findings', () => {
  it('name each id once, keep the check’s order of ids, and share one frozen docs list per rule', () => {
    const rule = withCheck('FE-QUORUM', () => [
      { nodeIds: ['b', 'a', 'b', 'c', 'a'], linkIds: ['l', 'l'] },
      { nodeIds: Array.from({ length: 20 }, (_, i) => `n${i % 7}`) },
    ]);
    const [first, second] = runRules(pair2019AlwaysOn(), [rule]).sort((x, y) => x.nodeIds.length - y.nodeIds.length);
    expect(first!.nodeIds).toEqual(['b', 'a', 'c']);
    expect(first!.linkIds).toEqual(['l']);
    expect(second!.nodeIds).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(first!.docs).toBe(second!.docs);
    expect(Object.isFrozen(first!.docs)).toBe(true);
    expect(first!.docs).toEqual(RULES_BY_ID.get('FE-QUORUM')!.docs);
  });

  it('do not share id lists with the check that made them', () => {
    const ids = ['pool-a', 'pool-b'];
    const rule = withCheck('FE-QUORUM', () => [{ nodeIds: ids }]);
    const [f] = runRules(pair2019AlwaysOn(), [rule]);
    expect(f!.nodeIds).toEqual(ids);
    expect(f!.nodeIds).not.toBe(ids);
  });

  it('are the same for the same document, run after run', () => {
    const doc: Topology = globalMultiSite();
    expect(JSON.stringify(runRules(doc))).toBe(JSON.stringify(runRules(structuredClone(doc))));
  });
});

describe('messages worded when read', () => {
  it('calls a check’s wording once, when the message is first read, and JSON.stringify shows it in its place', () => {
    let calls = 0;
    const rule = withCheck('FE-QUORUM', () => [{ nodeIds: ['pool-a'], message: () => `worded ${++calls}` }]);
    const [f] = runRules(pair2019AlwaysOn(), [rule]);
    expect(calls).toBe(0);
    expect(f!.message).toBe('worded 1');
    expect(f!.message).toBe('worded 1');
    expect(calls).toBe(1);
    const json = JSON.parse(JSON.stringify(f)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'ruleId',
      'severity',
      'message',
      'fix',
      'nodeIds',
      'linkIds',
      'siteIds',
      'inferred',
      'docs',
    ]);
    expect(json).toEqual({
      ruleId: f!.ruleId,
      severity: f!.severity,
      message: 'worded 1',
      fix: f!.fix,
      nodeIds: ['pool-a'],
      linkIds: [],
      siteIds: [],
      inferred: f!.inferred,
      docs: [...f!.docs],
    });
  });

  it('reads a wording that fails as a check that fails', () => {
    const rule = withCheck('FE-QUORUM', () => [
      {
        nodeIds: ['pool-a'],
        message: () => {
          throw new Error('no words');
        },
      },
    ]);
    const [f] = runRules(pair2019AlwaysOn(), [rule]);
    expect(f!.message).toBe('The check FE-QUORUM could not run on this topology (no words). Please report it.');
  });

  it('finds advice only on a generated design (what the large-design benchmarks and journeys open): no error, no warning', () => {
    for (const [nodes, seed] of [
      [500, 42],
      [1_500, 7],
    ] as const) {
      const generated = generateTopology({ nodes }, seed);
      if (!generated.ok) throw new Error(generated.error.message);
      const flagged = runRules(generated.value).filter((f) => f.severity !== 'info');
      expect(flagged.map((f) => `${f.ruleId}: ${f.message}`).slice(0, 5)).toEqual([]);
    }
  });

  it('gives every rule’s findings the same JSON as their properties, run after run, on a large design', () => {
    const generated = generateTopology({ nodes: 600 }, 5);
    if (!generated.ok) throw new Error(generated.error.message);
    const found = runRules(generated.value);
    const plain = found.map(({ ruleId, severity, message, fix, nodeIds, linkIds, siteIds, inferred, docs }) => ({
      ruleId,
      severity,
      message,
      fix,
      nodeIds,
      linkIds,
      siteIds,
      inferred,
      docs,
    }));
    expect(JSON.stringify(found)).toBe(JSON.stringify(plain));
    expect(runRules(generated.value).map((f) => f.message)).toEqual(plain.map((f) => f.message));
  });
});

describe('order of a check’s findings', () => {
  it('is the stable sort by first id for any order the check gives (runs, ties, reversals)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'pool-1', 'pool-10', 'pool-2', ''), { maxLength: 60 }),
        (ids) => {
          const rule = withCheck('FE-QUORUM', () => ids.map((id, i) => ({ nodeIds: id ? [id] : [], message: String(i) })));
          const want = ids.map((id, i) => ({ id, i })).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : x.i - y.i));
          expect(runRules(pair2019AlwaysOn(), [rule]).map((f) => f.message)).toEqual(want.map((w) => String(w.i)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
