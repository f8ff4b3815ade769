/** The rule worker's work (rules-worker.ts), apart so that tests can run it in a stand-in worker. */
import { runRules } from '../rules/engine';
import type { Finding } from '../rules/types';
import { buildFindingIndex } from './finding-index';
import type { RulesCheck, RulesResult } from './rules-check';

export function answerRules({ generation, doc }: RulesCheck): RulesResult {
  try {
    // Plain objects: a finding words its message when first read (a getter), which a copy to the page would drop.
    const findings = runRules(doc).map(
      ({ ruleId, severity, message, fix, nodeIds, linkIds, siteIds, inferred, docs }): Finding => ({
        ruleId,
        severity,
        message,
        fix,
        nodeIds,
        linkIds,
        siteIds,
        inferred,
        docs,
      }),
    );
    const { byElement, summary } = buildFindingIndex(findings);
    return { generation, ok: true, findings, byElement, summary };
  } catch (err) {
    return { generation, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
