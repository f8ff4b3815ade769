import type { TopologyIndex } from '../model/topology-index';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * What the rule engine returns, exactly as docs/format.md "Findings" defines it.
 * runRules words some messages only when they are first read (Hit.message): `message` is
 * then a getter, and JSON.stringify still gives these fields in this order; a spread copy
 * of a finding ({ ...f }) has no message.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  fix: string;
  /** Ids as the document spells them, each once. Findings are read-only: lists may be shared. */
  nodeIds: readonly string[];
  linkIds: readonly string[];
  siteIds: readonly string[];
  inferred: boolean;
  /**
   * Catalogue source paths: bare = OfficeDocs-SkypeForBusiness, `ps:` = cmdlet pages, `sql-docs:` = SQL docs.
   * One frozen array per rule, shared by all its findings.
   */
  docs: readonly string[];
}

/** One violation found by a rule's check. */
export interface Hit {
  nodeIds?: readonly string[];
  linkIds?: readonly string[];
  siteIds?: readonly string[];
  /**
   * The message with its placeholders filled and the nodes named; defaults to the catalogue
   * message. May be a function that words it: the engine then calls it once, when the
   * finding's message is first read, so that the text of thousands of findings is not
   * built and kept alive while the other checks run (on a large design that made garbage
   * collection the larger part of runRules). Such a function runs after the check has
   * returned, perhaps never: it reads only values captured when the hit was made, and must
   * not capture the index or the check's own lists (the findings would keep them alive),
   * which is why the rule files build these functions at module level.
   */
  message?: string | (() => string);
  /** A fix specific to this case; defaults to the catalogue fix. */
  fix?: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** A short name for lists and the catalogue page. */
  title: string;
  docs: readonly string[];
  inferred: boolean;
  /** Findings naming a Subscription Edition node (or a store one uses) are inferred: the rule is stated for 2019. */
  inheritsToSE: boolean;
  message: string;
  fix: string;
  family: string;
  /** `v2`: the rule reads a field format version 2 added. */
  tier: '1' | '2' | 'v2';
  check(ix: TopologyIndex): Iterable<Hit>;
}
