/** EDGE rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const EDGE_RULES: readonly Rule[] = [];
