/**
 * The rule engine: every registered rule over one topology, findings in the stable
 * order of topology-format.md (severity, rule id, first node id). Pure; never throws.
 */
import { TopologyIndex } from '../model/topology-index';
import type { Topology } from '../model/schema';
import { RULES } from './registry';
import type { Finding, Rule, Severity } from './types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function runRules(doc: Topology, rules: readonly Rule[] = RULES): Finding[] {
  const ix = new TopologyIndex(doc);
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      for (const hit of rule.check(ix)) {
        findings.push({
          ruleId: rule.id,
          severity: rule.severity,
          message: hit.message ?? rule.message,
          fix: hit.fix ?? rule.fix,
          nodeIds: unique(hit.nodeIds),
          linkIds: unique(hit.linkIds),
          siteIds: unique(hit.siteIds),
          inferred: rule.inferred,
          docs: [...rule.docs],
        });
      }
    } catch (e) {
      // A faulty check must not take the others down; say so instead of hiding it.
      findings.push({
        ruleId: rule.id,
        severity: 'info',
        message: `The check ${rule.id} could not run on this topology (${e instanceof Error ? e.message : String(e)}). Please report it.`,
        fix: 'No action on the design; this is a defect of the designer.',
        nodeIds: [],
        linkIds: [],
        siteIds: [],
        inferred: rule.inferred,
        docs: [...rule.docs],
      });
    }
  }
  return sortFindings(findings);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      cmp(a.nodeIds[0] ?? a.siteIds[0] ?? a.linkIds[0] ?? '', b.nodeIds[0] ?? b.siteIds[0] ?? b.linkIds[0] ?? ''),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unique(ids: readonly string[] | undefined): string[] {
  if (!ids || ids.length === 0) return [];
  return [...new Set(ids)];
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity] += 1;
  return s;
}
