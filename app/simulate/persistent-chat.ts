/**
 * Persistent Chat (2015): a stretched pool keeps standby servers in the other data
 * center, which become active; the database fails over to its mirror, or to the
 * log-shipping secondary in the other data center (manage/persistent-chat/
 * high-availability-and-disaster-recovery.md). A pool with every
 * server in the lost site has no DR.
 */
import { REF } from '../model/reference-numbers';
import type { NodeOfKind, SqlStore } from '../model/schema';
import { isRegistrar, type RegistrarPool } from '../model/topology-index';
import type { SimContext } from './context';
import { DOCS, PRIORITY } from './plan';
import { label, plural, psQuote } from './text';
import type { PersistentChatOutcome } from './types';

type PersistentChatPool = NodeOfKind<'persistentChatPool'>;

export function analysePersistentChat(ctx: SimContext): PersistentChatOutcome[] {
  const out: PersistentChatOutcome[] = [];
  for (const c of ctx.ix.ofKind('persistentChatPool')) {
    const o = analyseOne(ctx, c);
    if (o) out.push(o);
  }
  return out;
}

function analyseOne(ctx: SimContext, c: PersistentChatPool): PersistentChatOutcome | undefined {
  const { ix, plan } = ctx;
  const whole = ctx.isLost(c.id);
  const lostServers = whole ? c.servers : c.servers.filter((s) => ctx.siteLost(s.siteId));
  const aliveServers = whole ? [] : c.servers.filter((s) => !ctx.siteLost(s.siteId));
  const primary = ix.stores(c.id, 'persistentChat')[0];
  const primaryLost = primary !== undefined && ctx.isLost(primary.id);
  const hop = ix
    .out(c.id, 'nextHop')
    .map((l) => ix.node(l.to))
    .find(isRegistrar);
  const hopLost = hop !== undefined && ctx.isLost(hop.id);
  if (!whole && lostServers.length === 0 && !primaryLost && !hopLost) return undefined;

  const identity = psQuote(`PersistentChatServer:${c.fqdn}`);
  const activeLost = lostServers.filter((s) => s.active).length;
  if (whole) {
    plan.note(
      PRIORITY.persistentChat,
      `Persistent Chat pool ${label(c)} is lost with all its servers: Persistent Chat is down until the pool is rebuilt. A pool stretched over two data centers (standby servers in the other one) would have survived a site loss.`,
    );
    return {
      pool: c.id,
      status: 'lost',
      serversLost: lostServers.length,
      activeLost,
      standbyToActivate: 0,
      database: primaryLost ? 'lost' : 'ok',
      databaseTo: null,
      nextHop: null,
    };
  }

  const aliveActive = aliveServers.filter((s) => s.active);
  const aliveStandby = aliveServers.filter((s) => !s.active);
  const standbyToActivate = Math.min(aliveStandby.length, activeLost, Math.max(0, REF.pcServers.active - aliveActive.length));

  const db = primaryLost && primary ? databaseFailover(ctx, primary) : { database: 'ok' as const, to: null };
  let nextHop: PersistentChatOutcome['nextHop'] = null;
  if (hop && hopLost) {
    const to = ctx.survivingPartners(hop.id)[0] ?? rankRegistrars(ctx, c);
    nextHop = { from: hop.id, to: to?.id ?? null };
  }

  const running = aliveActive.length + standbyToActivate > 0;
  const status: PersistentChatOutcome['status'] =
    !running || db.database === 'lost' ? 'lost' : standbyToActivate > 0 || db.database !== 'ok' ? 'standbyTakesOver' : 'degraded';

  if (lostServers.length)
    plan.note(
      PRIORITY.persistentChat,
      `Persistent Chat pool ${label(c)} loses ${plural(lostServers.length, 'server')} (${activeLost} active)${
        standbyToActivate
          ? `: make ${plural(standbyToActivate, 'standby server')} in the surviving data center active (Set-CsPersistentChatActiveServer)`
          : running
            ? '; its remaining active servers carry on'
            : ': no server is left to run it'
      }.`,
    );
  if (db.database === 'mirrorFailover') {
    plan.note(
      PRIORITY.persistentChat,
      `The Persistent Chat database ${primary!.id} is lost; fail it over to its mirror ${db.to} (Invoke-CsDatabaseFailover -DatabaseType PersistentChat).`,
    );
    plan.step(PRIORITY.persistentChat, {
      title: `Fail the Persistent Chat database of ${c.id} over to its mirror ${db.to}`,
      tool: 'Shell',
      commands: [`Invoke-CsDatabaseFailover -PoolFqdn ${c.fqdn} -DatabaseType PersistentChat -NewPrincipal Mirror -Force`],
      docs: [DOCS.databaseFailoverCmdlet],
      nodeIds: [c.id, primary!.id],
    });
  } else if (db.database === 'logShippingFailover') {
    const backup = ix.node(db.to!) as SqlStore;
    const backupMirror = ix.mirrorOf(backup.id);
    plan.note(
      PRIORITY.persistentChat,
      `The Persistent Chat database ${primary!.id} is lost: bring up the log-shipping secondary ${label(backup)} (apply the remaining log backups, restore with recovery), set the pool to FailedOver, mirror the new primary and activate servers near it.${c.compliance ? ' The compliance database (mgccomp) is not failed over; handle the compliance adapter output so nothing is lost.' : ''}`,
    );
    plan.step(PRIORITY.persistentChat, {
      title: `Bring up the Persistent Chat log-shipping secondary ${backup.id}`,
      tool: 'SQL',
      commands: [
        `On ${backup.fqdn} (master database): exec sp_delete_log_shipping_secondary_database mgc`,
        'Copy the log backups not yet copied from the backup share to the copy destination, and apply every remaining transaction-log backup to mgc in order',
        'End the connections to mgc (exec sp_who2, kill <spid>), then: restore database mgc with recovery',
      ],
      docs: [DOCS.pchatManage],
      nodeIds: [c.id, primary!.id, backup.id],
    });
    plan.step(PRIORITY.persistentChat, {
      title: `Fail Persistent Chat ${c.id} over to ${backup.id}`,
      tool: 'Shell',
      commands: [
        `Set-CsPersistentChatState -Identity ${identity} -PoolState FailedOver`,
        backupMirror
          ? `Install-CsMirrorDatabase …   (mirror the new primary ${backup.fqdn} onto ${backupMirror.fqdn}, not onto the lost mirror)`
          : 'Install-CsMirrorDatabase …   (mirror the new primary onto a mirror instance in its data center, if one exists)',
        `Set-CsPersistentChatActiveServer -Identity ${identity} -ActiveServers @{Add='<server FQDN in the surviving data center>'; Remove='<lost server FQDN>'}`,
      ],
      docs: [DOCS.pchatManage, DOCS.pchatState, DOCS.pchatActive],
      nodeIds: [c.id, primary!.id, backup.id],
    });
  } else if (db.database === 'lost') {
    plan.note(
      PRIORITY.persistentChat,
      `The Persistent Chat database ${primary!.id} is lost with no mirror or log-shipping secondary in a surviving site: Persistent Chat is down until the database is restored from backup.`,
    );
  }
  if (standbyToActivate > 0 && db.database !== 'logShippingFailover')
    plan.step(PRIORITY.persistentChat, {
      title: `Make ${plural(standbyToActivate, 'standby Persistent Chat server')} of ${c.id} active`,
      tool: 'Shell',
      commands: [
        `Set-CsPersistentChatActiveServer -Identity ${identity} -ActiveServers @{Add='<standby server FQDN in the surviving data center>'; Remove='<lost server FQDN>'}`,
      ],
      docs: [DOCS.pchatManage, DOCS.pchatActive],
      nodeIds: [c.id],
    });
  if (nextHop) {
    const to = nextHop.to ? ix.node(nextHop.to) : undefined;
    plan.note(
      PRIORITY.persistentChat,
      `Persistent Chat pool ${label(c)} has the lost ${nextHop.from} as next hop: ${to ? `change its Next Hop Pool to ${label(to)} in Topology Builder and publish (inferred)` : 'no 2015 registrar pool survives to replace it'}.`,
    );
    if (to && 'fqdn' in to)
      plan.step(PRIORITY.persistentChat, {
        title: `Point Persistent Chat pool ${c.id} at next hop ${to.id}`,
        tool: 'TB',
        commands: [
          `Topology Builder: Persistent Chat pools → ${c.fqdn} → Edit Properties → Next Hop Pool = ${to.fqdn} → OK`,
          'Topology Builder: Action → Topology → Publish',
        ],
        docs: [DOCS.pchatNextHop],
        nodeIds: [c.id, nextHop.from, to.id],
      });
  }
  return {
    pool: c.id,
    status,
    serversLost: lostServers.length,
    activeLost,
    standbyToActivate,
    database: db.database,
    databaseTo: db.to,
    nextHop,
  };
}

function databaseFailover(
  ctx: SimContext,
  primary: SqlStore,
): { database: 'mirrorFailover' | 'logShippingFailover' | 'lost'; to: string | null } {
  const { ix } = ctx;
  const mirror = ix.mirrorOf(primary.id);
  if (mirror && !ctx.isLost(mirror.id)) return { database: 'mirrorFailover', to: mirror.id };
  const sources = [primary.id, ...(mirror ? [mirror.id] : [])];
  for (const s of sources)
    for (const l of ix.out(s, 'logShipping')) {
      const b = ix.node(l.to);
      if (b?.kind === 'sqlStore' && !ctx.isLost(b.id)) return { database: 'logShippingFailover', to: b.id };
    }
  return { database: 'lost', to: null };
}

/** A surviving 2015 registrar pool near the Persistent Chat pool (Persistent Chat exists only in 2015). */
function rankRegistrars(ctx: SimContext, c: PersistentChatPool): RegistrarPool | undefined {
  const alive = ctx.ix.registrars().filter((p) => !ctx.isLost(p.id) && p.productVersion === '2015');
  const site = c.servers.find((s) => !ctx.siteLost(s.siteId) && s.active)?.siteId ?? c.siteId;
  return ctx.rank(alive, site)[0];
}
