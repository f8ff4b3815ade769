/** OWAS rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const OWAS_RULES: readonly Rule[] = [];
