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
import { arbTopology, idsOf } from '../model/arbitrary';
import { CATALOGUE } from './catalogue.generated';
import { runRules, summarize } from './engine';
import { RULES_BY_ID } from './registry';
import { SEVERITIES, type Finding } from './types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const MAX_MS = 2_000;
const RANK = { error: 0, warning: 1, info: 2 } as const;
const CATALOGUE_IDS = new Set(CATALOGUE.map((c) => c.id));
/** Text that betrays a missing value or a defect in a message built from the document. */
const BROKEN_TEXT = [/\bundefined\b/, /\bNaN\b/, /\bInfinity\b/, /\[object Object\]/, /\$\{/, /could not run on this topology/];

/** Messages must not show broken text, unless the user typed it (a node may be called "undefined"). */
function expectWholeText(text: string, userText: string, what: string): void {
  for (const p of BROKEN_TEXT) if (!p.test(userText)) expect(text, what).not.toMatch(p);
}

const firstId = (f: Finding) => f.nodeIds[0] ?? f.siteIds[0] ?? f.linkIds[0] ?? '';

describe('runRules on every valid document', () => {
  it('never throws or hides a throw; ids exist; severities, rule ids and order are right; deterministic; input unchanged', () => {
    fc.assert(
      fc.property(arbTopology(), (doc) => {
        const before = JSON.stringify(doc);
        const started = performance.now();
        const findings = runRules(doc);
        expect(performance.now() - started, 'runRules takes under 2 s').toBeLessThan(MAX_MS);
        expect(JSON.stringify(doc), 'runRules does not change the document').toBe(before);

        const ids = idsOf(doc);
        for (const f of findings) {
          expect(SEVERITIES).toContain(f.severity);
          expect(CATALOGUE_IDS.has(f.ruleId), `${f.ruleId} is a catalogue rule`).toBe(true);
          expect(f.severity).toBe(RULES_BY_ID.get(f.ruleId)!.severity);
          for (const id of f.nodeIds) expect(ids.nodes.has(id), `${f.ruleId}: node ${id} exists`).toBe(true);
          for (const id of f.linkIds) expect(ids.links.has(id), `${f.ruleId}: link ${id} exists`).toBe(true);
          for (const id of f.siteIds) expect(ids.sites.has(id), `${f.ruleId}: site ${id} exists`).toBe(true);
          expect(new Set(f.nodeIds).size).toBe(f.nodeIds.length);
          expect(f.message.trim().length).toBeGreaterThan(0);
          expect(f.fix.trim().length).toBeGreaterThan(0);
          expectWholeText(f.message, before, `${f.ruleId}: ${f.message}`);
          expectWholeText(f.fix, before, `${f.ruleId}: ${f.fix}`);
          expect(f.docs.length).toBeGreaterThan(0);
        }
        // Order: severity, then rule id, then first id (topology-format.md "Findings").
        for (let i = 1; i < findings.length; i++) {
          const a = findings[i - 1]!;
          const b = findings[i]!;
          const key = RANK[a.severity] - RANK[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (firstId(a) < firstId(b) ? -1 : firstId(a) > firstId(b) ? 1 : 0);
          expect(key, `finding ${i} out of order: ${a.ruleId}/${firstId(a)} before ${b.ruleId}/${firstId(b)}`).toBeLessThanOrEqual(0);
        }
        const s = summarize(findings);
        expect(s.error + s.warning + s.info).toBe(findings.length);
        // Deterministic: the same document, or a copy of it, gives the same findings.
        expect(runRules(doc)).toEqual(findings);
        expect(runRules(structuredClone(doc))).toEqual(findings);
      }),
      { numRuns: RUNS },
    );
  });
});
