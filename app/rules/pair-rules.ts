/** PAIR rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const PAIR_RULES: readonly Rule[] = [];
