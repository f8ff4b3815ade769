/**
 * The deployment as it stands part way through a migration: the transition document cut
 * at a step of the plan, so the failover simulation and the pairing checks can run on it
 * ("what if Dublin is lost while half the users are still on the 2015 pool?"). It is the
 * plan's replay (replay.ts) turned back into a topology: the pools that exist at that
 * moment, at the version they run then, homing the users they home then, paired as they
 * are then, with the Central Management store, federation, next hops, media Edge and
 * backup registrars where the steps so far have put them. Pure.
 */
import { defaultLink } from '../model/defaults';
import { NODE_HEIGHT, NODE_WIDTH, gridLayout } from '../model/grid-layout';
import { positionOf } from '../model/layout';
import type { Link, LinkKind, Position, ProductVersion, Topology, TopologyNode } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import { applyStep, initialState, type DeploymentState, type Violation } from './replay';
import type { TransitionDocument } from './transition-document';
import { MIGRATION_PHASES, type MigrationPhase, type MigrationPlan } from './types';

/** A pairing as it stands at a step, and whether Microsoft supports failing over across it. */
export interface PairingAtStep {
  a: string;
  b: string;
  versionA: ProductVersion | undefined;
  versionB: ProductVersion | undefined;
  /**
   * valid: both pools exist and run one version; upgrading: 2019 with Subscription Edition
   * while the pair is upgraded in place (in one maintenance window, no failover across it);
   * acrossVersions: any other mix (PAIR-SAME-VERSION); missing: a pool is not built or gone.
   */
  status: 'valid' | 'upgrading' | 'acrossVersions' | 'missing';
}

export interface DeploymentAtStep {
  /** Steps carried out: 0 = the deployment today, plan.steps.length = the end of the migration. */
  step: number;
  /** The topology as it stands then (the transition document's ids and sites). */
  doc: Topology;
  state: DeploymentState;
  pairings: PairingAtStep[];
  /** Registrar pools that home users then, with their version, most users first. */
  homes: { id: string; version: ProductVersion | undefined; users: number }[];
  /** What the replay found wrong in the steps so far (none for a sound plan). */
  violations: Violation[];
}

/** Where each phase of the plan ends: the step count after its last step. */
export interface PhaseMark {
  phase: MigrationPhase;
  afterStep: number;
}

export function phaseMarks(plan: MigrationPlan): PhaseMark[] {
  const out: PhaseMark[] = [];
  for (const phase of MIGRATION_PHASES) {
    const last = plan.steps.map((s) => s.phase).lastIndexOf(phase);
    if (last >= 0) out.push({ phase, afterStep: last + 1 });
  }
  return out;
}

/** The deployment after the first `step` steps of `plan` (clamped to the plan). */
export function deploymentAtStep(plan: MigrationPlan, current: Topology, td: TransitionDocument, step: number): DeploymentAtStep {
  const k = Math.max(0, Math.min(plan.steps.length, Math.floor(Number.isFinite(step) ? step : 0)));
  const state = initialState(current, td);
  const violations: Violation[] = [];
  for (const s of plan.steps.slice(0, k)) violations.push(...applyStep(state, s));
  const doc = topologyOf(state, current, td, plan, k === plan.steps.length);
  const pairings: PairingAtStep[] = [...state.pairs].sort().map((key) => {
    const [a, b] = key.split('|') as [string, string];
    const versionA = state.version.get(a);
    const versionB = state.version.get(b);
    const status: PairingAtStep['status'] =
      !state.exists.has(a) || !state.exists.has(b)
        ? 'missing'
        : versionA === versionB
          ? 'valid'
          : (versionA === '2019' && versionB === 'SE') || (versionA === 'SE' && versionB === '2019')
            ? 'upgrading'
            : 'acrossVersions';
    return { a, b, versionA, versionB, status };
  });
  const homes = doc.nodes
    .filter(isRegistrar)
    .filter((n) => n.users > 0)
    .map((n) => ({ id: n.id, version: n.productVersion, users: n.users }))
    .sort((x, y) => y.users - x.users);
  return { step: k, doc, state, pairings, homes, violations };
}

/** Link kinds the replay tracks; every other link is kept while both its ends exist. */
const TRACKED: ReadonlySet<LinkKind> = new Set<LinkKind>(['pairing', 'nextHop', 'mediaEdge', 'backupRegistrar']);

function topologyOf(
  state: DeploymentState,
  current: Topology,
  td: TransitionDocument,
  plan: MigrationPlan,
  atEnd: boolean,
): Topology {
  const id = (x: string) => td.fromCurrent.get(x) ?? x;
  // Added nodes the plan never deploys by name (a file store, an Office Online farm, a reverse
  // proxy): present once a node they are linked with is, and at the end.
  const named = new Set(plan.steps.flatMap((s) => s.effects.flatMap((e) => (e.kind === 'deploy' ? [e.nodeId] : []))));
  const present = (n: TopologyNode) => {
    if (state.exists.has(n.id)) return true;
    if (!td.added.has(n.id) || named.has(n.id)) return false;
    return (
      atEnd ||
      td.doc.links.some((l) => (l.from === n.id && state.exists.has(l.to)) || (l.to === n.id && state.exists.has(l.from)))
    );
  };
  const nodes: TopologyNode[] = [];
  for (const n of td.doc.nodes) {
    if (!present(n)) continue;
    // A node upgraded in place is the current design's node until its upgrade step runs.
    const before = td.matchedCurrent.get(n.id);
    const beforeVersion = before && 'productVersion' in before ? before.productVersion : undefined;
    const nowVersion = state.version.get(n.id);
    let node: TopologyNode =
      before &&
      beforeVersion !== undefined &&
      nowVersion === beforeVersion &&
      'productVersion' in n &&
      n.productVersion !== nowVersion
        ? ({ ...before, id: n.id, siteId: n.siteId } as TopologyNode)
        : n;
    if ('productVersion' in node && nowVersion !== undefined && node.productVersion !== nowVersion)
      node = { ...node, productVersion: nowVersion } as TopologyNode;
    if (isRegistrar(node)) node = { ...node, users: state.users.get(node.id) ?? 0 };
    if (node.kind === 'edgePool') node = { ...node, federation: state.federation === node.id };
    nodes.push(node);
  }
  const exists = new Set(nodes.map((n) => n.id));

  // Link objects as the designs have them (target first, then today's, in transition ids), to keep their settings.
  const known = new Map<string, Link>();
  const currentLinks = current.links.map((l) => ({ ...l, from: id(l.from), to: id(l.to) }) as Link);
  for (const l of [...td.doc.links, ...currentLinks]) {
    const key = `${l.kind}|${l.from}|${l.to}`;
    if (!known.has(key)) known.set(key, l);
  }
  const links: Link[] = [];
  const usedIds = new Set<string>();
  const push = (l: Link) => {
    let lid = l.id;
    for (let i = 2; usedIds.has(lid); i++) lid = `${l.id}.${i}`;
    usedIds.add(lid);
    links.push(lid === l.id ? l : { ...l, id: lid });
  };
  const tracked = (kind: LinkKind, from: string, to: string) => {
    if (!exists.has(from) || !exists.has(to)) return;
    push(
      known.get(`${kind}|${from}|${to}`) ?? known.get(`${kind}|${to}|${from}`) ?? defaultLink(kind, `at-step-${kind}`, from, to),
    );
  };
  const seen = new Set<string>();
  for (const l of [...td.doc.links, ...currentLinks]) {
    if (TRACKED.has(l.kind) || !exists.has(l.from) || !exists.has(l.to)) continue;
    const key = `${l.kind}|${l.from}|${l.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    push(l);
  }
  for (const key of [...state.pairs].sort()) {
    const [a, b] = key.split('|') as [string, string];
    tracked('pairing', a, b);
  }
  for (const [edge, hop] of state.nextHop) tracked('nextHop', edge, hop);
  for (const [pool, edge] of state.mediaEdge) tracked('mediaEdge', pool, edge);
  for (const [branch, pool] of state.backupRegistrar) tracked('backupRegistrar', branch, pool);

  const cmsHost = state.cms !== null && exists.has(state.cms) ? state.cms : null;
  return { ...td.doc, deployment: { ...td.doc.deployment, cmsHost }, nodes, links };
}

const GAP = 24;
/** Below first (a column of cards reads top to bottom), then beside, above, and the corners. */
export const AROUND = [
  [0, 1],
  [1, 0],
  [0, -1],
  [-1, 0],
  [1, 1],
  [-1, 1],
  [1, -1],
  [-1, -1],
] as const;

/**
 * The deployment at a step laid out for the canvas: the target's cards where the design has
 * them, a node the target retires where the current design had it (or, when a card of the
 * design took that spot, often its replacement, the nearest free place around it), anything
 * else on the grid. Two cards never overlap, so the old and the new pool read side by side.
 */
export function phaseLayout(doc: Topology, target: Topology, current: Topology, td: TransitionDocument): Topology {
  const currentIdOf = new Map<string, string>();
  for (const [c, t] of td.fromCurrent) currentIdOf.set(t, c);
  const layout: Record<string, Position> = {};
  const taken: Position[] = [];
  const free = (p: Position) =>
    taken.every((t) => Math.abs(t.x - p.x) >= NODE_WIDTH + GAP / 2 || Math.abs(t.y - p.y) >= NODE_HEIGHT + GAP / 2);
  const later: TopologyNode[] = [];
  for (const n of doc.nodes) {
    const p = td.removed.has(n.id) ? undefined : positionOf(target.layout, n.id);
    if (p && free(p)) {
      layout[n.id] = p;
      taken.push(p);
    } else later.push(n);
  }
  const grid = gridLayout(doc);
  const dx = NODE_WIDTH + GAP;
  const dy = NODE_HEIGHT + GAP;
  // Cards already placed per site: a card moved aside stays inside its own site's columns.
  const siteBox = new Map<string, { minX: number; maxX: number; maxY: number }>();
  const grow = (siteId: string, p: Position) => {
    const b = siteBox.get(siteId);
    if (!b) siteBox.set(siteId, { minX: p.x, maxX: p.x, maxY: p.y });
    else siteBox.set(siteId, { minX: Math.min(b.minX, p.x), maxX: Math.max(b.maxX, p.x), maxY: Math.max(b.maxY, p.y) });
  };
  for (const n of doc.nodes) if (layout[n.id]) grow(n.siteId, layout[n.id]!);
  for (const n of later) {
    const cid = currentIdOf.get(n.id);
    const origin = (cid !== undefined ? positionOf(current.layout, cid) : undefined) ??
      positionOf(target.layout, n.id) ??
      positionOf(grid, n.id) ?? { x: 0, y: 0 };
    let place = origin;
    const box = siteBox.get(n.siteId);
    if (!free(place) && box) {
      // The site's columns, row by row from its top: the first free slot (a new row under it at worst).
      const columns = Math.max(1, Math.round((box.maxX - box.minX) / dx) + 1);
      search: for (let row = 0; row < 1_000; row++)
        for (let col = 0; col < columns; col++) {
          const q = { x: box.minX + col * dx, y: origin.y + row * dy };
          if (free(q)) {
            place = q;
            break search;
          }
        }
    } else
      search: for (let r = 1; !free(place) && r <= 12; r++)
        for (const [kx, ky] of AROUND) {
          const q = { x: origin.x + kx * r * dx, y: origin.y + ky * r * dy };
          if (free(q)) {
            place = q;
            break search;
          }
        }
    layout[n.id] = place;
    taken.push(place);
    grow(n.siteId, place);
  }
  return { ...doc, layout };
}
