/**
 * The comparison of the current deployment (the baseline of compare-slice.ts) with the open
 * design, derived once per pair of documents. Its own module so the diff engine loads with
 * the first comparison, not with the page.
 */
import { diffTopologies, type TopologyDiff } from '../migrate/diff';
import type { Link, Topology, TopologyNode } from '../model/schema';
import { positionOf } from '../model/layout';
import { ghostId, type CompareBaseline } from './compare-slice';

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

/** How a link of the open design is marked; a removed link is drawn as a ghost instead. */
export type LinkMark = 'added' | 'changed';

/** A node of the current deployment the open design no longer has, drawn where it was. */
export interface GhostNode {
  /** The canvas id: never an id of the open design (a removed node may share its id with a new node of another kind). */
  id: string;
  currentId: string;
  node: TopologyNode;
  position: { x: number; y: number };
}

/** A link of the current deployment the open design no longer has, between canvas ids (a card of the open design or a ghost). */
export interface GhostLink {
  id: string;
  link: Link;
  from: string;
  to: string;
}

export interface CompareCanvas {
  nodes: Map<string, CompareMark>;
  links: Map<string, LinkMark>;
  ghostNodes: GhostNode[];
  ghostLinks: GhostLink[];
}

/**
 * Everything the canvas marks: cards added, changed and on a new version; links added and
 * changed (a retargeted association counts as changed, its old end as a removed ghost); and
 * the removed nodes and links as ghosts placed where the current deployment had them. Ghosts
 * live on the canvas only: they are never part of the document, so nothing saves, exports
 * or checks them.
 */
export function compareCanvas(diff: TopologyDiff | undefined, current: Topology | undefined): CompareCanvas {
  const out: CompareCanvas = { nodes: compareMarks(diff), links: new Map(), ghostNodes: [], ghostLinks: [] };
  if (!diff || !current) return out;
  const toCanvas = new Map(diff.matches.map((m) => [m.currentId, m.targetId]));
  for (const n of diff.nodes) {
    if (n.status !== 'removed' || !n.current || n.currentId === undefined) continue;
    const id = ghostId(n.currentId);
    toCanvas.set(n.currentId, id);
    out.ghostNodes.push({
      id,
      currentId: n.currentId,
      node: n.current,
      position: positionOf(current.layout, n.currentId) ?? { x: 0, y: 0 },
    });
  }
  for (const l of diff.links) {
    if (l.target && (l.status === 'added' || l.status === 'changed' || l.status === 'retargeted'))
      out.links.set(l.target.id, l.status === 'added' ? 'added' : 'changed');
    if (l.current && (l.status === 'removed' || l.status === 'retargeted')) {
      const from = toCanvas.get(l.current.from);
      const to = toCanvas.get(l.current.to);
      if (from === undefined || to === undefined) continue;
      out.ghostLinks.push({ id: ghostId(`link:${l.current.id}`), link: l.current, from, to });
    }
  }
  return out;
}
