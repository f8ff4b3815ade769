/**
 * Failover simulation: what happens when a data center (site) or a single pool is
 * lost. Read-only over the document; every figure comes from the catalogue's
 * reference numbers (app/model/reference-numbers.ts).
 *
 * The outcome answers, in the order an administrator acts: is the CMS lost and where
 * does it go, which pools fail over to which partner and can the partner carry the
 * load, who is left without service, what the recovery targets are and where they may
 * not hold, and what happens to federation, remote access, Directors, Persistent
 * Chat, SQL stores, file stores and Office Online Server. `notes` says it in words,
 * `steps` lists the runbook with its cmdlets and doc paths.
 */
import { assertNever, err, ok, type Result } from '../lib/result';
import { feQuorum, RECOVERY } from '../model/reference-numbers';
import type { NodeKind, Topology } from '../model/schema';
import { TopologyIndex } from '../model/topology-index';
import { SimContext } from './context';
import { analyseEdges } from './edge';
import { analysePersistentChat } from './persistent-chat';
import { DOCS, PRIORITY } from './plan';
import { analyseCms, analyseRegistrars, type RegistrarResult } from './registrars';
import { analyseFileStores, analyseMediation, analyseOfficeOnline, analyseStores } from './stores';
import { cleanName, count, label, listing, plural } from './text';
import { analyseVoice } from './voice';
import { analyseWebPublishing } from './web-publishing';
import type {
  BackEndOutcome,
  CmsOutcome,
  Failure,
  QuorumOutcome,
  RecoveryTarget,
  Rpo,
  Rto,
  SimulationError,
  SimulationOutcome,
} from './types';

/** Node kinds a `{ poolId }` failure accepts: the pools (and branch appliances) of the topology. */
export const FAILABLE_KINDS: readonly NodeKind[] = [
  'frontEndPool',
  'standardEditionServer',
  'directorPool',
  'edgePool',
  'mediationPool',
  'persistentChatPool',
  'survivableBranch',
];

const MAX_LISTED_IDS = 50;
/** "85% of the servers" to start a pool (high-availability.md); feQuorum gives the per-size figures, not the share. */
const START_SHARE_PERCENT = 85;

export function simulateFailure(doc: Topology, failure: Failure): Result<SimulationOutcome, SimulationError> {
  try {
    return simulateWith(new TopologyIndex(doc), failure);
  } catch (e) {
    // Defensive: a bug here must not take the designer or the CLI down.
    return err({
      tag: 'internalError',
      message: `the simulation failed: ${e instanceof Error ? e.message : String(e)}`,
      validIds: [],
    });
  }
}

/** One outcome per site, in document order (each site lost on its own). */
export function simulateAllSites(doc: Topology): Result<SimulationOutcome[], SimulationError> {
  try {
    const ix = new TopologyIndex(doc);
    const out: SimulationOutcome[] = [];
    for (const s of doc.sites) {
      const r = simulateWith(ix, { siteId: s.id });
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  } catch (e) {
    return err({
      tag: 'internalError',
      message: `the simulation failed: ${e instanceof Error ? e.message : String(e)}`,
      validIds: [],
    });
  }
}

function simulateWith(ix: TopologyIndex, failure: Failure): Result<SimulationOutcome, SimulationError> {
  const checked = checkFailure(ix, failure);
  if (!checked.ok) return checked;
  const { siteId, poolId } = checked.value;
  const ctx = new SimContext(ix, siteId, poolId);

  const cms = analyseCms(ctx);
  const reg = analyseRegistrars(ctx);
  const { edge, directorsLost } = analyseEdges(ctx, reg.failovers);
  const backEnds = analyseStores(ctx, cms?.how === 'failover' ? cms.to : null);
  const persistentChat = analysePersistentChat(ctx);
  const fileStores = analyseFileStores(ctx);
  const officeOnline = analyseOfficeOnline(ctx);
  const mediationLost = analyseMediation(ctx);
  const voice = analyseVoice(ctx);
  const webPublishing = analyseWebPublishing(ctx);
  const quorum = poolId !== undefined ? analyseQuorum(ctx, poolId) : null;
  const recovery = recoveryTargets(reg, cms, backEnds);
  const { rto, rpo } = headlineTargets(ctx, reg, recovery);
  summarize(ctx, reg);

  const outcome: SimulationOutcome = {
    ...(siteId !== undefined ? { failedSite: siteId } : {}),
    ...(poolId !== undefined ? { failedPool: poolId } : {}),
    lostNodes: ix.doc.nodes.filter((n) => ctx.isLost(n.id)).map((n) => n.id),
    failovers: reg.failovers,
    branchFailovers: reg.branchFailovers,
    pools: reg.pools,
    usersWithoutService: reg.users.withoutService,
    withoutService: reg.withoutService,
    users: reg.users,
    cms,
    rto,
    rpo,
    recovery,
    edge,
    directorsLost,
    backEnds,
    persistentChat,
    fileStores,
    officeOnline,
    mediationLost,
    voice,
    webPublishing,
    quorum,
    notes: ctx.plan.notes(),
    steps: ctx.plan.steps(),
  };
  return ok(outcome);
}

function checkFailure(ix: TopologyIndex, failure: Failure): Result<{ siteId?: string; poolId?: string }, SimulationError> {
  const f = failure as Partial<Record<'siteId' | 'poolId', unknown>> | null | undefined;
  const siteIds = () => ix.doc.sites.map((s) => s.id);
  const poolIds = () => ix.doc.nodes.filter((n) => FAILABLE_KINDS.includes(n.kind)).map((n) => n.id);
  if (f && typeof f.siteId === 'string' && f.poolId === undefined) {
    if (ix.site(f.siteId)) return ok({ siteId: f.siteId });
    const ids = siteIds();
    return err({
      tag: 'unknownSite',
      message: `no site ${quoted(f.siteId)} in this topology; ${validList('site', ids)}`,
      validIds: ids,
    });
  }
  if (f && typeof f.poolId === 'string' && f.siteId === undefined) {
    const n = ix.node(f.poolId);
    if (n && FAILABLE_KINDS.includes(n.kind)) return ok({ poolId: f.poolId });
    const ids = poolIds();
    if (n)
      return err({
        tag: 'notAPool',
        message: `${quoted(f.poolId)} is a ${n.kind}, not a pool that can fail; ${validList('pool', ids)}`,
        validIds: ids,
      });
    return err({
      tag: 'unknownPool',
      message: `no pool ${quoted(f.poolId)} in this topology; ${validList('pool', ids)}`,
      validIds: ids,
    });
  }
  return err({
    tag: 'invalidFailure',
    message: 'name exactly one site ({ siteId }) or one pool ({ poolId }) to fail',
    validIds: [...siteIds(), ...poolIds()],
  });
}

/** An outside id in a message: one line, bounded, quoted. */
const quoted = (id: string) => `"${cleanName(id).slice(0, 64)}"`;

function validList(what: string, ids: string[]): string {
  if (!ids.length) return `this topology has no ${what}s`;
  const shown = ids.slice(0, MAX_LISTED_IDS).join(', ');
  const more = ids.length > MAX_LISTED_IDS ? ` … and ${ids.length - MAX_LISTED_IDS} more` : '';
  return `valid ${what} ids: ${shown}${more}`;
}

function recoveryTargets(reg: RegistrarResult, cms: CmsOutcome | null, backEnds: BackEndOutcome[]): RecoveryTarget[] {
  const out: RecoveryTarget[] = [];
  if (reg.failovers.length) {
    const p = RECOVERY.poolFailover;
    out.push({
      kind: 'poolFailover',
      rtoMinutes: [p.rtoMinutes[0], p.rtoMinutes[1]],
      rpoMinutes: p.rpoMinutes,
      appliesTo: reg.failovers.map((f) => f.pool),
      doc: p.doc,
    });
  }
  if (cms?.how === 'failover') {
    const c = RECOVERY.cmsFailover;
    out.push({
      kind: 'cmsFailover',
      rtoMinutes: [c.rtoMinutes, c.rtoMinutes],
      rpoMinutes: c.rpoMinutes,
      appliesTo: [cms.from],
      doc: c.doc,
    });
  }
  const mirrors = backEnds.filter((b) => b.status === 'mirrorAutomatic');
  if (mirrors.length) {
    const m = RECOVERY.backEndMirrorFailover;
    out.push({
      kind: 'backEndMirrorFailover',
      rtoMinutes: [m.rtoMinutes, m.rtoMinutes],
      rpoMinutes: m.rpoMinutes,
      appliesTo: mirrors.map((b) => b.store),
      doc: m.doc,
    });
  }
  return out;
}

/** The headline RTO/RPO (the first target that applies: pool failover, then CMS, then Back End), with where it may not hold. */
function headlineTargets(
  ctx: SimContext,
  reg: RegistrarResult,
  recovery: RecoveryTarget[],
): { rto: Rto | null; rpo: Rpo | null } {
  const first = recovery[0];
  if (!first) return { rto: null, rpo: null };
  const caveats: string[] = [];
  if (first.kind === 'poolFailover') {
    const basis = RECOVERY.measurementBasis;
    for (const f of reg.failovers) {
      const load = reg.pools.find((p) => p.id === f.to)?.users ?? 0;
      if (load > basis.concurrentUsers)
        caveats.push(
          `${label(ctx.node(f.to), f.to)} would carry ${count(load)} users, more than the ${count(basis.concurrentUsers)} concurrently active users (${count(basis.enabledUsers)} enabled) the pool failover targets were measured with; if more than that are active at once, the targets may not hold`,
        );
      const a = ctx.node(f.pool);
      const b = ctx.node(f.to);
      const ra = a && ctx.region(a.siteId);
      const rb = b && ctx.region(b.siteId);
      if (ra !== undefined && rb !== undefined && ra !== rb)
        caveats.push(
          `${label(a, f.pool)} and ${label(b, f.to)} are in different world regions (${cleanName(ra)}, ${cleanName(rb)}); the targets assume one region with fast, low-latency links, and replication lag can lose more data`,
        );
    }
  }
  const describe = recovery
    .map((r) => {
      const rto = r.rtoMinutes[0] === r.rtoMinutes[1] ? `${r.rtoMinutes[0]}` : `${r.rtoMinutes[0]}–${r.rtoMinutes[1]}`;
      switch (r.kind) {
        case 'poolFailover':
          return `pool failover RTO ${rto} minutes from the decision to fail over (not counting the assessment or users signing in again), RPO ${r.rpoMinutes} minutes (Backup Service replication lag)`;
        case 'cmsFailover':
          return `CMS failover RTO ${rto} minutes, RPO ${r.rpoMinutes} minutes`;
        case 'backEndMirrorFailover':
          return `automatic Back End mirror failover RTO ${rto} minutes, RPO ${r.rpoMinutes} minutes`;
        default:
          return assertNever(r.kind);
      }
    })
    .join('; ');
  ctx.plan.note(PRIORITY.recoveryTargets, `Recovery targets: ${describe}.`);
  for (const c of caveats) ctx.plan.note(PRIORITY.recoveryTargets, `Caution: ${c} (NUM-MEASUREMENT-BASIS).`);
  return {
    rto: { minutes: [first.rtoMinutes[0], first.rtoMinutes[1]], kind: first.kind, caveats, doc: first.doc },
    rpo: { minutes: first.rpoMinutes, kind: first.kind, doc: first.doc },
  };
}

/** A `{ poolId }` failure of an Enterprise pool: when the pool stops, and what a restart needs. */
function analyseQuorum(ctx: SimContext, poolId: string): QuorumOutcome | null {
  const pool = ctx.node(poolId);
  if (pool?.kind !== 'frontEndPool') return null;
  const n = pool.frontEndServers;
  const q = feQuorum(n, pool.productVersion);
  if (!q) {
    ctx.plan.note(PRIORITY.quorum, `${label(pool)} has a single Front End server, so it is down whenever that server is.`);
    return null;
  }
  const { count: keep, ofFirst } = q.poolLevel;
  const which = ofFirst
    ? `${keep} of the first ${ofFirst} servers in topology order (Get-CsComputer -PoolFqdn ${pool.fqdn}) run, so losing ${ofFirst - keep + 1} of those first servers`
    : `${keep} of its ${n} servers run, so losing ${n - keep + 1} of them`;
  const restart =
    q.firstStart !== undefined
      ? `To start it again, start at least ${q.firstStart} of its ${n} servers (about ${START_SHARE_PERCENT}%); if that many cannot run but pool-level quorum holds, recover with Reset-CsPoolRegistrarState -PoolFqdn ${pool.fqdn} -ResetType QuorumLossRecovery.`
      : `No start-up figure is published for a pool of ${n} servers; start about ${START_SHARE_PERCENT}% of them, or recover with Reset-CsPoolRegistrarState -PoolFqdn ${pool.fqdn} -ResetType QuorumLossRecovery.`;
  ctx.plan.note(
    PRIORITY.quorum,
    `Front End quorum: ${label(pool)} stops all services once fewer than ${which} takes the whole pool down, as simulated here (pool-level quorum, assuming its Back End is up). ${restart}`,
  );
  ctx.plan.step(PRIORITY.failback, {
    title: `Start ${label(pool)} again before failing its users back`,
    tool: 'Shell',
    commands: [
      `Get-CsComputer -PoolFqdn ${pool.fqdn}   (the first servers, in topology order)`,
      q.firstStart !== undefined
        ? `Start at least ${q.firstStart} of the ${n} Front End servers`
        : `Start about ${START_SHARE_PERCENT}% of the ${n} Front End servers`,
      `Reset-CsPoolRegistrarState -PoolFqdn ${pool.fqdn} -ResetType QuorumLossRecovery   (only if that many cannot run but pool-level quorum holds)`,
    ],
    docs: [DOCS.quorum],
    nodeIds: [pool.id],
  });
  return {
    pool: pool.id,
    frontEndServers: n,
    poolLevel: { count: q.poolLevel.count, ofFirst: q.poolLevel.ofFirst ?? null },
    restart: q.firstStart ?? null,
  };
}

function summarize(ctx: SimContext, reg: RegistrarResult): void {
  const { ix } = ctx;
  const site = ctx.failedSite !== undefined ? ix.site(ctx.failedSite) : undefined;
  const what = site
    ? `site ${label(site)}`
    : label(ctx.failedPool !== undefined ? ix.node(ctx.failedPool) : undefined, ctx.failedPool);
  const moved = reg.users.moved;
  const parts = [
    reg.failovers.length
      ? `${plural(reg.failovers.length, 'pool')} fail${reg.failovers.length === 1 ? 's' : ''} over to ${listing([...new Set(reg.failovers.map((f) => f.to))].map((id) => label(ix.node(id), id)))} (${plural(moved, 'user')} move)`
      : moved
        ? `${plural(moved, 'user')} move`
        : 'no users move',
    `${plural(reg.users.withoutService, 'user')} without full service`,
    `${plural(reg.users.staying, 'user')} unaffected`,
  ];
  const over = reg.pools.filter((p) => p.overCapacity).map((p) => label(ix.node(p.id), p.id));
  if (over.length) parts.push(`over capacity: ${listing(over)}`);
  ctx.plan.note(PRIORITY.summary, `Losing ${what} takes down ${plural(ctx.lost.size, 'server role')}: ${parts.join('; ')}.`);
}
