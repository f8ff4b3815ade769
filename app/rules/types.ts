import type { TopologyIndex } from '../model/topology-index';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** What the rule engine returns, exactly as topology-format.md "Findings" defines it. */
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
  /** The message with its placeholders filled and the nodes named; defaults to the catalogue message. */
  message?: string;
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
  message: string;
  fix: string;
  family: string;
  tier: '1' | '2';
  check(ix: TopologyIndex): Iterable<Hit>;
}
