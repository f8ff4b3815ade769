/** DIR rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const DIR_RULES: readonly Rule[] = [];
