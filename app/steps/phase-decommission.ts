/**
 * "Decommission what the design retires" (transition mode): the nodes marked for
 * decommissioning exist today and leave at the end of the change, so the build phases
 * never build them (deployment.ts gives those phases the design without them) and this
 * phase removes them last, each only after what depends on it: a Persistent Chat pool,
 * a branch appliance or a Front End pool before the pool, Edge or Director it points at;
 * an Edge pool before the Director that is its next hop; the stores a retired pool alone
 * used after the pool. Microsoft's order (phase 8 of the migration guide): empty the pool,
 * remove its associations, prevent new sessions and stop the services, delete it in
 * Topology Builder and publish, then remove its databases; legacy Edge and Director
 * pools last, once nothing points at them.
 */
import { decom } from '../model/product-versions';
import type { Link, Topology, TopologyNode } from '../model/schema';
import { TopologyIndex } from '../model/topology-index';
import { DOC } from './docs';
import type { PlanBuilder } from './plan-builder';
import { PlanContext } from './plan-context';
import { makeStep } from './step';
import { code, psQuote, rt, ui } from './text';
import type { RichText, Step } from './types';

const PHASE = 'decommission' as const;

/** Kinds that leave only because everything that used them leaves. */
const DEPENDENT_KINDS: ReadonlySet<TopologyNode['kind']> = new Set([
  'sqlStore',
  'fileStore',
  'officeOnlineServer',
  'gatewayPeer',
]);

/**
 * The ids of the nodes that leave in a transition design: those marked for
 * decommissioning, and the SQL stores, file stores, Office Online Server farms and
 * gateways whose every user leaves (a mirror or witness store follows its principal).
 * Empty in a greenfield design, where nothing exists yet to retire.
 */
export function retiringNodes(doc: Topology): ReadonlySet<string> {
  const out = new Set<string>();
  if (doc.deployment.mode !== 'transition') return out;
  for (const n of doc.nodes) if (decom(n)) out.add(n.id);
  if (out.size === 0) return out;
  const ix = new TopologyIndex(doc);
  // Each pass may free a store that only a freed store used (a mirror behind a principal).
  for (let changed = true; changed;) {
    changed = false;
    for (const n of ix.allNodes()) {
      if (out.has(n.id) || !DEPENDENT_KINDS.has(n.kind)) continue;
      const users = ix.in(n.id).filter((l) => l.kind !== 'pairing');
      if (users.length > 0 && users.every((l) => out.has(l.from))) {
        out.add(n.id);
        changed = true;
      }
    }
  }
  return out;
}

/** The design as the build phases see it: without the nodes that leave, and without their links. */
export function withoutNodes(doc: Topology, ids: ReadonlySet<string>): Topology {
  if (ids.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !ids.has(n.id)),
    links: doc.links.filter((l) => !ids.has(l.from) && !ids.has(l.to)),
  };
}

/**
 * Ties between nodes free to go at the same point: the roles that use a pool first, then
 * Edge pools and Directors (a pool or Director cannot be deleted while an Edge pool uses it
 * as its next hop), then the pools, then what only they used.
 */
const KIND_ORDER: Record<TopologyNode['kind'], number> = {
  persistentChatPool: 0,
  survivableBranch: 1,
  videoInteropPool: 2,
  mediationPool: 3,
  edgePool: 4,
  directorPool: 5,
  frontEndPool: 6,
  standardEditionServer: 7,
  reverseProxy: 8,
  sqlStore: 9,
  fileStore: 10,
  officeOnlineServer: 11,
  gatewayPeer: 12,
};

/**
 * The leaving nodes in removal order: a node goes only once every leaving node that
 * links to it (a next hop, a backup registrar, a Back End, a store, a trunk) has gone.
 * Pairing says nothing about order (the pair is broken first), nor does a pool's media
 * Edge association (cleared on every pool before its Edge pool goes, and a pool's Edge
 * pool may have that pool as next hop). A cycle would leave its nodes in kind and
 * document order at the end.
 */
function removalOrder(doc: Topology, leaving: ReadonlySet<string>): TopologyNode[] {
  const ix = new TopologyIndex(doc);
  const nodes = ix.allNodes().filter((n) => leaving.has(n.id));
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  const waitingOn = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const l of doc.links)
    if (ordersRemoval(l.kind) && leaving.has(l.from) && leaving.has(l.to) && l.from !== l.to)
      waitingOn.set(l.to, waitingOn.get(l.to)! + 1);
  const before = (a: TopologyNode, b: TopologyNode) =>
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || position.get(a.id)! - position.get(b.id)!;
  const out: TopologyNode[] = [];
  const done = new Set<string>();
  let ready = nodes.filter((n) => waitingOn.get(n.id) === 0);
  while (out.length < nodes.length) {
    if (ready.length === 0) ready = nodes.filter((n) => !done.has(n.id));
    ready.sort(before);
    const n = ready.shift()!;
    if (done.has(n.id)) continue;
    done.add(n.id);
    out.push(n);
    for (const l of ix.out(n.id)) {
      if (!ordersRemoval(l.kind) || !leaving.has(l.to) || done.has(l.to) || l.from === l.to) continue;
      const left = waitingOn.get(l.to)! - 1;
      waitingOn.set(l.to, left);
      if (left === 0) ready.push(ix.node(l.to)!);
    }
  }
  return out;
}

const ordersRemoval = (kind: Link['kind']): boolean => kind !== 'pairing' && kind !== 'mediaEdge';

export function decommission(plan: PlanBuilder, doc: Topology, leaving: ReadonlySet<string>): void {
  if (leaving.size === 0) return;
  const ctx = new PlanContext(doc);
  const order = removalOrder(doc, leaving);
  const gone = new Set<string>();
  for (const n of order) {
    for (const step of removalSteps(ctx, n, leaving, gone)) plan.add(step);
    gone.add(n.id);
  }
  const cms = ctx.cmsHost();
  plan.note(
    'info',
    rt`${String(order.length)} ${order.length === 1 ? 'node leaves' : 'nodes leave'} at the end of the change (${order.map((n) => ctx.name(n)).join(', ')}): the runbook builds nothing for them and removes them last, each after what depends on it.${cms && leaving.has(cms.id) ? ' The Central Management store must move off its pool first.' : ''}`,
    order.map((n) => n.id),
    [],
    [DOC.phase8],
  );
}

function removalSteps(ctx: PlanContext, n: TopologyNode, leaving: ReadonlySet<string>, gone: ReadonlySet<string>): Step[] {
  const ix = ctx.ix;
  // What still uses this node and stays: the rules report it as an error, which blocks these steps.
  const staying = ix
    .in(n.id)
    .filter((l) => l.kind !== 'pairing' && !leaving.has(l.from))
    .map((l) => ix.node(l.from))
    .filter((x): x is TopologyNode => x !== undefined);
  const earlier = ix
    .in(n.id)
    .filter((l) => ordersRemoval(l.kind) && gone.has(l.from))
    .map((l) => ix.node(l.from)!);
  const pre: RichText[] = [];
  if (earlier.length) pre.push(rt`Removed before it (they depended on it): ${earlier.map((x) => ctx.name(x)).join(', ')}.`);
  if (staying.length)
    pre.push(
      rt`Still pointing at it in the design, and staying: ${staying.map((x) => ctx.name(x)).join(', ')}. Re-point them first (the design's findings say how).`,
    );
  switch (n.kind) {
    case 'frontEndPool':
    case 'standardEditionServer':
      return registrarSteps(ctx, n, pre);
    case 'edgePool':
      return [
        removeRole(ctx, n, pre, {
          before: [
            rt`Federation and media: the site's federation route and every remaining pool's media Edge association point at another Edge pool (Topology Builder → the site → ${ui('Edit Properties')} → federation route; each pool → ${ui('Edit Properties')} → ${ui('Associate pool with an Edge pool')}), published.`,
            rt`External DNS for the access, web conferencing and A/V edge names of ${code(n.fqdn)} points at the Edge pool that stays.`,
          ],
          ruleIds: ['COEX-MEDIA-EDGE-DECOMMISSION', 'COEX-XMPP-RETIRE'],
          docs: [DOC.phase8, DOC.edgeChange, DOC.federationRoutes],
          edge: true,
        }),
      ];
    case 'directorPool':
      return [
        removeRole(ctx, n, pre, {
          before: [
            rt`No Edge pool uses ${ctx.name(n)} as its next hop any more, and DNS (the SRV records for automatic sign-in, the simple URLs) points at the pool that stays.`,
          ],
          ruleIds: ['COEX-EDGE-NEXTHOP-DECOMMISSION'],
          docs: [DOC.phase8, DOC.dnsSrv, DOC.removePool],
        }),
      ];
    case 'mediationPool':
      return [
        removeRole(ctx, n, pre, {
          before: [
            rt`Every trunk of ${ctx.name(n)} is defined on a Mediation pool that stays, and the gateways, SBCs and IP-PBXs accept calls from it; the voice routes use the new trunks.`,
          ],
          ruleIds: [],
          docs: [DOC.phase8, DOC.mediation, DOC.removePool],
        }),
      ];
    case 'persistentChatPool':
      return [
        removeRole(ctx, n, pre, {
          before: [
            rt`The chat rooms and their content are exported or moved; Persistent Chat does not exist after Skype for Business Server 2015.`,
          ],
          ruleIds: ['COEX-PCHAT-NEXTHOP-DECOMMISSION'],
          docs: [DOC.phase8, DOC.pchatManageHadr],
        }),
      ];
    case 'survivableBranch':
      return [
        removeRole(ctx, n, pre, {
          before: [rt`The branch's users are homed on another registrar, and its gateway trunk is defined elsewhere.`],
          ruleIds: ['MIG-SBA-REGISTRAR-DECOMMISSION'],
          docs: [DOC.phase8, DOC.sba],
        }),
      ];
    case 'videoInteropPool':
    case 'reverseProxy':
      return [removeRole(ctx, n, pre, { before: [], ruleIds: [], docs: [DOC.phase8] })];
    case 'sqlStore':
      return [storeStep(ctx, n, pre)];
    case 'fileStore':
    case 'officeOnlineServer':
    case 'gatewayPeer':
      return [dependentStep(ctx, n, pre)];
  }
}

/** M1.14 for a Front End pool or Standard Edition server: empty, unpaired, sessions stopped, deleted, published. */
function registrarSteps(
  ctx: PlanContext,
  p: Extract<TopologyNode, { kind: 'frontEndPool' | 'standardEditionServer' }>,
  pre: RichText[],
): Step[] {
  const filter = `{RegistrarPool -eq ${psQuote(p.fqdn)}}`;
  const steps: Step[] = [
    makeStep({
      id: `decom-verify-empty:${p.id}`,
      phase: PHASE,
      title: `Check that ${ctx.name(p)} is empty`,
      tool: 'Shell',
      detail: [
        rt`No users, common area phones, analog devices, dial-in access numbers or conference directories may remain on the pool; the step stops if any does. Move them first (${code('Move-CsUser')}, ${code('Move-CsConferenceDirectory')}).`,
      ],
      commands: [
        `$left = @(Get-CsUser -Filter ${filter}).Count + @(Get-CsCommonAreaPhone -Filter ${filter}).Count + @(Get-CsAnalogDevice -Filter ${filter}).Count + @(Get-CsDialInConferencingAccessNumber -Filter {Pool -eq ${psQuote(p.fqdn)}}).Count`,
        `if ($left -gt 0) { throw ('{0} objects are still homed on the pool: move them first.' -f $left) }`,
      ],
      preconditions: [
        ...pre,
        ...(ctx.cmsHost()?.id === p.id
          ? [rt`The Central Management store has moved to a pool that stays (${code('Move-CsManagementServer')}).`]
          : []),
      ],
      nodeIds: [p.id],
      docs: [DOC.phase8, DOC.multipleSites],
      ruleIds: ['MIG-USERS-ON-DECOMMISSION', ...(ctx.cmsHost()?.id === p.id ? ['CMS-2019-MIGRATION'] : [])],
    }),
  ];
  const partner = ctx.ix.partners(p.id)[0];
  if (partner)
    steps.push(
      makeStep({
        id: `decom-unpair:${p.id}`,
        phase: PHASE,
        title: `Unpair ${ctx.name(p)} from ${ctx.name(partner)} and publish`,
        tool: 'TB',
        detail: [
          rt`Topology Builder → ${ctx.name(p)} → ${ui('Edit Properties')} → ${ui('Resiliency')} → clear ${ui('Associated backup pool')} → ${ui('OK')} → publish. ${ctx.name(partner)} has no disaster recovery partner afterwards unless the design pairs it again.`,
          rt`On ${ctx.name(partner)}, run the Deployment Wizard's ${ui('Setup or Remove Skype for Business Server Components')} so that the Backup Service stops syncing with the pool that leaves.`,
        ],
        nodeIds: [p.id, partner.id],
        docs: [DOC.pairing, DOC.phase8],
        ruleIds: ['MIG-PAIR-PARTNER-DECOMMISSION'],
        inferred: true,
      }),
    );
  steps.push(removeRole(ctx, p, [], { before: [], ruleIds: [], docs: [DOC.phase8, DOC.removePool, DOC.preventSessions] }));
  return steps;
}

interface RoleRemoval {
  /** What must be true before this node is deleted, besides what the dependency order gives. */
  before: RichText[];
  ruleIds: string[];
  docs: string[];
  /** Edge servers are not domain members: their components are removed on each server. */
  edge?: boolean;
}

/** Prevent new sessions, stop the services, delete in Topology Builder, publish, remove the components (phase 8). */
function removeRole(ctx: PlanContext, n: TopologyNode, pre: RichText[], r: RoleRemoval): Step {
  const stores = ctx.ix
    .out(n.id)
    .filter((l) => l.kind === 'store' && (l.role === 'monitoring' || l.role === 'archiving'))
    .map((l) => ctx.ix.node(l.to));
  return makeStep({
    id: `decom-remove:${n.id}`,
    phase: PHASE,
    title: `Remove ${ctx.label(n)} from the deployment`,
    tool: 'TB',
    mode: 'manual',
    runOn: `Topology Builder, then each server of ${ctx.name(n)}`,
    detail: [
      ...(stores.length
        ? [
            rt`First ${ctx.name(n)} → ${ui('Edit Properties')} → clear the Archiving and Monitoring associations (${stores.map((s) => ctx.name(s)).join(', ')}) → publish.`,
          ]
        : []),
      rt`Topology Builder → ${ui('Download Topology from existing deployment')} → save a copy. In Skype for Business Server Control Panel → ${ui('Topology')} → ${ui('Status')}: each server of ${ctx.name(n)} → ${ui('Prevent new sessions for all services')}; once the sessions have drained, stop the services (${code('Stop-CsWindowsService')} on each server).`,
      rt`Topology Builder → ${ctx.name(n)} → ${ui('Delete')} (accept ${ui('Delete Dependent Stores')} when asked) → ${ui('Action')} → ${ui('Topology')} → ${ui('Publish')}; check replication (${code('Get-CsManagementStoreReplicationStatus')}).`,
      r.edge
        ? rt`On each Edge server (not a domain member): run the Deployment Wizard's ${ui('Setup or Remove Skype for Business Server Components')} with the exported topology, which removes the components the topology no longer holds.`
        : rt`On each server of ${ctx.name(n)}: the Deployment Wizard's ${ui('Setup or Remove Skype for Business Server Components')} removes the components the published topology no longer holds.`,
    ],
    preconditions: [...pre, ...r.before],
    verify: [
      {
        text: rt`${code(n.fqdn)} no longer appears in the published topology.`,
        command: `Get-CsService | Where-Object {$_.PoolFqdn -eq ${psQuote(n.fqdn)}}`,
      },
    ],
    nodeIds: [n.id],
    docs: r.docs,
    ruleIds: r.ruleIds,
  });
}

/** A SQL store only retired pools used: its databases go once the pools are deleted (remove-the-sql-server-database…). */
function storeStep(ctx: PlanContext, s: Extract<TopologyNode, { kind: 'sqlStore' }>, pre: RichText[]): Step {
  const principal = ctx.primaryNode(s);
  const types = ctx.isBackEnd(s) ? ['User', 'Application'] : [];
  if (ctx.hasRole(s, 'monitoring')) types.push('Monitoring');
  if (ctx.hasRole(s, 'archiving')) types.push('Archiving');
  if (ctx.hasRole(s, 'persistentChat')) types.push('PersistChat');
  if (ctx.hasRole(s, 'persistentChatCompliance')) types.push('PersistChatCompliance');
  return makeStep({
    id: `decom-databases:${s.id}`,
    phase: PHASE,
    title: `Remove the store ${ctx.label(s)} and its databases`,
    tool: 'Shell',
    mode: 'manual',
    detail: [
      rt`Only the pools that left used it. Back up the databases first when their history matters (Archiving and Monitoring data are not migrated).`,
      rt`Topology Builder → ${ui('Shared Components')} → ${ui('SQL Server Stores')} → ${ctx.name(s)} → ${ui('Delete')} → publish; then remove the databases with the commands${types.length ? '' : ' for the database types it holds'}.`,
    ],
    commands: types.map(
      (t) => `Uninstall-CsDatabase -DatabaseType ${t} -SqlServerFqdn ${psQuote(principal)}${ctx.sqlInstanceArg(s.instance)}`,
    ),
    preconditions: pre,
    nodeIds: [s.id],
    docs: [DOC.removePoolDatabases, DOC.removeBackEndInstances, DOC.psUninstallDatabase],
    ruleIds: [],
  });
}

/** A file store, Office Online Server farm or gateway only retired nodes used: its definition goes from the topology. */
function dependentStep(ctx: PlanContext, n: TopologyNode, pre: RichText[]): Step {
  const what =
    n.kind === 'fileStore'
      ? rt`Topology Builder → ${ui('Shared Components')} → ${ui('File Stores')} → ${ctx.name(n)} → ${ui('Delete')} → publish. Keep the share's content until nobody needs the meeting content and logs it holds.`
      : n.kind === 'gatewayPeer'
        ? rt`Topology Builder → ${ui('Shared Components')} → ${ui('PSTN gateways')} → ${ctx.name(n)} → ${ui('Delete')} (its trunks go with it) → publish; remove the voice routes that used its trunks.`
        : rt`Topology Builder → ${ui('Site')} → ${ui('Office Online Servers')} → ${ctx.name(n)} → ${ui('Delete')} → publish.`;
  return makeStep({
    id: `decom-remove:${n.id}`,
    phase: PHASE,
    title: `Remove ${ctx.label(n)} from the topology`,
    tool: 'TB',
    detail: [rt`Only nodes that left used it.`, what],
    preconditions: pre,
    nodeIds: [n.id],
    docs: [DOC.phase8],
    ruleIds: [],
    inferred: true,
  });
}
