/**
 * Every registered rule, one family file each (docs/rules.md groups them the
 * same way). The designer's catalogue page and the coverage tests read this list.
 */
import { BE_RULES } from './be-rules';
import { COEX_RULES } from './coex-rules';
import { CMS_RULES } from './cms-rules';
import { DIR_RULES } from './dir-rules';
import { EDGE_RULES } from './edge-rules';
import { FE_RULES } from './fe-rules';
import { FILE_RULES } from './file-rules';
import { GEN_RULES } from './gen-rules';
import { LIFE_RULES } from './life-rules';
import { MED_RULES } from './med-rules';
import { MIG_RULES } from './mig-rules';
import { OWAS_RULES } from './owas-rules';
import { PAIR_RULES } from './pair-rules';
import { PCHAT_RULES } from './pchat-rules';
import { SITE_RULES } from './site-rules';
import { SUB_RULES } from './sub-rules';
import { UPG_RULES } from './upg-rules';
import { VOICE_RULES } from './voice-rules';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  ...BE_RULES,
  ...FE_RULES,
  ...PAIR_RULES,
  ...CMS_RULES,
  ...EDGE_RULES,
  ...DIR_RULES,
  ...MED_RULES,
  ...PCHAT_RULES,
  ...FILE_RULES,
  ...OWAS_RULES,
  ...VOICE_RULES,
  ...SITE_RULES,
  ...GEN_RULES,
  ...LIFE_RULES,
  ...SUB_RULES,
  ...UPG_RULES,
  ...MIG_RULES,
  ...COEX_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
