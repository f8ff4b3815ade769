/** MED rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const MED_RULES: readonly Rule[] = [];
