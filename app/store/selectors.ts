/**
 * Derived data, computed once per document version (documents are immutable, so the
 * object identity is the cache key). Findings are recomputed only when the document's
 * content changes, not on a drag that only moves the layout.
 */
import type { Topology } from '../model/schema';
import { runRules, summarize } from '../rules/engine';
import type { Finding, Severity } from '../rules/types';

function memoByContent<T>(f: (doc: Topology) => T): (doc: Topology) => T {
  let lastDoc: Topology | undefined;
  let lastKey: unknown[] | undefined;
  let last: T;
  return (doc) => {
    if (doc === lastDoc) return last;
    // Layout changes never change what the rules say: compare everything but layout.
    const key = [doc.nodes, doc.links, doc.sites, doc.deployment, doc.name];
    if (lastKey && key.every((k, i) => k === lastKey![i])) {
      lastDoc = doc;
      return last;
    }
    lastDoc = doc;
    lastKey = key;
    last = f(doc);
    return last;
  };
}

export const selectFindings = memoByContent((doc): Finding[] => runRules(doc));

export interface FindingIndex {
  /** Worst severity and count per node, link and site id. */
  byElement: Map<string, { worst: Severity; count: number; messages: string[] }>;
  summary: Record<Severity, number>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const selectFindingIndex = memoByContent((doc): FindingIndex => {
  const findings = selectFindings(doc);
  const byElement = new Map<string, { worst: Severity; count: number; messages: string[] }>();
  for (const f of findings) {
    for (const id of [...f.nodeIds, ...f.linkIds, ...f.siteIds]) {
      const cur = byElement.get(id);
      const line = `${f.ruleId}: ${f.message}`;
      if (!cur) byElement.set(id, { worst: f.severity, count: 1, messages: [line] });
      else {
        cur.count += 1;
        if (RANK[f.severity] < RANK[cur.worst]) cur.worst = f.severity;
        if (cur.messages.length < 6) cur.messages.push(line);
      }
    }
  }
  return { byElement, summary: summarize(findings) };
});
