/**
 * Fuzzing the failover simulation: every site and every pool of every document the
 * schema accepts (app/model/arbitrary.ts), plus ids that do not exist. Properties:
 * never throws and never falls into its defensive catch; a valid failure always gives
 * an outcome; ids in the outcome exist; numbers are finite and not negative; no
 * "undefined"/"NaN" in the text; deterministic; the document is not changed. (Speed: `npm run bench`.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbId, arbTopology } from '../model/arbitrary-test-kit';
import type { Topology } from '../model/schema';
import { FAILABLE_KINDS, simulateAllSites, simulateFailure } from './index';
import type { Failure, SimulationError } from './types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ERROR_TAGS: readonly SimulationError['tag'][] = ['invalidFailure', 'unknownSite', 'unknownPool', 'notAPool'];
const BROKEN_TEXT = [/\bundefined\b/, /\bNaN\b/, /\bInfinity\b/, /\[object Object\]/, /\$\{/];

/**
 * Keys whose string values (or string-array values) name nodes or sites of the document
 * (a Back End's `to` may also be the FQDN of an AG replica: types.ts).
 */
const ID_KEYS = new Set([
  'failedSite',
  'failedPool',
  'lostNodes',
  'pool',
  'to',
  'from',
  'store',
  'node',
  'branch',
  'edge',
  'takesOverFrom',
  'lost',
  'pools',
  'appliesTo',
  'rebuildCandidate',
  'databaseTo',
  'fileStore',
  'usedBy',
]);

/** Everything wrong in an outcome: ids that do not exist, numbers that are not numbers, broken text. */
function outcomeProblems(value: unknown, doc: Topology, userText: string): string[] {
  const ids = new Set<string>([
    ...doc.sites.map((s) => s.id),
    ...doc.nodes.map((n) => n.id),
    ...doc.links.map((l) => l.id),
    ...(doc.siteLinks ?? []).map((l) => l.id),
  ]);
  for (const n of doc.nodes) if (n.kind === 'sqlStore') for (const r of n.ag?.replicas ?? []) ids.add(r.fqdn);
  const problems: string[] = [];
  const walk = (v: unknown, path: string, key: string | undefined) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || v < 0) problems.push(`${path} = ${v}`);
    } else if (typeof v === 'string') {
      if (key && ID_KEYS.has(key) && !ids.has(v)) problems.push(`${path} = ${JSON.stringify(v)} is not an id of the document`);
      const broken = BROKEN_TEXT.find((p) => p.test(v) && !p.test(userText));
      if (broken) problems.push(`${path}: ${broken.source} in ${JSON.stringify(v.slice(0, 200))}`);
    } else if (v === undefined) {
      problems.push(`${path} is undefined`);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, key));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, k);
    }
  };
  walk(value, 'outcome', undefined);
  return problems;
}

function failuresOf(doc: Topology): Failure[] {
  return [
    ...doc.sites.map((s) => ({ siteId: s.id })),
    ...doc.nodes.filter((n) => FAILABLE_KINDS.includes(n.kind)).map((n) => ({ poolId: n.id })),
  ];
}

describe('simulateFailure on every valid document', () => {
  it('every site and every pool: an outcome, ids exist, numbers sane, deterministic, document unchanged', () => {
    fc.assert(
      fc.property(arbTopology(), (doc) => {
        const before = JSON.stringify(doc);
        const problems: string[] = [];
        for (const failure of failuresOf(doc)) {
          const r = simulateFailure(doc, failure);
          const what = JSON.stringify(failure);
          if (!r.ok) {
            problems.push(`${what}: ${r.error.tag}: ${r.error.message}`);
            continue;
          }
          problems.push(...outcomeProblems(r.value, doc, before).map((p) => `${what}: ${p}`));
        }
        if (JSON.stringify(doc) !== before) problems.push('the simulation changed the document');
        const all = simulateAllSites(doc);
        if (!all.ok) problems.push(`simulateAllSites: ${all.error.message}`);
        // Deterministic: all sites at once gives what one site at a time gave.
        else if (
          JSON.stringify(all.value) !==
          JSON.stringify(doc.sites.map((s) => (simulateFailure(doc, { siteId: s.id }) as { value: unknown }).value))
        )
          problems.push('simulateAllSites differs from one site at a time');
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('ids that are not a site or a pool: a tagged error naming the valid ids, never a throw', () => {
    const arbFailure: fc.Arbitrary<unknown> = fc.oneof(
      fc.record({ siteId: fc.oneof(arbId, fc.string()) }),
      fc.record({ poolId: fc.oneof(arbId, fc.string()) }),
      fc.constantFrom<unknown>({}, { siteId: 'a', poolId: 'b' }, { siteId: 5 }, { poolId: null }, null, undefined, 'dc1', []),
    );
    fc.assert(
      fc.property(arbTopology({ maxNodes: 8 }), arbFailure, fc.boolean(), (doc, failure, useNodeOfOtherKind) => {
        let f = failure as Failure;
        // Also: the id of a node that is not a pool (a SQL store, a file store) as poolId, a node id as siteId.
        const notAPool = doc.nodes.find((n) => !FAILABLE_KINDS.includes(n.kind));
        if (useNodeOfOtherKind && notAPool) f = { poolId: notAPool.id };
        const r = simulateFailure(doc, f);
        const valid = failuresOf(doc).some((x) => JSON.stringify(x) === JSON.stringify(f));
        if (valid) {
          expect(r.ok).toBe(true);
          return;
        }
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(ERROR_TAGS).toContain(r.error.tag);
        expect(r.error.message.trim().length).toBeGreaterThan(0);
        expect(r.error.message).not.toMatch(/[\n\r]/);
        const ids = new Set([...doc.sites.map((s) => s.id), ...doc.nodes.map((n) => n.id)]);
        for (const id of r.error.validIds) expect(ids.has(id)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
