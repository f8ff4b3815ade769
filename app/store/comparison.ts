/**
 * The comparison of the current deployment (the baseline of compare-slice.ts) with the open
 * design, derived once per pair of documents. Its own module so the diff engine loads with
 * the first comparison, not with the page.
 */
import { diffTopologies, type TopologyDiff } from '../migrate/diff';
import type { Topology } from '../model/schema';
import type { CompareBaseline } from './compare-slice';

let lastPair: [Topology, Topology] | undefined;
let lastDiff: TopologyDiff | undefined;
let lastKey: unknown[] | undefined;

/** The diff of the baseline (current) against the open design (target); undefined without a baseline. Layout moves do not recompute it. */
export function selectComparison(state: { baseline: CompareBaseline | undefined; doc: Topology }): TopologyDiff | undefined {
  const current = state.baseline?.topology;
  if (!current) return undefined;
  const target = state.doc;
  if (lastPair && lastPair[0] === current && lastPair[1] === target) return lastDiff;
  const key = [current, target.nodes, target.links, target.sites, target.siteLinks, target.deployment];
  if (lastKey && key.every((k, i) => k === lastKey![i])) {
    lastPair = [current, target];
    return lastDiff;
  }
  lastPair = [current, target];
  lastKey = key;
  lastDiff = diffTopologies(current, target);
  return lastDiff;
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
