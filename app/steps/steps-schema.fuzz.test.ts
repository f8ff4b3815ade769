/**
 * Fuzzing the step generator on every kind of document the schema accepts
 * (app/model/arbitrary.ts; steps.fuzz.test.ts covers mutated reference designs).
 * Properties: generateSteps, the runbooks and the three formatters never throw and
 * answer quickly; step ids are unique; node ids exist; the .ps1 is ASCII with every
 * string closed and user text only inside literals or comments; Markdown fences close;
 * JSON round-trips; the document is not changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology, HOSTILE_NAMES } from '../model/arbitrary-test-kit';
import { LIMITS } from '../model/limits';
import { parseTopology } from '../model/parse';
import { globalMultiSite, pair2019AlwaysOn } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { failoverRunbook, generateSteps, toJson, toMarkdown, toPowerShell } from './index';
import { allSteps, mdWithoutCode, ps1Problems } from './steps-test-kit';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const BROKEN_TEXT = [/\bundefined\b/, /\bNaN\b/, /\[object Object\]/, /\$\{/];
/** ASCII pieces of hostile names that must stay inside literals in the .ps1 (non-ASCII is written as [char] codes). */
const PS_MARKERS = ['$(Remove-Item C:\\ -Recurse)', '`$(whoami)`', 'PS C:\\> Remove-Item'];

// How fast the steps and their formats are made: steps/* in npm run bench.

function planProblems(doc: Topology): string[] {
  const problems: string[] = [];
  const before = JSON.stringify(doc);
  const plan = generateSteps(doc);
  const ids = new Set(doc.nodes.map((n) => n.id));
  const steps = allSteps(plan);
  if (new Set(plan.steps.map((s) => s.id)).size !== plan.steps.length) problems.push('deployment step ids are not unique');
  for (const rb of plan.runbooks) {
    const rbIds = [...rb.failover, ...rb.failback].map((s) => s.id);
    if (new Set(rbIds).size !== rbIds.length) problems.push(`runbook ${rb.poolId}: step ids are not unique`);
    if (!ids.has(rb.poolId) || !ids.has(rb.partnerId)) problems.push(`runbook ${rb.poolId}/${rb.partnerId}: unknown pool`);
  }
  for (const s of steps) for (const id of s.nodeIds) if (!ids.has(id)) problems.push(`step ${s.id}: node ${id} does not exist`);
  for (const n of plan.notes) for (const id of n.nodeIds) if (!ids.has(id)) problems.push(`note: node ${id} does not exist`);

  const md = toMarkdown(plan);
  const ps1 = toPowerShell(plan);
  const json = toJson(plan);
  problems.push(...ps1Problems(ps1, PS_MARKERS));
  const stripped = mdWithoutCode(md);
  problems.push(...stripped.problems);
  if (/<script/i.test(stripped.text)) problems.push('Markdown has a raw <script');
  // Typed text may hold the word itself, and escaping can give it word boundaries it did not
  // have ("NaN_" is written "NaN\_"): only a word the document has nowhere, even inside another, is broken output.
  for (const p of BROKEN_TEXT)
    if (p.test(md) && !new RegExp(p.source.replaceAll('\\b', ''), p.flags).test(before))
      problems.push(`Markdown shows ${p.source}`);
  if (JSON.stringify(JSON.parse(json)) !== JSON.stringify(plan)) problems.push('JSON does not round-trip');

  for (const rb of plan.runbooks) {
    const r = failoverRunbook(doc, rb.poolId);
    if (!r.ok) problems.push(`failoverRunbook(${rb.poolId}): ${r.error.code}`);
    else if (JSON.stringify(r.value) !== JSON.stringify(rb))
      problems.push(`failoverRunbook(${rb.poolId}) differs from the plan's runbook`);
  }
  if (JSON.stringify(doc) !== before) problems.push('generateSteps changed the document');
  return problems;
}

describe('generateSteps and its formatters on every valid document', () => {
  it('never throw, stay quick and keep their invariants', () => {
    // Realistic counts here; the schema's extreme counts have their own test below.
    fc.assert(
      fc.property(arbTopology({ maxNodes: 8, extremeCounts: false }), (doc) => {
        expect(planProblems(doc)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('every hostile name on every node and site', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 5, extremeCounts: false }), fc.constantFrom(...HOSTILE_NAMES), (doc, name) => {
        const hostile: Topology = {
          ...doc,
          name,
          description: name,
          sites: doc.sites.map((s) => ({ ...s, name })),
          nodes: doc.nodes.map((n) => ({ ...n, name, ...(n.kind === 'fileStore' && name ? { share: name } : {}) })),
        };
        expect(planProblems(hostile)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    // Each case also runs the rule engine (its errors become blocking notes): a wall-clock allowance on a shared machine, not a speed claim.
  }, 120_000);

  it('every pool at the schema’s largest size (LIMITS.maxServersPerPool servers, DNS load balancing) neither throws nor stalls', () => {
    const max = LIMITS.maxServersPerPool;
    const doc = globalMultiSite();
    for (const n of doc.nodes) {
      if (n.kind === 'frontEndPool') Object.assign(n, { frontEndServers: max, sipLoadBalancing: 'dns' });
      if (n.kind === 'edgePool') Object.assign(n, { servers: max, internalLoadBalancing: 'dns', externalLoadBalancing: 'dns' });
      if (n.kind === 'directorPool') Object.assign(n, { servers: max, sipLoadBalancing: 'dns' });
      if (n.kind === 'mediationPool' || n.kind === 'officeOnlineServer') Object.assign(n, { servers: max });
    }
    expect(parseTopology(doc).ok).toBe(true);
    // One more is refused by the one loader, with the limit named.
    const over = parseTopology({
      ...pair2019AlwaysOn(),
      nodes: pair2019AlwaysOn().nodes.map((n) => (n.kind === 'frontEndPool' ? { ...n, frontEndServers: max + 1 } : n)),
    });
    expect(!over.ok && over.error.message).toContain(`at most ${max}`);
    const problems: string[] = [];
    try {
      problems.push(...planProblems(doc));
    } catch (e) {
      problems.push(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
