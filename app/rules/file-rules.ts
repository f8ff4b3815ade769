/** FILE rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const FILE_RULES: readonly Rule[] = [];
