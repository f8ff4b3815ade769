/**
 * Replays a migration plan's effects over the current deployment: the state after every
 * step (which pools exist, at which version, who homes the users, where the Central
 * Management store and its databases are, which pools are paired, which Edge pool
 * federates, next hops and media associations), and every moment where high availability
 * or disaster recovery would break: users or the CMS on a pool that is gone, a pool removed
 * while something still points at it, a pairing across versions or with a pool not yet
 * built, the old CMS database removed before replication was checked. The tests run it
 * on every plan; the designer can show the state at any phase.
 */
import type { ProductVersion, Topology } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import type { TransitionDocument } from './transition-document';
import type { MigrationPlan, MigrationStep } from './types';

export interface DeploymentState {
  exists: Set<string>;
  version: Map<string, ProductVersion>;
  users: Map<string, number>;
  cms: string | null;
  cmsDatabases: Set<string>;
  replicationChecked: boolean;
  pairs: Set<string>;
  federation: string | null;
  nextHop: Map<string, string>;
  mediaEdge: Map<string, string>;
  backupRegistrar: Map<string, string>;
  /** The version a node has once built (the transition document's). */
  built: Map<string, ProductVersion>;
}

export interface Violation {
  stepId: string;
  message: string;
}

const pairKey = (a: string, b: string) => [a, b].sort().join('|');

/** The current deployment in the transition document's ids. */
export function initialState(current: Topology, td: TransitionDocument): DeploymentState {
  const id = (x: string) => td.fromCurrent.get(x) ?? x;
  const s: DeploymentState = {
    exists: new Set(current.nodes.map((n) => id(n.id))),
    version: new Map(),
    users: new Map(),
    cms: current.deployment.cmsHost ? id(current.deployment.cmsHost) : null,
    cmsDatabases: new Set(current.deployment.cmsHost ? [id(current.deployment.cmsHost)] : []),
    replicationChecked: false,
    pairs: new Set(),
    federation: null,
    nextHop: new Map(),
    mediaEdge: new Map(),
    backupRegistrar: new Map(),
    built: new Map(),
  };
  for (const n of td.doc.nodes) if ('productVersion' in n && n.productVersion) s.built.set(n.id, n.productVersion);
  for (const n of current.nodes) {
    if ('productVersion' in n && n.productVersion) s.version.set(id(n.id), n.productVersion);
    if (isRegistrar(n)) s.users.set(id(n.id), n.users);
    if (n.kind === 'edgePool' && n.federation) s.federation = id(n.id);
  }
  for (const l of current.links) {
    if (l.kind === 'pairing') s.pairs.add(pairKey(id(l.from), id(l.to)));
    if (l.kind === 'nextHop') s.nextHop.set(id(l.from), id(l.to));
    if (l.kind === 'mediaEdge') s.mediaEdge.set(id(l.from), id(l.to));
    if (l.kind === 'backupRegistrar') s.backupRegistrar.set(id(l.from), id(l.to));
  }
  return s;
}

/** Applies one step's effects; returns what broke. Versions may differ within a pair only as 2019 with Subscription Edition (an in-place upgrade under way). */
export function applyStep(s: DeploymentState, step: MigrationStep): Violation[] {
  const out: Violation[] = [];
  const bad = (message: string) => out.push({ stepId: step.id, message });
  const need = (id: string, what: string) => {
    if (!s.exists.has(id)) bad(`${what} ${id} does not exist yet (or any more)`);
  };
  for (const e of step.effects) {
    switch (e.kind) {
      case 'deploy': {
        s.exists.add(e.nodeId);
        const v = s.built.get(e.nodeId);
        if (v) s.version.set(e.nodeId, v);
        break;
      }
      case 'pair': {
        need(e.a, 'pairing with');
        need(e.b, 'pairing with');
        const va = s.version.get(e.a);
        const vb = s.version.get(e.b);
        if (va !== vb) bad(`pairs ${e.a} (${va}) with ${e.b} (${vb}): different versions`);
        s.pairs.add(pairKey(e.a, e.b));
        break;
      }
      case 'unpair':
        s.pairs.delete(pairKey(e.a, e.b));
        break;
      case 'moveUsers': {
        need(e.to, 'users moved to');
        s.users.set(e.to, (s.users.get(e.to) ?? 0) + (s.users.get(e.from) ?? 0));
        s.users.set(e.from, 0);
        break;
      }
      case 'installCmsDatabase':
        need(e.poolId, 'CMS database on');
        s.cmsDatabases.add(e.poolId);
        break;
      case 'moveCms':
        if (!s.cmsDatabases.has(e.to)) bad(`moves the CMS to ${e.to} before its database is installed`);
        if (s.cms !== e.from) bad(`moves the CMS from ${e.from}, but it is on ${s.cms}`);
        s.cms = e.to;
        s.replicationChecked = false;
        break;
      case 'checkCmsReplication':
        s.replicationChecked = true;
        break;
      case 'uninstallCmsDatabase':
        if (s.cms === e.poolId) bad(`removes the CMS database of ${e.poolId}, which still holds the CMS`);
        if (!s.replicationChecked) bad(`removes the old CMS database of ${e.poolId} before replication was checked`);
        s.cmsDatabases.delete(e.poolId);
        break;
      case 'mediaEdge':
        need(e.edgeId, 'media Edge');
        s.mediaEdge.set(e.poolId, e.edgeId);
        break;
      case 'clearMediaEdge':
        s.mediaEdge.delete(e.poolId);
        break;
      case 'nextHop':
        need(e.to, 'next hop');
        s.nextHop.set(e.edgeId, e.to);
        break;
      case 'federation':
        need(e.to, 'federation on');
        s.federation = e.to;
        break;
      case 'backupRegistrar':
        need(e.poolId, 'backup registrar');
        s.backupRegistrar.set(e.branchId, e.poolId);
        break;
      case 'upgrade':
        need(e.nodeId, 'upgrade of');
        s.version.set(e.nodeId, e.to);
        break;
      case 'decommission': {
        const id = e.nodeId;
        if ((s.users.get(id) ?? 0) > 0) bad(`removes ${id} while it still homes ${s.users.get(id)} users`);
        if (s.cms === id) bad(`removes ${id} while it holds the CMS`);
        for (const k of s.pairs) if (k.split('|').includes(id)) bad(`removes ${id} while it is still paired`);
        for (const [edge, hop] of s.nextHop)
          if (hop === id && edge !== id && s.exists.has(edge)) bad(`removes ${id}, the next hop of ${edge}`);
        for (const [pool, edge] of s.mediaEdge)
          if (edge === id && pool !== id && s.exists.has(pool)) bad(`removes ${id}, the media Edge of ${pool}`);
        for (const [branch, pool] of s.backupRegistrar)
          if (pool === id && s.exists.has(branch)) bad(`removes ${id}, the backup registrar of ${branch}`);
        if (s.federation === id) bad(`removes ${id} while it federates`);
        s.exists.delete(id);
        s.cmsDatabases.delete(id);
        s.users.delete(id);
        s.nextHop.delete(id);
        s.mediaEdge.delete(id);
        break;
      }
    }
  }
  // After every step: every pairing joins two existing pools of one version (2019 with Subscription Edition only mid-upgrade).
  for (const k of s.pairs) {
    const [a, b] = k.split('|') as [string, string];
    const va = s.version.get(a);
    const vb = s.version.get(b);
    const upgrading = (va === '2019' && vb === 'SE') || (va === 'SE' && vb === '2019');
    if (va !== vb && !upgrading) bad(`after it, ${a} (${va}) and ${b} (${vb}) are paired across versions`);
  }
  if (s.cms !== null && !s.exists.has(s.cms)) bad(`after it, the CMS host ${s.cms} does not exist`);
  return out;
}

/** Every state violation of a plan, replayed from the current deployment. */
export function replay(
  plan: MigrationPlan,
  current: Topology,
  td: TransitionDocument,
): { state: DeploymentState; violations: Violation[] } {
  const state = initialState(current, td);
  const violations: Violation[] = [];
  for (const step of plan.steps) violations.push(...applyStep(state, step));
  return { state, violations };
}
