import type { Severity } from './types';

/** One entry of the rule catalogue (docs/rules.md), as generated. */
export interface CatalogueEntry {
  id: string;
  severity: Severity;
  /** `1`, `2`, or `v2` (needs a format version 2 field). */
  tier: '1' | '2' | 'v2';
  family: string;
  /** A v1 document cannot break it: enforced by the schema or the step exporter, not registered as a check. */
  structural: boolean;
  condition: string;
  message: string;
  fix: string;
  nodes: string;
  docs: string[];
  inferred: boolean;
  inferredNote: string;
  /**
   * The rule's Subscription Edition findings rest on Subscription Edition being the 2019
   * code base: a finding naming a Subscription Edition node is inferred.
   */
  inheritsToSE: boolean;
}
