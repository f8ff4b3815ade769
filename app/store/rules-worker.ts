/**
 * The worker that checks a large design (selectors.ts): the rule engine and the badge
 * digest run here, so a 10,000-node design is checked without freezing the page. The
 * design comes in parts and the answer goes back in parts (rules-transfer.ts); each
 * answer carries the generation it was asked for; the page drops answers it no longer wants.
 */
import { answerRules } from './rules-answer';
import type { RulesRequest } from './rules-check';
import { answerParts, RequestAssembler } from './rules-transfer';

const request = new RequestAssembler();
self.onmessage = (e: MessageEvent<RulesRequest>) => {
  const check = request.take(e.data);
  if (check) for (const part of answerParts(answerRules(check))) self.postMessage(part);
};
