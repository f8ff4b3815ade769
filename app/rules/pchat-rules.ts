/** PCHAT rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const PCHAT_RULES: readonly Rule[] = [];
