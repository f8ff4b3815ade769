/**
 * Skype for Business Server 2019 and Subscription Edition are one code base and both write
 * ServiceVersion 8 in a topology document, so an imported document cannot say which one
 * runs. The importer reads 8 as 2019; the import dialog asks, and applies the answer to
 * every server role read from ServiceVersion 8. Pure.
 */
import type { Topology } from '../model/schema';

export type ServiceVersion8Product = '2019' | 'SE';

/** Ids of the nodes an import read as 2019 (ServiceVersion 8): the ones the question is about. */
export function serviceVersion8Nodes(doc: Topology): string[] {
  return doc.nodes.filter((n) => 'productVersion' in n && n.productVersion === '2019').map((n) => n.id);
}

/** The document with `version` on each of `ids` that is still 2019 or Subscription Edition (a node the user set to another version since is left alone). */
export function withServiceVersion8As(doc: Topology, ids: readonly string[], version: ServiceVersion8Product): Topology {
  const set = new Set(ids);
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (!set.has(n.id) || !('productVersion' in n)) return n;
    if ((n.productVersion !== '2019' && n.productVersion !== 'SE') || n.productVersion === version) return n;
    changed = true;
    return { ...n, productVersion: version };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** What the nodes run now: one answer, or mixed once the user changed some of them. */
export function serviceVersion8Answer(doc: Topology, ids: readonly string[]): ServiceVersion8Product | 'mixed' | undefined {
  const set = new Set(ids);
  const seen = new Set(
    doc.nodes.filter((n) => set.has(n.id) && 'productVersion' in n).map((n) => ('productVersion' in n ? n.productVersion : '')),
  );
  if (seen.size === 0) return undefined;
  if (seen.size === 1) {
    const [v] = [...seen];
    if (v === '2019' || v === 'SE') return v;
  }
  return 'mixed';
}
