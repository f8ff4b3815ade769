/**
 * SQL stores, file stores, Office Online Server farms and Mediation that surviving
 * pools depend on. A Back End is normally in its pool's site and goes down with it;
 * the unusual case is a surviving pool whose Back End (or its AG replica, mirror or
 * witness) sat in the lost site.
 *
 * Sources: back-end-server.md (mirror failover with and without witness),
 * Invoke-CsDatabaseFailover, restoring-conference-contents-using-the-backup-service.md,
 * office-web-app-server.md, enterprise-voice-resiliency.md.
 */
import { assertNever } from '../lib/result';
import { RECOVERY } from '../model/reference-numbers';
import type { NodeOfKind, SqlStore, StoreRole, TopologyNode } from '../model/schema';
import { isRegistrar } from '../model/topology-index';
import type { SimContext } from './context';
import { DOCS, PRIORITY } from './plan';
import { label, listing } from './text';
import type { BackEndOutcome, BackEndStatus } from './types';

const FORCED_AG_FAILOVER_DOC =
  'sql-docs:docs/database-engine/availability-groups/windows/perform-a-forced-manual-failover-of-an-availability-group-sql-server.md';

interface StoreState {
  status: BackEndStatus;
  to: string | null;
  automatic: boolean;
  /** What was lost, for the note. */
  detail: string;
}

/** How a store fares; undefined when the failure does not touch it. */
export function storeState(ctx: SimContext, s: SqlStore): StoreState | undefined {
  const { ix } = ctx;
  const nodeLost = ctx.isLost(s.id);
  if (s.haMode === 'alwaysOnAg' && s.ag && s.ag.replicas.length > 0) {
    const lostReplicas = s.ag.replicas.filter((r) => ctx.siteLost(r.siteId));
    const alive = s.ag.replicas.filter((r) => !ctx.siteLost(r.siteId));
    if (!nodeLost && lostReplicas.length === 0) return undefined;
    if (alive.length === 0)
      return { status: 'lost', to: null, automatic: false, detail: 'every replica of its availability group' };
    if (!nodeLost)
      return {
        status: 'reducedRedundancy',
        to: null,
        automatic: false,
        detail: `AG replica${lostReplicas.length > 1 ? 's' : ''} ${listing(lostReplicas.map((r) => r.fqdn))}`,
      };
    const auto = alive.find((r) => r.commitMode === 'synchronous' && r.failoverMode === 'automatic');
    // Automatic failover also needs the Windows cluster to keep quorum: approximated as a majority of replicas surviving.
    const majority = alive.length * 2 > s.ag.replicas.length;
    const target = auto ?? alive[0]!;
    return {
      status: 'agFailover',
      to: target.fqdn,
      automatic: auto !== undefined && majority,
      detail: `the primary side of its availability group${lostReplicas.length ? ` (${listing(lostReplicas.map((r) => r.fqdn))})` : ''}`,
    };
  }
  if (ix.mirrored(s)) {
    const mirror = ix.mirrorOf(s.id);
    const witness = ix.witnessOf(s.id);
    const link = ix.out(s.id, 'mirror')[0];
    if (nodeLost) {
      if (mirror && !ctx.isLost(mirror.id)) {
        const auto = witness !== undefined && !ctx.isLost(witness.id) && link?.synchronous !== false;
        return { status: auto ? 'mirrorAutomatic' : 'mirrorManual', to: mirror.id, automatic: auto, detail: 'its principal' };
      }
      return {
        status: 'lost',
        to: null,
        automatic: false,
        detail: mirror ? 'its principal and its mirror' : 'its principal (no mirror is drawn)',
      };
    }
    const lostParts = [
      mirror && ctx.isLost(mirror.id) ? `its mirror ${mirror.id}` : '',
      witness && ctx.isLost(witness.id) ? `its witness ${witness.id}` : '',
    ].filter(Boolean);
    if (!lostParts.length) return undefined;
    return { status: 'reducedRedundancy', to: null, automatic: false, detail: listing(lostParts) };
  }
  return nodeLost ? { status: 'lost', to: null, automatic: false, detail: 'the store' } : undefined;
}

export function analyseStores(ctx: SimContext, cmsTarget: string | null): BackEndOutcome[] {
  const { ix } = ctx;
  const out: BackEndOutcome[] = [];
  for (const pool of ix.ofKind('frontEndPool')) {
    if (ctx.isLost(pool.id)) continue;
    const be = ix.backEnd(pool.id);
    if (!be) continue;
    const st = storeState(ctx, be);
    if (!st) continue;
    out.push({ store: be.id, pools: [pool.id], role: 'backEnd', status: st.status, to: st.to, automatic: st.automatic });
    describeBackEnd(ctx, pool, be, st, pool.id === cmsTarget);
  }
  const roles = new Map<string, { store: SqlStore; role: StoreRole; pools: TopologyNode[] }>();
  for (const l of ix.linksOfKind('store')) {
    const from = ix.node(l.from);
    const store = ix.node(l.to);
    if (!from || ctx.isLost(from.id) || store?.kind !== 'sqlStore' || from.kind === 'persistentChatPool') continue;
    const key = `${store.id}\u0000${l.role}`;
    const entry = roles.get(key) ?? { store, role: l.role, pools: [] };
    if (!entry.pools.includes(from)) entry.pools.push(from);
    roles.set(key, entry);
  }
  for (const { store, role, pools } of roles.values()) {
    const st = storeState(ctx, store);
    if (!st) continue;
    out.push({ store: store.id, pools: pools.map((p) => p.id), role, status: st.status, to: st.to, automatic: st.automatic });
    describeRoleStore(ctx, store, role, pools, st);
  }
  return out;
}

function describeBackEnd(ctx: SimContext, pool: NodeOfKind<'frontEndPool'>, be: SqlStore, st: StoreState, forCms: boolean): void {
  const { plan } = ctx;
  const priority = forCms ? PRIORITY.backEndOfCmsTarget : PRIORITY.backEnd;
  const who = `Back End ${label(be)} of surviving pool ${pool.id}`;
  switch (st.status) {
    case 'mirrorAutomatic':
      plan.note(
        priority,
        `${who} lost ${st.detail}, but its mirror ${st.to} and witness survive: SQL Server fails over by itself (RTO ${RECOVERY.backEndMirrorFailover.rtoMinutes} minutes, RPO ${RECOVERY.backEndMirrorFailover.rpoMinutes} minutes).`,
      );
      break;
    case 'mirrorManual': {
      plan.note(
        priority,
        `${who} lost ${st.detail}; its mirror ${st.to} survives without a witness, so fail over by cmdlet. Users keep working about ${RECOVERY.mirrorNoWitnessGraceMinutes} minutes before Resiliency mode.`,
      );
      const types = ['User', 'Application', ...(ctx.ix.doc.deployment.cmsHost === pool.id ? ['CentralMgmt'] : [])];
      plan.step(priority, {
        title: `Fail the Back End of ${pool.id} over to its mirror ${st.to}`,
        tool: 'Shell',
        commands: [
          `Get-CsDatabaseMirrorState -PoolFqdn ${pool.fqdn}`,
          ...types.map((t) => `Invoke-CsDatabaseFailover -PoolFqdn ${pool.fqdn} -DatabaseType ${t} -NewPrincipal Mirror -Force`),
        ],
        docs: [DOCS.databaseFailoverCmdlet, DOCS.backEnd],
        nodeIds: [pool.id, be.id],
      });
      break;
    }
    case 'agFailover':
      if (st.automatic)
        plan.note(
          priority,
          `${who} lost ${st.detail}; replica ${st.to} in a surviving site takes over automatically (synchronous commit with automatic failover, as long as the Windows cluster keeps quorum — inferred). No RTO is published for availability groups.`,
        );
      else {
        plan.note(
          priority,
          `${who} lost ${st.detail}; replica ${st.to} survives but cannot take over by itself (asynchronous or manual failover, or the cluster lost its majority): force the availability group over to it in SQL Server, accepting possible data loss.`,
        );
        plan.step(priority, {
          title: `Force the availability group of ${be.id} over to ${st.to}`,
          tool: 'SQL',
          commands: [
            `On ${st.to}: force quorum on the surviving cluster nodes if needed, then ALTER AVAILABILITY GROUP [<availability group>] FORCE_FAILOVER_ALLOW_DATA_LOSS;`,
          ],
          docs: [FORCED_AG_FAILOVER_DOC],
          nodeIds: [pool.id, be.id],
        });
      }
      break;
    case 'reducedRedundancy':
      plan.note(priority, `${who} keeps running but lost ${st.detail}: it has no automatic failover until they are rebuilt.`);
      break;
    case 'lost': {
      const partner = ctx.survivingPartners(pool.id)[0];
      plan.note(
        priority,
        `${who} is lost (${st.detail}) with no copy in a surviving site: the pool cannot serve its users properly (Resiliency mode) until the Back End is restored${partner ? `; treating ${pool.id} as failed and failing it over to ${partner.id} is the way to keep its users served (inferred)` : ''}.${
          pool.kind === 'frontEndPool' && pool.frontEndServers === 2
            ? ' A two-server pool whose Back End is down is likely to go down itself soon.'
            : ''
        } Keep a Back End in its pool's own site (BE-LOCAL-TO-POOL).`,
      );
      break;
    }
    default:
      assertNever(st.status);
  }
}

function describeRoleStore(ctx: SimContext, store: SqlStore, role: StoreRole, pools: TopologyNode[], st: StoreState): void {
  const users = listing(pools.map((p) => p.id));
  const what: Record<StoreRole, string> = {
    monitoring: `call detail records and QoE data of ${users} are not collected`,
    archiving: `IM and conference content of users on ${users} is not archived`,
    persistentChat: `Persistent Chat data used by ${users} is unavailable`,
    persistentChatCompliance: `Persistent Chat compliance data of ${users} is not recorded`,
  };
  const kind = ROLE_WORDS[role];
  if (st.status === 'lost')
    ctx.plan.note(
      PRIORITY.otherStores,
      `The ${kind} store ${label(store)} is lost: ${what[role]} until it is restored or they are pointed at another ${kind} store (inferred).`,
    );
  else if (st.status === 'reducedRedundancy')
    ctx.plan.note(PRIORITY.otherStores, `The ${kind} store ${label(store)} keeps running but lost ${st.detail}.`);
  else
    ctx.plan.note(
      PRIORITY.otherStores,
      `The ${kind} store ${label(store)} lost ${st.detail}; ${st.to} takes over${st.automatic ? ' automatically' : ' once failed over'}.`,
    );
}

const ROLE_WORDS: Record<StoreRole, string> = {
  monitoring: 'Monitoring',
  archiving: 'Archiving',
  persistentChat: 'Persistent Chat',
  persistentChatCompliance: 'Persistent Chat compliance',
};

/** File stores lost while surviving pools, Directors or Persistent Chat pools still use them. */
export function analyseFileStores(ctx: SimContext): { fileStore: string; usedBy: string[] }[] {
  const { ix } = ctx;
  const out: { fileStore: string; usedBy: string[] }[] = [];
  for (const f of ix.ofKind('fileStore')) {
    if (!ctx.isLost(f.id)) continue;
    const usedBy = [...new Set(ix.in(f.id, 'fileStore').map((l) => l.from))].filter((id) => !ctx.isLost(id));
    if (!usedBy.length) continue;
    out.push({ fileStore: f.id, usedBy });
    ctx.plan.note(
      PRIORITY.fileStore,
      `File store ${label(f)} is lost while ${listing(usedBy)} still use${usedBy.length === 1 ? 's' : ''} it: meeting content (PowerPoint uploads, handouts, whiteboards) and the files the services keep there are unavailable. Point ${usedBy.length === 1 ? 'it' : 'them'} at a surviving file store in Topology Builder and publish, then restore conference content from each pool's partner with the Backup Service.`,
    );
    for (const id of usedBy) {
      const n = ix.node(id);
      if (!isRegistrar(n)) continue;
      const partner = ctx.survivingPartners(id)[0];
      if (!partner) continue;
      ctx.plan.step(PRIORITY.fileStore, {
        title: `Restore conference content of ${id} from its partner ${partner.id}`,
        tool: 'Shell',
        commands: [
          `Invoke-CsBackupServiceSync -PoolFqdn ${partner.fqdn} -BackupModule ConfServices.DataConf`,
          `Get-CsBackupServiceStatus -PoolFqdn ${partner.fqdn}`,
        ],
        docs: [DOCS.conferenceContent, DOCS.backupService],
        nodeIds: [id, partner.id, f.id],
      });
    }
  }
  return out;
}

/** Surviving registrar pools whose Office Online Server farm is lost. */
export function analyseOfficeOnline(ctx: SimContext): { pool: string; from: string; to: string | null }[] {
  const { ix } = ctx;
  const survivingFarms = ix.ofKind('officeOnlineServer').filter((o) => !ctx.isLost(o.id));
  const out: { pool: string; from: string; to: string | null }[] = [];
  for (const pool of ix.registrars()) {
    if (ctx.isLost(pool.id)) continue;
    for (const l of ix.out(pool.id, 'officeOnline')) {
      const farm = ix.node(l.to);
      if (!farm || !ctx.isLost(farm.id)) continue;
      const to = ctx.rank(survivingFarms, pool.siteId)[0];
      out.push({ pool: pool.id, from: farm.id, to: to?.id ?? null });
      ctx.plan.note(
        PRIORITY.officeOnline,
        `${label(pool)} loses its Office Online Server farm ${label(farm)}: PowerPoint presentations in its meetings fail ${to ? `until it is associated with ${label(to)}` : 'until a farm is rebuilt (no farm survives)'}.`,
      );
      if (to)
        ctx.plan.step(PRIORITY.officeOnline, {
          title: `Associate ${pool.id} with Office Online Server ${to.id}`,
          tool: 'TB',
          commands: [
            `Topology Builder: ${pool.fqdn} → Edit Properties → General → Associate Office Web Apps Server = ${to.fqdn} → OK`,
            'Topology Builder: Action → Publish Topology',
          ],
          docs: [DOCS.officeOnline],
          nodeIds: [pool.id, farm.id, to.id],
        });
    }
  }
  return out;
}

/** Mediation capacity lost with the failure: stand-alone pools and Mediation collocated on lost pools. */
export function analyseMediation(ctx: SimContext): string[] {
  const { ix } = ctx;
  const pools = ix.ofKind('mediationPool').filter((m) => ctx.isLost(m.id));
  const collocated = ix.registrars().filter((p) => ctx.isLost(p.id) && p.mediationCollocated);
  const all = [
    ...pools.map((m) => `Mediation pool ${m.id}`),
    ...collocated.map((p) => `the Mediation role collocated on ${p.id}`),
  ];
  // A design with SIP trunks gets the trunk by trunk account instead (voice.ts).
  if (all.length && ix.linksOfKind('trunk').length === 0)
    ctx.plan.note(
      PRIORITY.voice,
      `PSTN calls through ${listing(all)}, lost with the failure, stop: outbound calls continue only over failover routes whose gateway is in another site, and inbound calls only if the telephony provider can route them to a backup site.`,
    );
  return pools.map((m) => m.id);
}
