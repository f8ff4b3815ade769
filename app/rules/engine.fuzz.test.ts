/**
 * Fuzzing the rule engine on every kind of document the schema accepts (app/model/arbitrary.ts):
 * hostile names, extreme counts, ids that shadow Object.prototype members, dense and
 * odd link structures. Properties: never throws and no rule hits its own defensive
 * catch; every finding names ids that exist; valid severities and catalogue rule ids;
 * the documented order (severity, rule id, first id); deterministic; the input is not
 * changed; quick.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology, idsOf } from '../model/arbitrary-test-kit';
import { CATALOGUE } from './catalogue.generated';
import { runRules, summarize } from './engine';
import { RULES_BY_ID } from './registry';
import type { Topology } from '../model/schema';
import { SEVERITIES, type Finding } from './types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const RANK = { error: 0, warning: 1, info: 2 } as const;
const CATALOGUE_IDS = new Set(CATALOGUE.map((c) => c.id));
/** Text that betrays a missing value or a defect in a message built from the document. */
const BROKEN_TEXT = [/\bundefined\b/, /\bNaN\b/, /\bInfinity\b/, /\[object Object\]/, /\$\{/, /could not run on this topology/];

/** Broken text in a message, unless the user typed it (a node may be called "undefined"). */
function brokenText(text: string, userText: string): string | undefined {
  return BROKEN_TEXT.find((p) => p.test(text) && !p.test(userText))?.source;
}

const firstId = (f: Finding) => f.nodeIds[0] ?? f.siteIds[0] ?? f.linkIds[0] ?? '';
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Everything wrong with a list of findings for a document (plain checks: one expect per case keeps 10,000 cases fast). */
function findingProblems(doc: Topology, findings: readonly Finding[], userText: string): string[] {
  const problems: string[] = [];
  const ids = idsOf(doc);
  findings.forEach((f, i) => {
    const at = `finding ${i} ${f.ruleId}`;
    if (!SEVERITIES.includes(f.severity)) problems.push(`${at}: severity ${f.severity}`);
    if (!CATALOGUE_IDS.has(f.ruleId)) problems.push(`${at}: not a catalogue rule`);
    else if (RULES_BY_ID.get(f.ruleId)?.severity !== f.severity) problems.push(`${at}: severity differs from the catalogue`);
    for (const id of f.nodeIds) if (!ids.nodes.has(id)) problems.push(`${at}: node ${id} does not exist`);
    for (const id of f.linkIds) if (!ids.links.has(id)) problems.push(`${at}: link ${id} does not exist`);
    for (const id of f.siteIds) if (!ids.sites.has(id)) problems.push(`${at}: site ${id} does not exist`);
    if (new Set(f.nodeIds).size !== f.nodeIds.length) problems.push(`${at}: a node id twice`);
    if (!f.message.trim() || !f.fix.trim()) problems.push(`${at}: empty message or fix`);
    const broken = brokenText(f.message, userText) ?? brokenText(f.fix, userText);
    if (broken) problems.push(`${at}: ${broken} in "${f.message}" / "${f.fix}"`);
    if (!f.docs.length) problems.push(`${at}: no docs`);
    if (i > 0) {
      // Order: severity, then rule id, then first id (topology-format.md "Findings").
      const a = findings[i - 1]!;
      const key = RANK[a.severity] - RANK[f.severity] || cmp(a.ruleId, f.ruleId) || cmp(firstId(a), firstId(f));
      if (key > 0) problems.push(`${at}: out of order after ${a.ruleId}/${firstId(a)}`);
    }
  });
  return problems;
}

describe('runRules on every valid document', () => {
  it('never throws or hides a throw; ids exist; severities, rule ids and order are right; deterministic; input unchanged', () => {
    fc.assert(
      fc.property(arbTopology(), (doc) => {
        const before = JSON.stringify(doc);
        const findings = runRules(doc);
        const problems = findingProblems(doc, findings, before);
        if (JSON.stringify(doc) !== before) problems.push('runRules changed the document');
        const s = summarize(findings);
        if (s.error + s.warning + s.info !== findings.length) problems.push('summary does not add up');
        // Deterministic: a copy of the same document gives the same findings.
        if (JSON.stringify(runRules(structuredClone(doc))) !== JSON.stringify(findings)) problems.push('a run on a copy differs');
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
