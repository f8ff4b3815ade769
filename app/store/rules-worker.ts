/**
 * The worker that checks a large design (selectors.ts): the rule engine and the badge
 * digest run here, so a 10,000-node design is checked without freezing the page. Each
 * answer carries the generation it was asked for; the page drops answers it no longer wants.
 */
import { answerRules } from './rules-answer';
import type { RulesRequest } from './rules-check';

self.onmessage = (e: MessageEvent<RulesRequest>) => self.postMessage(answerRules(e.data));
