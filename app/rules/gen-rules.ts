/** GEN rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const GEN_RULES: readonly Rule[] = [];
