/** CMS rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const CMS_RULES: readonly Rule[] = [];
