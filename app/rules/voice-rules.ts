/** VOICE rules of shared/domain/rules.md. */
import type { Rule } from './types';

export const VOICE_RULES: readonly Rule[] = [];
