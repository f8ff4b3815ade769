/** FE rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const FE_RULES: readonly Rule[] = [];
