/**
 * Edge and Director consequences of a failure: the federation route (the Edge pool
 * with federation = true), XMPP federation (2015), remote access through surviving
 * Edge pools, next hops of surviving Edge pools that pointed at a lost pool or
 * Director, and media Edge associations of surviving pools.
 *
 * Sources: failing-over-and-failing-back-a-pool.md (next hop, federation, XMPP, media
 * association), capacity pages (remote users per Edge server),
 * enterprise-voice-resiliency.md (DNS SRV records per central site).
 */
import { PORTS, REF } from '../model/reference-numbers';
import type { NodeOfKind, TopologyNode } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import type { SimContext } from './context';
import { DOCS, PRIORITY } from './plan';
import { cleanName, count, label, listing, plural, psQuote } from './text';
import type { EdgeLoad, EdgeOutcome, Failover } from './types';

type EdgePool = NodeOfKind<'edgePool'>;
type NextHopTarget = NodeOfKind<'frontEndPool'> | NodeOfKind<'standardEditionServer'> | NodeOfKind<'directorPool'>;

const capacityOf = (e: EdgePool): number => e.servers * REF.remoteUsersPerEdge[e.productVersion];

export function analyseEdges(ctx: SimContext, failovers: readonly Failover[]): { edge: EdgeOutcome; directorsLost: string[] } {
  const { ix } = ctx;
  const edges = ix.ofKind('edgePool');
  const lost = edges.filter((e) => ctx.isLost(e.id));
  const surviving = edges.filter((e) => !ctx.isLost(e.id));
  // Users go where their pools fail over, so Edge pools there are the natural replacements.
  const targetSites = [...new Set(failovers.map((f) => ix.node(f.to)?.siteId).filter((s): s is string => s !== undefined))];
  const spare = new Map(surviving.map((e) => [e.id, capacityOf(e) - (e.concurrentRemoteUsers ?? 0)]));
  const moreSpare = (a: EdgePool, b: EdgePool) => (spare.get(b.id) ?? 0) - (spare.get(a.id) ?? 0);
  const replacementFor = (anchorSite: string, among: readonly EdgePool[] = surviving) =>
    ctx.rank(among, anchorSite, targetSites, moreSpare)[0];

  const edge: EdgeOutcome = {
    lost: lost.map((e) => e.id),
    federation: null,
    xmpp: null,
    remoteAccess: [],
    nextHops: [],
    mediaEdges: [],
    loads: [],
  };

  nextHops(ctx, edge, surviving, targetSites);
  federation(ctx, edge, lost, surviving, replacementFor);
  xmpp(ctx, edge, lost, surviving, replacementFor);
  remoteAccess(ctx, edge, lost, surviving, replacementFor);
  mediaEdges(ctx, edge, surviving);
  const directorsLost = directors(ctx);
  return { edge, directorsLost };
}

function federation(
  ctx: SimContext,
  out: EdgeOutcome,
  lost: EdgePool[],
  surviving: EdgePool[],
  replacementFor: (site: string) => EdgePool | undefined,
): void {
  const from = lost.find((e) => e.federation);
  if (!from) return;
  const already = surviving.find((e) => e.federation);
  const to = already ?? replacementFor(from.siteId);
  out.federation = { from: from.id, to: to?.id ?? null };
  if (already) {
    ctx.plan.note(
      PRIORITY.federation,
      `SIP federation through ${label(from)} is lost; ${label(already)} also has federation enabled and keeps it working.`,
    );
    return;
  }
  if (!to) {
    ctx.plan.note(
      PRIORITY.federation,
      `SIP federation is lost with ${label(from)} and no Edge pool survives to take it: federation with partners stays down until an Edge pool is rebuilt (EDGE-FEDERATION-STANDBY).`,
    );
    return;
  }
  ctx.plan.note(
    PRIORITY.federation,
    `SIP federation is lost with Edge pool ${label(from)}: move it to ${label(to)} (Topology Builder: clear "Enable federation for this Edge pool (Port 5061)" on ${from.id}, tick it on ${to.id}, publish, then Run Again in the Deployment Wizard on the Edge servers of ${to.id}). Federated partners must also find ${to.id} through your _sipfederationtls._tcp SRV record (inferred).`,
  );
  ctx.plan.step(PRIORITY.federation, {
    title: `Move SIP federation from ${from.id} to ${to.id}`,
    tool: 'TB',
    commands: [
      `Topology Builder: Edge pools → ${from.fqdn} → Edit Properties → General → clear "Enable federation for this Edge pool (Port 5061)" → OK`,
      `Topology Builder: Edge pools → ${to.fqdn} → Edit Properties → General → select "Enable federation for this Edge pool (Port 5061)" → OK`,
      'Topology Builder: Action → Topology → Publish',
      `Deployment Wizard on each Edge server of ${to.fqdn}: Install or Update Skype for Business Server System → Setup or Remove Skype for Business Server Components → Run Again → Next → Finish`,
    ],
    docs: [DOCS.failoverPool],
    nodeIds: [from.id, to.id],
  });
}

function xmpp(
  ctx: SimContext,
  out: EdgeOutcome,
  lost: EdgePool[],
  surviving: EdgePool[],
  replacementFor: (site: string, among?: readonly EdgePool[]) => EdgePool | undefined,
): void {
  const from = lost.find((e) => e.xmpp);
  if (!from) return;
  const already = surviving.find((e) => e.xmpp && e.productVersion === '2015');
  // XMPP federation exists only in 2015 (the gateway is gone from 2019).
  const to =
    already ??
    replacementFor(
      from.siteId,
      surviving.filter((e) => e.productVersion === '2015'),
    );
  out.xmpp = { from: from.id, to: to?.id ?? null };
  if (already) {
    ctx.plan.note(
      PRIORITY.xmpp,
      `XMPP federation through ${label(from)} is lost; ${label(already)} also carries XMPP and keeps it working if the _xmpp-server._tcp SRV records already lead there.`,
    );
    return;
  }
  if (!to) {
    ctx.plan.note(
      PRIORITY.xmpp,
      `XMPP federation is lost with ${label(from)} and no Skype for Business Server 2015 Edge pool survives to take it (2019 has no XMPP gateway): XMPP contacts are unreachable until a 2015 Edge pool is back.`,
    );
    return;
  }
  const site = ctx.ix.site(to.siteId);
  const siteName = cleanName(site?.name ?? to.siteId) || to.siteId;
  ctx.plan.note(
    PRIORITY.xmpp,
    `XMPP federation is lost with ${label(from)}: move its route to ${label(to)} (Set-CsSite -XmppExternalFederationRoute, external DNS A record and _xmpp-server._tcp SRV record on port ${PORTS.xmppFederation}, TCP ${PORTS.xmppFederation} open).`,
  );
  ctx.plan.step(PRIORITY.xmpp, {
    title: `Move XMPP federation from ${from.id} to ${to.id}`,
    tool: 'Shell',
    commands: [
      `Stop-CsWindowsService   (on each Edge server of ${to.fqdn})`,
      `Set-CsSite -Identity ${psQuote(`site:${siteName}`)} -XmppExternalFederationRoute <an Edge server FQDN of ${to.fqdn}>`,
      `External DNS: point the XMPP federation A record at that Edge server of ${to.fqdn}`,
      `External DNS: _xmpp-server._tcp.<SIP domain> SRV record, port ${PORTS.xmppFederation}, resolving to ${to.fqdn}`,
      `Firewall: open TCP ${PORTS.xmppFederation} from the Internet to ${to.fqdn}`,
      `Start-CsWindowsService   (on each Edge server of ${to.fqdn})`,
    ],
    docs: [DOCS.failoverPool],
    nodeIds: [from.id, to.id],
  });
}

function remoteAccess(
  ctx: SimContext,
  out: EdgeOutcome,
  lost: EdgePool[],
  surviving: EdgePool[],
  replacementFor: (site: string) => EdgePool | undefined,
): void {
  if (!lost.length) return;
  const received = new Map<string, { users: number; known: boolean; from: string[] }>();
  for (const e of lost) {
    const to = replacementFor(e.siteId);
    const remoteUsers = e.concurrentRemoteUsers ?? null;
    out.remoteAccess.push({ from: e.id, to: to?.id ?? null, remoteUsers });
    if (!to) continue;
    const r = received.get(to.id) ?? { users: 0, known: false, from: [] };
    r.users += remoteUsers ?? 0;
    r.known ||= remoteUsers !== null;
    r.from.push(e.id);
    received.set(to.id, r);
  }
  if (!surviving.length) {
    ctx.plan.note(
      PRIORITY.remoteAccess,
      `No Edge pool survives: remote users, federation and external meeting participants have no way in until an Edge pool is rebuilt.`,
    );
    return;
  }
  for (const e of surviving) {
    const r = received.get(e.id);
    if (!r) continue;
    const known = r.known || e.concurrentRemoteUsers !== undefined;
    const remoteUsers = known ? (e.concurrentRemoteUsers ?? 0) + r.users : null;
    const load: EdgeLoad = {
      id: e.id,
      servers: e.servers,
      remoteUsers,
      maxRemoteUsers: capacityOf(e),
      overCapacity: remoteUsers !== null && remoteUsers > capacityOf(e),
    };
    out.loads.push(load);
    const perServer = REF.remoteUsersPerEdge[e.productVersion];
    const capacity =
      remoteUsers === null
        ? `No concurrent remote-user figure is given, so its capacity (${count(load.maxRemoteUsers)}: ${plural(e.servers, 'server')} × ${count(perServer)}) cannot be checked.`
        : load.overCapacity
          ? `Over capacity: it would serve ${count(remoteUsers)} concurrent remote users against ${count(load.maxRemoteUsers)} (${plural(e.servers, 'server')} × ${count(perServer)}); add Edge servers (EDGE-CAPACITY).`
          : `It then serves ${count(remoteUsers)} concurrent remote users, within ${count(load.maxRemoteUsers)} (${plural(e.servers, 'server')} × ${count(perServer)}).`;
    ctx.plan.note(
      PRIORITY.remoteAccess,
      `Remote users who came in through ${listing(r.from)} must reach the deployment through ${label(e)}; external DNS (the Access Edge, web conferencing and A/V Edge names, or lower-priority SRV records set up in advance) has to lead there (inferred). ${capacity}`,
    );
    ctx.plan.step(PRIORITY.remoteAccess, {
      title: `Send remote users of ${listing(r.from)} to ${e.id}`,
      tool: 'DNS',
      commands: [
        `External DNS: point the remote-access records (_sip._tls SRV, Access Edge, web conferencing Edge and A/V Edge names) that led to ${listing(r.from)} at ${e.fqdn} (inferred: the failover pages do not cover remote-access DNS)`,
      ],
      docs: [DOCS.voiceResiliency],
      nodeIds: [...r.from, e.id],
    });
  }
}

function nextHops(ctx: SimContext, out: EdgeOutcome, surviving: EdgePool[], targetSites: string[]): void {
  const { ix } = ctx;
  const candidates = [...ix.ofKind('directorPool'), ...ix.registrars()].filter((n) => !ctx.isLost(n.id)) as NextHopTarget[];
  const directorFirst = (a: TopologyNode, b: TopologyNode) =>
    Number(b.kind === 'directorPool') - Number(a.kind === 'directorPool');
  for (const e of surviving) {
    for (const link of ix.out(e.id, 'nextHop')) {
      const from = ix.node(link.to);
      if (!from || !ctx.isLost(from.id)) continue;
      // A lost pool's partner takes its users, so it is the documented choice; otherwise a Director (else a pool) in the
      // Edge's own site, then where the users went.
      const partner = isRegistrar(from) ? ctx.survivingPartners(from.id)[0] : undefined;
      const to: NextHopTarget | undefined =
        partner ?? ctx.rank(candidates, e.siteId, [e.siteId, ...targetSites], directorFirst)[0];
      const via = to && to.siteId === e.siteId ? 'topologyBuilder' : 'managementShell';
      out.nextHops.push({ edge: e.id, from: from.id, to: to?.id ?? null, via });
      const refuses = isRegistrar(from)
        ? ` before ${from.id} is failed over (Invoke-CsPoolFailover refuses while the failed pool is an Edge next hop)`
        : '';
      if (!to) {
        ctx.plan.note(
          PRIORITY.edgeNextHop,
          `Edge pool ${label(e)} survives but its next hop ${label(from)} is lost and no Front End, Standard Edition or Director pool survives to replace it: external access, federation and XMPP through it stop.`,
        );
        continue;
      }
      ctx.plan.note(
        PRIORITY.edgeNextHop,
        `Edge pool ${label(e)} survives but its next hop ${label(from)} is lost: point it at ${label(to)}${refuses}, ${via === 'topologyBuilder' ? 'in Topology Builder (same site)' : `with Set-CsEdgeServer -Identity EdgeServer:${e.fqdn} -Registrar Registrar:${to.fqdn} (another site)`}.`,
      );
      ctx.plan.step(PRIORITY.edgeNextHop, {
        title: `Point Edge pool ${e.id} at ${to.id} as next hop`,
        tool: via === 'topologyBuilder' ? 'TB' : 'Shell',
        commands:
          via === 'topologyBuilder'
            ? [
                `Topology Builder: Edge pools → ${e.fqdn} → Edit Properties → Next Hop → Next hop pool = ${to.fqdn} → OK`,
                'Topology Builder: Action → Topology → Publish',
              ]
            : [`Set-CsEdgeServer -Identity EdgeServer:${e.fqdn} -Registrar Registrar:${to.fqdn}`],
        docs: [DOCS.failoverPool],
        nodeIds: [e.id, from.id, to.id],
      });
    }
  }
}

function mediaEdges(ctx: SimContext, out: EdgeOutcome, surviving: EdgePool[]): void {
  const { ix } = ctx;
  for (const pool of ix.registrars()) {
    if (ctx.isLost(pool.id)) continue;
    for (const link of ix.out(pool.id, 'mediaEdge')) {
      const from = ix.node(link.to);
      if (!from || !ctx.isLost(from.id)) continue;
      const to = ctx.rank(surviving, pool.siteId)[0];
      out.mediaEdges.push({ pool: pool.id, from: from.id, to: to?.id ?? null });
      if (!to) {
        ctx.plan.note(
          PRIORITY.mediaEdge,
          `${label(pool)} used the lost Edge pool ${label(from)} for media and no Edge pool survives: external users cannot join its meetings or calls with audio, video or sharing.`,
        );
        continue;
      }
      ctx.plan.note(
        PRIORITY.mediaEdge,
        `${label(pool)} uses the lost Edge pool ${label(from)} for media (web conferencing and A/V): associate it with ${label(to)} until ${from.id} is back.`,
      );
      ctx.plan.step(PRIORITY.mediaEdge, {
        title: `Associate ${pool.id} with Edge pool ${to.id} for media`,
        tool: 'TB',
        commands: [
          `Topology Builder: ${pool.fqdn} → Edit Properties → Associations → Associate Edge Pool (for media components) = ${to.fqdn} → OK`,
          'Topology Builder: Action → Topology → Publish',
        ],
        docs: [DOCS.failoverPool],
        nodeIds: [pool.id, from.id, to.id],
      });
    }
  }
}

function directors(ctx: SimContext): string[] {
  const lost = ctx.ix.ofKind('directorPool').filter((d) => ctx.isLost(d.id));
  for (const d of lost)
    ctx.plan.note(
      PRIORITY.director,
      `Director pool ${label(d)} is lost: clients that locate the deployment through it need DNS SRV records (and reverse-proxy publishing) that lead to a surviving Director or Front End pool; records for each central site with their own priorities make this automatic.`,
    );
  return lost.map((d) => d.id);
}
