/** FE rules (docs/rules.md): Front End pools and Standard Edition servers. */
import { feFor, feQuorum, REF, type Quorum } from '../model/reference-numbers';
import { host, lowerCase, type RegistrarPool, type TopologyIndex } from '../model/topology-index';
import type { FrontEndPool, SqlStore, TopologyNode } from '../model/schema';
import { catalogueMessage, defineRule } from './define-rule';
import { nodesByHost } from './rule-helpers';
import { kinded, kindedNames, label, LONG_LIST, names, num, plural, series, STORE_ROLE_LABEL } from './rule-text';
import type { Hit, Rule } from './types';
import { fam2019, productVersionLabel } from '../model/product-versions';

/**
 * FE-LARGE-MEETING-DEDICATED: the docs say a large-meeting pool homes no regular users
 * but give no number; 50 is the catalogue's threshold for "a few organiser accounts".
 */
const LARGE_MEETING_POOL_MAX_ACCOUNTS = 50;

// ---------------------------------------------------------------- FE helpers

/** FE-USERS-PER-SERVER: more users than the servers are sized for. */
const overSized = (ix: TopologyIndex, p: FrontEndPool): boolean => ix.registrarUsers(p) > REF.usersPerFe * p.frontEndServers;

/** The branch part of `registrarUsers(p)`, said in words ("" when no branch counts). */
function branchClause(ix: TopologyIndex, p: FrontEndPool): string {
  const branches = ix.branchesBackedBy(p.id);
  if (branches.length === 0) return '';
  const users = branches.reduce((sum, b) => sum + b.users, 0);
  return `, including ${plural(users, 'user')} of ${plural(branches.length, 'branch appliance')} (${names(branches, LONG_LIST)}) that use it as backup registrar`;
}

function quorumWords(q: Quorum): string {
  const { count, ofFirst } = q.poolLevel;
  if (ofFirst === undefined) return count === 1 ? '1 running server' : `any ${count} of its servers running`;
  return `any ${count} of the first ${ofFirst} servers (in topology order, as Get-CsComputer -PoolFqdn lists them) running`;
}

// ---------------------------------------------------------------- messages worded when read
// The info rules below fire for most pools of a large design; their text is built only
// when a finding is read (Hit.message), from the values captured here.

const quorumMessage = (p: FrontEndPool, n: number) => (): string => {
  const q = feQuorum(n, p.productVersion)!;
  const start =
    q.firstStart === undefined
      ? `an unpublished number (Microsoft gives no figure for ${n} servers; about 85%)`
      : `${num(q.firstStart)}`;
  return `To start ${label(p)} the first time, ${start} of its ${num(n)} servers must run, and to keep running it needs ${quorumWords(q)}; below that the remaining servers stop their services.`;
};

const tieBreakerMessage = (p: FrontEndPool, be: SqlStore) => (): string =>
  `${label(p)} has ${num(p.frontEndServers)} Front End servers, an even number, so the primary Back End database (${label(be)}) also acts as a tie-breaker for the pool: failing the Back End over while too few Front Ends run can take the pool down.`;

const firstMoveMessage = (p: FrontEndPool, users: number) => (): string =>
  `${label(p)} is a new pool for ${plural(users, 'user')}: at least three Front End servers should be running when users are first moved into it.`;

/** Whether one of `from`'s trunks ends on a gateway peer (PSTN gateway, SBC, IP-PBX, …). */
const trunksToPeer = (ix: TopologyIndex, from: string): boolean =>
  ix.out(from, 'trunk').some((l) => ix.node(l.to)?.kind === 'gatewayPeer');

/** FE-EV-NEEDS-MEDIATION: Mediation collocated on `p` with a trunk, or a Mediation pool of its site with one. */
function reachesPeerThroughMediation(ix: TopologyIndex, p: RegistrarPool): boolean {
  if (p.mediationCollocated && trunksToPeer(ix, p.id)) return true;
  return ix.nodesInSite(p.siteId).some((m) => m.kind === 'mediationPool' && trunksToPeer(ix, m.id));
}

export const FE_RULES: readonly Rule[] = [
  // ---------------------------------------------------------------- tier 1
  defineRule('FE-MIN-THREE', 'Fewer than three Front End servers', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.frontEndServers >= REF.minFeRecommended) continue;
      if (fam2019(p.productVersion) && p.frontEndServers === 2) continue; // FE-2019-NOT-TWO
      if (p.largeMeetingPool === true) continue; // FE-LARGE-MEETING-POOL
      hits.push({
        nodeIds: [p.id],
        message: `${label(p)} is an Enterprise pool with ${plural(p.frontEndServers, 'Front End server')}, fewer than three; each user's data is kept on three servers, so three or more are recommended for every pool.`,
      });
    }
    return hits;
  }),

  defineRule('FE-2019-NOT-TWO', 'Two-server pool on 2019 or Subscription Edition', (ix) =>
    ix
      .ofKind('frontEndPool')
      .filter((p) => fam2019(p.productVersion) && p.frontEndServers === 2)
      .map((p) => ({
        nodeIds: [p.id],
        message: `${label(p)} has exactly two Front End servers: Topology Builder for ${productVersionLabel(p.productVersion)} will not publish an Enterprise pool with exactly two Front End servers.`,
      })),
  ),

  defineRule('FE-MAX-SERVERS', 'Too many Front End servers', (ix) =>
    ix
      .ofKind('frontEndPool')
      .filter((p) => p.frontEndServers > REF.maxFe[p.productVersion])
      .map((p) => ({
        nodeIds: [p.id],
        message: `${label(p)} has ${num(p.frontEndServers)} Front End servers, more than ${productVersionLabel(p.productVersion)} allows in one pool (${REF.maxFe[p.productVersion]}; 12 on 2015, 16 on 2019).`,
        fix: `Split the users over more pools of at most ${REF.maxFe[p.productVersion]} Front End servers.`,
      })),
  ),

  defineRule('FE-MAX-USERS', 'More users than one pool supports', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const users = ix.registrarUsers(p);
      const max = REF.maxPoolUsers[p.productVersion];
      if (users <= max) continue;
      hits.push({
        nodeIds: [p.id, ...ix.branchesBackedBy(p.id).map((b) => b.id)],
        message: `${label(p)} homes more users than one pool supports (${num(users)} against a maximum of ${num(max)} on ${productVersionLabel(p.productVersion)}${branchClause(ix, p)}).`,
      });
    }
    return hits;
  }),

  defineRule('FE-USERS-PER-SERVER', 'Too few Front End servers for the users', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (!overSized(ix, p)) continue;
      const users = ix.registrarUsers(p);
      const need = feFor(users);
      hits.push({
        nodeIds: [p.id],
        message: `${label(p)} has ${plural(p.frontEndServers, 'Front End server')} for ${num(users)} users${branchClause(ix, p)}, more than its servers are sized for (${num(REF.usersPerFe)} users per server, so ${num(need)} are needed).`,
        fix:
          need > REF.maxFe[p.productVersion]
            ? `Add Front End servers: ${num(need)} are needed, more than the ${REF.maxFe[p.productVersion]} a ${p.productVersion} pool allows, so also move users to another pool.`
            : `Add Front End servers: ${num(need)} are needed for ${num(users)} users (${num(need - p.frontEndServers)} more).`,
      });
    }
    return hits;
  }),

  defineRule('FE-N-PLUS-ONE', 'Undersized with one Front End server down', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const n = p.frontEndServers;
      const users = ix.registrarUsers(p);
      if (n < 2 || users <= REF.usersPerFe * (n - 1) || overSized(ix, p)) continue;
      hits.push({
        nodeIds: [p.id],
        message: `If one Front End server of ${label(p)} is down, the other ${num(n - 1)} carry about ${num(Math.ceil(users / (n - 1)))} users each (${num(users)} users), more than ${num(REF.usersPerFe)} each.`,
        fix: `Add one Front End server (${num(n + 1)} in all) so that the pool stays within sizing with one server down.`,
      });
    }
    return hits;
  }),

  defineRule('FE-WEB-HLB', 'Multi-server pool without web load balancer', (ix) =>
    ix
      .ofKind('frontEndPool')
      .filter((p) => p.frontEndServers > 1 && p.webLoadBalancing === 'none')
      .map((p) => ({
        nodeIds: [p.id],
        message: `${label(p)} has ${num(p.frontEndServers)} Front End servers and no web load balancing: a multi-server pool needs a hardware load balancer for its web services, because DNS load balancing cannot carry client web (HTTP/HTTPS) traffic.`,
      })),
  ),

  defineRule('FE-PAIRED-NEEDS-THREE', 'Paired pool that can never run three servers', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.frontEndServers >= REF.minFeRecommended) continue;
      const links = ix.touching(p.id, 'pairing');
      if (links.length === 0) continue;
      const partners = ix.distinctPartners(p.id);
      hits.push({
        nodeIds: [p.id, ...partners.map((x) => x.id)],
        linkIds: links.map((l) => l.id),
        message: `${label(p)} has ${plural(p.frontEndServers, 'Front End server')} and is paired${partners.length ? ` with ${names(partners, LONG_LIST)}` : ''}: after pairing, a pool must at some point run three Front End servers at once to synchronise with its backup pool, which this pool can never do.`,
      });
    }
    return hits;
  }),

  defineRule('FE-EE-NEEDS-BE', 'Enterprise pool without exactly one Back End', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const links = ix.out(p.id, 'backEnd');
      if (links.length === 1) continue;
      hits.push(
        links.length === 0
          ? {
              nodeIds: [p.id],
              message: `${label(p)} has no Back End: an Enterprise Edition pool needs exactly one Back End SQL store.`,
            }
          : {
              nodeIds: [p.id],
              linkIds: links.map((l) => l.id),
              message: `${label(p)} has ${num(links.length)} backEnd links (to ${links.map((l) => l.to).join(', ')}): an Enterprise Edition pool needs exactly one Back End SQL store.`,
              fix: 'Keep one backEnd link and remove the others.',
            },
      );
    }
    return hits;
  }),

  defineRule('FE-SE-HOSTS-FOREIGN-DB', 'Enterprise databases on a Standard Edition server', (ix) => {
    const seByHost = nodesByHost(ix, 'standardEditionServer');
    const hits: Hit[] = [];
    if (seByHost.size === 0) return hits;
    for (const s of ix.ofKind('sqlStore')) {
      const ses = seByHost.get(host(s));
      if (!ses) continue;
      const foreign = ix
        .in(s.id)
        .filter((l) => l.kind === 'backEnd' || (l.kind === 'store' && (l.role === 'monitoring' || l.role === 'archiving')));
      if (foreign.length === 0) continue;
      const what = foreign.map((l) =>
        l.kind === 'store' ? `the ${STORE_ROLE_LABEL[l.role]} database of ${l.from}` : `the Back End of ${l.from}`,
      );
      hits.push({
        nodeIds: [s.id, ...ses.map((se) => se.id)],
        linkIds: foreign.map((l) => l.id),
        message: `${label(s)} is on the Standard Edition server ${names(ses, LONG_LIST)} (${host(s)}) and holds ${[...new Set(what)].join(', ')}: a Standard Edition server's SQL Server Express cannot host an Enterprise pool's Back End, a Monitoring database or an Archiving database.`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- tier 2
  defineRule('FE-SMALL-USE-SE', 'Very small Enterprise pool', (ix) =>
    ix
      .ofKind('frontEndPool')
      .filter((p) => p.frontEndServers <= 2 && p.largeMeetingPool !== true)
      .map((p) => ({
        nodeIds: [p.id],
        message: `${label(p)} is an Enterprise pool of ${plural(p.frontEndServers, 'Front End server')}: for one or two servers the guidance is a pair of Standard Edition servers rather than a very small Enterprise pool.`,
      })),
  ),

  defineRule('FE-QUORUM', 'Front End pool quorum', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      const n = p.frontEndServers;
      if (n < 2) continue;
      const max = REF.maxFe[p.productVersion];
      // feQuorum publishes figures for every count from 2 to the version's maximum.
      if (n > max) {
        hits.push({
          nodeIds: [p.id],
          message: `${label(p)} has ${num(n)} Front End servers, more than a ${productVersionLabel(p.productVersion)} pool supports (${max}), so no quorum figures are published for it: neither how many servers must run to start it the first time nor how many keep it running.`,
        });
        continue;
      }
      hits.push({ nodeIds: [p.id], message: quorumMessage(p, n) });
    }
    return hits;
  }),

  defineRule('FE-EVEN-COUNT-SQL-WITNESS', 'Even Front End count: Back End is tie-breaker', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.frontEndServers % 2 !== 0) continue;
      // backEnd(p): skipped unless exactly one (FE-EE-NEEDS-BE reports the rest).
      const be: SqlStore | undefined = ix.backEnd(p.id);
      if (!be) continue;
      hits.push({ nodeIds: [p.id, be.id], message: tieBreakerMessage(p, be) });
    }
    return hits;
  }),

  defineRule('FE-FIRST-USER-MOVE', 'Three servers running for the first user move', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.deployed === true) continue;
      const users = ix.registrarUsers(p);
      if (users <= 0) continue;
      hits.push({ nodeIds: [p.id], message: firstMoveMessage(p, users) });
    }
    return hits;
  }),

  defineRule('FE-LARGE-MEETING-POOL', 'Dedicated large-meeting pool', (ix) =>
    ix
      .ofKind('frontEndPool')
      .filter((p) => p.largeMeetingPool === true)
      .map((p) => ({
        nodeIds: [p.id],
        message: `${label(p)} (${productVersionLabel(p.productVersion)}, ${plural(p.frontEndServers, 'Front End server')}) is a dedicated large-meeting pool: it hosts one meeting of ${num(REF.meetingSize.homingPool)} to ${num(REF.meetingSize.largeMeetingPool)} participants at a time; the docs' two-server, mirrored design does not apply to 2019, where two-server pools and mirroring are both unavailable.`,
      })),
  ),

  defineRule('FE-LARGE-MEETING-DEDICATED', 'Regular users on a large-meeting pool', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.largeMeetingPool !== true) continue;
      const users = ix.registrarUsers(p);
      if (users <= LARGE_MEETING_POOL_MAX_ACCOUNTS) continue;
      hits.push({
        nodeIds: [p.id],
        message: `${label(p)} is a dedicated large-meeting pool that homes ${num(users)} users (more than the ${LARGE_MEETING_POOL_MAX_ACCOUNTS} this designer allows for organiser accounts): it should home only the few accounts that schedule large meetings, not regular users.`,
      });
    }
    return hits;
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('FE-DNSLB-WEB-FQDN', 'DNS load balancing without a separate web services FQDN', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool')) {
      if (p.frontEndServers <= 1 || p.sipLoadBalancing !== 'dns') continue;
      const web = p.internalWebFqdn;
      if (web !== undefined && lowerCase(web) !== host(p)) continue;
      const why =
        web === undefined
          ? 'keeps the pool FQDN for its internal web services'
          : `overrides its internal web services FQDN with the pool FQDN ${web}`;
      hits.push({
        nodeIds: [p.id],
        message: `${kinded(p)} balances SIP traffic by DNS and ${why}. ${catalogueMessage('FE-DNSLB-WEB-FQDN')}`,
      });
    }
    return hits;
  }),

  defineRule('FE-WEB-FQDN-UNIQUE', 'Web services FQDN used twice', (ix) => {
    // One finding per FQDN, naming every node that uses it (as external, or as overridden internal, FQDN).
    const byFqdn = new Map<string, { which: string; nodes: TopologyNode[] }>();
    const add = (fqdn: string | undefined, which: string, n: TopologyNode) => {
      if (fqdn === undefined) return;
      const key = `${which}\u0000${lowerCase(fqdn)}`;
      const entry = byFqdn.get(key);
      if (!entry) byFqdn.set(key, { which, nodes: [n] });
      else if (!entry.nodes.includes(n)) entry.nodes.push(n);
    };
    for (const n of ix.allNodes()) {
      if (n.kind === 'frontEndPool' || n.kind === 'directorPool') add(n.internalWebFqdn, 'internal', n);
      if (n.kind === 'frontEndPool' || n.kind === 'standardEditionServer' || n.kind === 'directorPool')
        add(n.externalWebFqdn, 'external', n);
    }
    const hits: Hit[] = [];
    for (const [key, { which, nodes }] of byFqdn) {
      if (nodes.length < 2) continue;
      const fqdn = key.slice(key.indexOf('\u0000') + 1);
      hits.push({
        nodeIds: nodes.map((n) => n.id),
        message: `${kindedNames(nodes)} share the ${which} web services FQDN ${fqdn}. ${catalogueMessage('FE-WEB-FQDN-UNIQUE')}`,
      });
    }
    return hits;
  }),

  defineRule('FE-EV-NEEDS-MEDIATION', 'Enterprise Voice or dial-in without Mediation to a gateway', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.registrars()) {
      if (p.enterpriseVoice !== true && p.dialIn !== true) continue;
      if (reachesPeerThroughMediation(ix, p)) continue;
      const what = series(
        [p.enterpriseVoice === true ? 'Enterprise Voice' : '', p.dialIn === true ? 'dial-in conferencing' : ''].filter(Boolean),
      );
      hits.push({
        nodeIds: [p.id],
        message: `${kinded(p)} offers ${what}, and no Mediation Server of it or of its site has a trunk to a gateway, SBC or IP-PBX. ${catalogueMessage('FE-EV-NEEDS-MEDIATION')}`,
      });
    }
    return hits;
  }),

  defineRule('FE-DIALIN-ALL-POOLS', 'Dial-in conferencing on some conferencing pools only', (ix) => {
    const conferencing = ix.registrars().filter((p) => p.kind === 'standardEditionServer' || p.conferencing);
    // An unset dial-in reads as off: the rule speaks only once some pool has it on.
    const without = conferencing.filter((p) => p.dialIn !== true);
    if (without.length === 0 || without.length === conferencing.length) return [];
    const withIt = conferencing.filter((p) => p.dialIn === true);
    return [
      {
        nodeIds: without.map((p) => p.id),
        message: `Dial-in conferencing is on for ${kindedNames(withIt)} but not for ${kindedNames(without)}. ${catalogueMessage('FE-DIALIN-ALL-POOLS')}`,
      },
    ];
  }),

  defineRule('FE-CONF-SIZE', 'Meetings larger than the pool supports', (ix) => {
    const { homingPool, largeMeetingPool } = REF.meetingSize;
    const hits: Hit[] = [];
    for (const p of ix.registrars()) {
      const size = p.largestMeeting;
      if (size === undefined) continue;
      const dedicated = p.kind === 'frontEndPool' && p.largeMeetingPool === true;
      const max = dedicated ? largeMeetingPool : homingPool;
      if (size <= max) continue;
      const what = dedicated
        ? `a dedicated large-meeting pool, which hosts meetings of up to ${num(largeMeetingPool)}`
        : `it homes users, so its meetings stop at ${num(homingPool)} participants`;
      hits.push({
        nodeIds: [p.id],
        message: `${kinded(p)} plans meetings of ${num(size)} participants, and ${what}. ${catalogueMessage('FE-CONF-SIZE')}`,
      });
    }
    return hits;
  }),
];
