/** SITE rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const SITE_RULES: readonly Rule[] = [];
