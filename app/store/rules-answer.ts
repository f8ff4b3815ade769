/** The rule worker's work (rules-worker.ts), apart so that tests can run it in a stand-in worker. */
import { runRules } from '../rules/engine';
import { buildFindingIndex } from './finding-index';
import type { RulesAnswer, RulesRequest } from './rules-check';

export function answerRules({ generation, doc }: RulesRequest): RulesAnswer {
  try {
    const findings = runRules(doc);
    const { byElement, summary } = buildFindingIndex(findings);
    return { generation, ok: true, findings, byElement, summary };
  } catch (err) {
    return { generation, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
