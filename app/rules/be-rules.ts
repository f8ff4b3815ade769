/** BE rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const BE_RULES: readonly Rule[] = [];
