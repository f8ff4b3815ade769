/**
 * The comparison of the current deployment (the baseline of compare-slice.ts) with the open
 * design, derived once per pair of documents. Its own module so the diff engine loads with
 * the first comparison, not with the page.
 */
import { diffTopologies, type TopologyDiff } from '../migrate/diff';
import type { Topology } from '../model/schema';
import type { CompareBaseline } from './compare-slice';

/**
 * One memo per current deployment (each designer holds its own baseline object), so two
 * designers comparing different designs never evict each other's diff. Layout moves do not
 * recompute it: the key is the target's parts a diff reads.
 */
const memo = new WeakMap<Topology, { target: Topology; key: unknown[]; diff: TopologyDiff }>();

/** The diff of the baseline (current) against the open design (target); undefined without a baseline. */
export function selectComparison(state: { baseline: CompareBaseline | undefined; doc: Topology }): TopologyDiff | undefined {
  const current = state.baseline?.topology;
  if (!current) return undefined;
  const target = state.doc;
  const hit = memo.get(current);
  if (hit && hit.target === target) return hit.diff;
  const key = [target.nodes, target.links, target.sites, target.siteLinks, target.deployment];
  if (hit && key.every((k, i) => k === hit.key[i])) {
    hit.target = target;
    return hit.diff;
  }
  const diff = diffTopologies(current, target);
  memo.set(current, { target, key, diff });
  return diff;
}

/** How each node of the open design is marked: added or changed (removed nodes are not on it). */
export type CompareMark = 'added' | 'changed' | 'version';

export function compareMarks(diff: TopologyDiff | undefined): Map<string, CompareMark> {
  const marks = new Map<string, CompareMark>();
  if (!diff) return marks;
  for (const n of diff.nodes) {
    if (n.targetId === undefined) continue;
    if (n.status === 'added') marks.set(n.targetId, 'added');
    else if (n.classes.length) marks.set(n.targetId, n.version ? 'version' : 'changed');
  }
  return marks;
}
