/**
 * The rules that read fields of format version 2 (the catalogue's "needs-v2" tier and the
 * migration addendum's rules on Subscription Edition, decommissioning and in-place
 * upgrades), each with documents that trigger it and close ones that do not.
 */
import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode, defaultSite } from '../model/defaults';
import { globalMultiSite, pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Link, SiteLink, Topology } from '../model/schema';
import { addLink, addNode, describeRule, findingsOf, mutate, nodeOf } from './rule-test-kit';

// ---------------------------------------------------------------- builders

const transition = (d: Topology) => void (d.deployment.mode = 'transition');
const wan = (d: Topology, ...links: SiteLink[]) => void (d.siteLinks = links);
const siteLink = (from: string, to: string, f: Partial<SiteLink> = {}): SiteLink => ({
  id: `wan-${from}-${to}`,
  from,
  to,
  fast: true,
  secured: true,
  resilient: true,
  ...f,
});
/** pair2019AlwaysOn with `f` applied. */
const ag = (f: (d: Topology) => void) => mutate(pair2019AlwaysOn(), f);
const mirror2015 = (f: (d: Topology) => void) => mutate(pair2015Mirroring(), f);
const se = (d: Topology, id: string) => nodeOf(d, id, 'standardEditionServer');
const fe = (d: Topology, id: string) => nodeOf(d, id, 'frontEndPool');
const edge = (d: Topology, id: string) => nodeOf(d, id, 'edgePool');
const sql = (d: Topology, id: string) => nodeOf(d, id, 'sqlStore');
const rp = (d: Topology) => addNode(d, defaultNode('reverseProxy', { id: 'rp', siteId: 'dc1', fqdn: 'rp.contoso.com' }));
/** A gateway peer in `siteId` with a trunk from `from`. */
function peer(
  d: Topology,
  id: string,
  siteId: string,
  from: string | undefined,
  f: Partial<Extract<Topology['nodes'][number], { kind: 'gatewayPeer' }>> = {},
) {
  addNode(d, { ...defaultNode('gatewayPeer', { id, siteId, fqdn: `${id}.contoso.com` }), ...f });
  if (from) addLink(d, defaultLink('trunk', `t-${from}-${id}`, from, id));
}
const mediation = (d: Topology, id: string, siteId: string, servers = 2) =>
  addNode(d, { ...defaultNode('mediationPool', { id, siteId, fqdn: `${id}.contoso.com` }), servers });
/** Every node of pair2019AlwaysOn's registrar pools turned into Subscription Edition (`ids`). */
const toSub = (d: Topology, ...ids: string[]) =>
  ids.forEach((id) => ((d.nodes.find((n) => n.id === id) as { productVersion: string }).productVersion = 'SE'));

// ---------------------------------------------------------------- BE, FE

describeRule('BE-NO-FOREIGN-DBS', {
  fires: [
    {
      name: 'Back End hosting other databases',
      doc: ag((d) => void (sql(d, 'sql-a').hostsNonSfbDatabases = true)),
      nodeIds: ['sql-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'dedicated Back End', doc: ag((d) => void (sql(d, 'sql-a').hostsNonSfbDatabases = false)) },
    {
      name: 'a store no pool uses',
      doc: ag((d) => addNode(d, { ...defaultNode('sqlStore', { id: 'sql-x', siteId: 'dc1' }), hostsNonSfbDatabases: true })),
    },
  ],
});

describeRule('FE-DNSLB-WEB-FQDN', {
  fires: [
    {
      name: 'DNS load balancing, no internal web FQDN',
      doc: mirror2015((d) => d.nodes.forEach((n) => n.kind === 'frontEndPool' && delete n.internalWebFqdn)),
      nodeIds: ['pool-ny'],
      count: 2,
    },
    {
      name: 'internal web FQDN equal to the pool FQDN',
      doc: mirror2015((d) => void (fe(d, 'pool-ny').internalWebFqdn = 'POOL-NY.fabrikam.com')),
      nodeIds: ['pool-ny'],
    },
  ],
  passes: [
    {
      name: 'separate internal web FQDNs',
      doc: mirror2015(
        (d) =>
          void (
            (fe(d, 'pool-ny').internalWebFqdn = 'web-ny.fabrikam.com'),
            (fe(d, 'pool-ch').internalWebFqdn = 'web-ch.fabrikam.com')
          ),
      ),
    },
    { name: 'hardware load balancing', doc: pair2019AlwaysOn() },
  ],
});

describeRule('FE-WEB-FQDN-UNIQUE', {
  fires: [
    {
      name: 'two pools with one external web FQDN',
      doc: ag(
        (d) =>
          void ((fe(d, 'pool-a').externalWebFqdn = 'web.contoso.com'), (fe(d, 'pool-b').externalWebFqdn = 'WEB.contoso.com')),
      ),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
    {
      name: 'a Director overriding a pool internal web FQDN',
      doc: ag((d) => {
        fe(d, 'pool-a').internalWebFqdn = 'webint.contoso.com';
        addNode(d, { ...defaultNode('directorPool', { id: 'dir', siteId: 'dc1' }), internalWebFqdn: 'webint.contoso.com' });
      }),
      nodeIds: ['pool-a', 'dir'],
    },
  ],
  passes: [
    {
      name: 'each pool its own',
      doc: ag(
        (d) =>
          void ((fe(d, 'pool-a').externalWebFqdn = 'web-a.contoso.com'), (fe(d, 'pool-b').externalWebFqdn = 'web-b.contoso.com')),
      ),
    },
    {
      name: 'one pool internal equal to another external (different services)',
      doc: ag(
        (d) =>
          void ((fe(d, 'pool-a').internalWebFqdn = 'web.contoso.com'), (fe(d, 'pool-b').externalWebFqdn = 'web.contoso.com')),
      ),
    },
  ],
});

describeRule('FE-EV-NEEDS-MEDIATION', {
  fires: [
    {
      name: 'Enterprise Voice, collocated Mediation without a trunk',
      doc: ag((d) => void (fe(d, 'pool-a').enterpriseVoice = true)),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: 'dial-in with a trunk from a pool without Mediation',
      doc: ag(
        (d) => ((fe(d, 'pool-a').dialIn = true), (fe(d, 'pool-a').mediationCollocated = false), peer(d, 'gw', 'dc1', 'pool-a')),
      ),
      nodeIds: ['pool-a'],
    },
  ],
  passes: [
    {
      name: 'collocated Mediation trunked to a gateway',
      doc: ag((d) => ((fe(d, 'pool-a').enterpriseVoice = true), peer(d, 'gw', 'dc1', 'pool-a'))),
    },
    {
      name: 'a Mediation pool of its site trunked to an SBC',
      doc: ag(
        (d) => (
          (fe(d, 'pool-a').enterpriseVoice = true),
          (fe(d, 'pool-a').mediationCollocated = false),
          mediation(d, 'med', 'dc1'),
          peer(d, 'gw', 'dc1', 'med')
        ),
      ),
    },
    { name: 'no voice or dial-in', doc: pair2019AlwaysOn() },
  ],
});

describeRule('FE-DIALIN-ALL-POOLS', {
  fires: [
    {
      name: 'dial-in on one conferencing pool only',
      doc: ag((d) => void (fe(d, 'pool-a').dialIn = true)),
      nodeIds: ['pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'dial-in on both', doc: ag((d) => void ((fe(d, 'pool-a').dialIn = true), (fe(d, 'pool-b').dialIn = true))) },
    {
      name: 'the other pool hosts no conferences',
      doc: ag((d) => void ((fe(d, 'pool-a').dialIn = true), (fe(d, 'pool-b').conferencing = false))),
    },
    { name: 'no dial-in anywhere', doc: pair2019AlwaysOn() },
  ],
});

describeRule('FE-CONF-SIZE', {
  fires: [
    {
      name: 'a 400-participant meeting on a user pool',
      doc: ag((d) => void (fe(d, 'pool-a').largestMeeting = 400)),
      nodeIds: ['pool-a'],
      count: 1,
    },
    {
      name: '1,500 on a large-meeting pool',
      doc: ag((d) => void Object.assign(fe(d, 'pool-a'), { largeMeetingPool: true, largestMeeting: 1_500 })),
      nodeIds: ['pool-a'],
    },
    {
      name: '300 on a Standard Edition server',
      doc: mutate(pairStandardEdition(), (d) => void (se(d, 'se-hq').largestMeeting = 300)),
      nodeIds: ['se-hq'],
    },
  ],
  passes: [
    { name: '250 on a user pool', doc: ag((d) => void (fe(d, 'pool-a').largestMeeting = 250)) },
    {
      name: '1,000 on a large-meeting pool',
      doc: ag((d) => void Object.assign(fe(d, 'pool-a'), { largeMeetingPool: true, largestMeeting: 1_000 })),
    },
  ],
});

// ---------------------------------------------------------------- PAIR, VOICE, CMS

describeRule('PAIR-LINK-SECURED', {
  fires: [
    {
      name: 'unsecured WAN between the pair',
      doc: ag((d) => wan(d, siteLink('dc1', 'dc2', { secured: false }))),
      nodeIds: ['pool-a', 'pool-b'],
      linkIds: ['wan-dc1-dc2'],
      count: 1,
    },
    { name: 'a WAN described without a link between the pair', doc: ag((d) => wan(d)), nodeIds: ['pool-a', 'pool-b'] },
  ],
  passes: [
    { name: 'secured WAN', doc: ag((d) => wan(d, siteLink('dc2', 'dc1'))) },
    { name: 'no WAN described', doc: ag((d) => void delete d.siteLinks) },
  ],
});

describeRule('VOICE-RESILIENT-WAN', {
  fires: [
    {
      name: 'voice failover over a WAN that is not resilient',
      doc: ag((d) => wan(d, siteLink('dc1', 'dc2', { resilient: false }))),
      nodeIds: ['pool-a', 'pool-b'],
      linkIds: ['wan-dc1-dc2'],
      count: 1,
    },
  ],
  passes: [
    { name: 'resilient WAN', doc: ag((d) => wan(d, siteLink('dc1', 'dc2'))) },
    {
      name: 'no voice failover',
      doc: ag(
        (d) => (
          wan(d, siteLink('dc1', 'dc2', { resilient: false })),
          void ((d.links.find((l) => l.kind === 'pairing') as { voiceFailover?: boolean }).voiceFailover = false)
        ),
      ),
    },
  ],
});

/** pair2019AlwaysOn moving from mirroring today to an availability group, in transition. */
const toAg = (current: 'none' | 'mirroring' | 'alwaysOnAg') =>
  ag((d) => (transition(d), void (sql(d, 'sql-a').currentHaMode = current)));

describeRule('CMS-MOVE-BEFORE-AG', {
  fires: [
    { name: 'CMS pool Back End from mirroring to AG', doc: toAg('mirroring'), nodeIds: ['pool-a', 'sql-a'], count: 1 },
    { name: 'from no HA to AG', doc: toAg('none'), nodeIds: ['pool-a', 'sql-a'] },
  ],
  passes: [
    { name: 'already an AG today', doc: toAg('alwaysOnAg') },
    { name: 'the same in a greenfield design', doc: ag((d) => void (sql(d, 'sql-a').currentHaMode = 'mirroring')) },
  ],
});

describeRule('CMS-2019-MIGRATION', {
  fires: [
    {
      name: 'CMS on a 2015 pool being retired',
      doc: mirror2015((d) => (transition(d), void (fe(d, 'pool-ny').decommission = true))),
      nodeIds: ['pool-ny'],
      count: 1,
    },
    {
      name: 'CMS on a 2019 pool being retired',
      doc: ag((d) => (transition(d), void (fe(d, 'pool-a').decommission = true))),
      nodeIds: ['pool-a'],
    },
  ],
  passes: [
    { name: 'another pool is retired', doc: ag((d) => (transition(d), void (fe(d, 'pool-b').decommission = true))) },
    { name: 'greenfield', doc: ag((d) => void (fe(d, 'pool-a').decommission = true)) },
  ],
});

// ---------------------------------------------------------------- EDGE, OWAS, FILE

describeRule('EDGE-DSR-NAT', {
  fires: [
    {
      name: 'HLB in DSR mode',
      doc: ag((d) => void (edge(d, 'edge-a').hlbDirectServerReturn = true)),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'HLB routed', doc: ag((d) => void (edge(d, 'edge-a').hlbDirectServerReturn = false)) },
    {
      name: 'DNS load balancing on both sides',
      doc: ag(
        (d) =>
          void Object.assign(edge(d, 'edge-a'), {
            hlbDirectServerReturn: true,
            internalLoadBalancing: 'dns',
            externalLoadBalancing: 'dns',
          }),
      ),
    },
  ],
});

describeRule('EDGE-HLB-NO-NAT', {
  fires: [
    {
      name: 'HLB with NAT',
      doc: ag((d) => void (edge(d, 'edge-a').externalAddressing = 'symmetricNat')),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'HLB with public addresses', doc: ag((d) => void (edge(d, 'edge-a').externalAddressing = 'public')) },
    {
      name: 'DNS load balancing behind NAT',
      doc: ag((d) => void Object.assign(edge(d, 'edge-a'), { externalAddressing: 'symmetricNat', externalLoadBalancing: 'dns' })),
    },
  ],
});

describeRule('EDGE-NAT-SYMMETRIC', {
  fires: [
    {
      name: 'NAT that rewrites sources',
      doc: ag((d) => void (edge(d, 'edge-b').externalAddressing = 'otherNat')),
      nodeIds: ['edge-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'symmetric NAT', doc: ag((d) => void (edge(d, 'edge-b').externalAddressing = 'symmetricNat')) }],
});

describeRule('EDGE-PERIMETER', {
  fires: [
    {
      name: 'Edge joined to the pools domain',
      doc: ag((d) => void (edge(d, 'edge-a').domain = 'CONTOSO.com')),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'Edge in a perimeter domain', doc: ag((d) => void (edge(d, 'edge-a').domain = 'perimeter.contoso.com')) },
    { name: 'Edge in a workgroup', doc: pair2019AlwaysOn() },
  ],
});

describeRule('EDGE-SINGLE-IP', {
  fires: [
    {
      name: 'one external address',
      doc: ag((d) => void (edge(d, 'edge-a').externalIpMode = 'single')),
      nodeIds: ['edge-a'],
      count: 1,
    },
  ],
  passes: [{ name: 'one address per service', doc: ag((d) => void (edge(d, 'edge-a').externalIpMode = 'perService')) }],
});

describeRule('EDGE-NEEDS-RP', {
  fires: [
    {
      name: 'Edge pools and no reverse proxy',
      doc: ag((d) => void (d.nodes = d.nodes.filter((n) => n.kind !== 'reverseProxy'))),
      nodeIds: ['edge-a', 'edge-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'a reverse proxy drawn', doc: ag((d) => (d.nodes.some((n) => n.kind === 'reverseProxy') ? undefined : rp(d))) },
    {
      name: 'no Edge pool',
      doc: ag(
        (d) =>
          void (
            (d.nodes = d.nodes.filter((n) => n.kind !== 'edgePool' && n.kind !== 'reverseProxy')),
            (d.links = d.links.filter((l) => !l.from.startsWith('edge') && !l.to.startsWith('edge')))
          ),
      ),
    },
  ],
});

describeRule('OOS-EXTERNAL-RP', {
  fires: [
    {
      name: 'internal farm, Edge, no reverse proxy',
      doc: ag((d) => void (d.nodes = d.nodes.filter((n) => n.kind !== 'reverseProxy'))),
      nodeIds: ['oos-a'],
      count: 2,
    },
  ],
  passes: [
    { name: 'a reverse proxy drawn', doc: ag((d) => (d.nodes.some((n) => n.kind === 'reverseProxy') ? undefined : rp(d))) },
    {
      name: 'farms in the perimeter network',
      doc: ag(
        (d) =>
          void (
            (d.nodes = d.nodes.filter((n) => n.kind !== 'reverseProxy')),
            d.nodes.forEach((n) => n.kind === 'officeOnlineServer' && (n.zone = 'perimeter'))
          ),
      ),
    },
  ],
});

describeRule('FILE-BACKUP-INTERVAL', {
  fires: [
    {
      name: 'DFS share without a backup interval',
      doc: mutate(pairStandardEdition(), (d) => void delete nodeOf(d, 'fs-hq', 'fileStore').backupIntervalHours),
      nodeIds: ['fs-hq'],
    },
    {
      name: 'DFS share backed up daily',
      doc: mutate(pairStandardEdition(), (d) => void (nodeOf(d, 'fs-hq', 'fileStore').backupIntervalHours = 24)),
      nodeIds: ['fs-hq'],
    },
  ],
  passes: [
    {
      name: 'every 8 hours',
      doc: mutate(pairStandardEdition(), (d) => d.nodes.forEach((n) => n.kind === 'fileStore' && (n.backupIntervalHours = 8))),
    },
    { name: 'a clustered share', doc: mutate(pair2015Mirroring(), () => {}) },
  ],
});

// ---------------------------------------------------------------- MED

describeRule('MED-SIP-TRUNK-STANDALONE', {
  fires: [
    {
      name: 'SIP trunk on collocated Mediation',
      doc: ag((d) => peer(d, 'itsp', 'dc1', 'pool-a', { peerType: 'sipTrunk' })),
      nodeIds: ['pool-a', 'itsp'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'SIP trunk on a Mediation pool',
      doc: ag(
        (d) => (mediation(d, 'med', 'dc1'), peer(d, 'itsp', 'dc1', 'med', { peerType: 'sipTrunk', dnsLoadBalancing: true })),
      ),
    },
    {
      name: 'a PSTN gateway on collocated Mediation',
      doc: ag((d) => peer(d, 'gw', 'dc1', 'pool-a', { peerType: 'pstnGateway' })),
    },
  ],
});

describeRule('MED-SIP-TRUNK-SITE', {
  fires: [
    {
      name: 'SIP trunk in Dublin, Mediation in Amsterdam',
      doc: ag(
        (d) => (mediation(d, 'med', 'dc1'), peer(d, 'itsp', 'dc2', 'med', { peerType: 'sipTrunk', dnsLoadBalancing: true })),
      ),
      nodeIds: ['itsp', 'med'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'also a trunk from Mediation in its own site',
      doc: ag(
        (d) => (
          mediation(d, 'med', 'dc1'),
          mediation(d, 'med2', 'dc2'),
          peer(d, 'itsp', 'dc2', 'med', { peerType: 'sipTrunk', dnsLoadBalancing: true }),
          addLink(d, defaultLink('trunk', 't2', 'med2', 'itsp'))
        ),
      ),
    },
    {
      name: 'an SBC in another site',
      doc: ag((d) => (mediation(d, 'med', 'dc1'), peer(d, 'sbc', 'dc2', 'med', { dnsLoadBalancing: true }))),
    },
  ],
});

describeRule('MED-PEER-POOL-CAPABLE', {
  fires: [
    {
      name: 'single-server peer on a two-server Mediation pool',
      doc: ag((d) => (mediation(d, 'med', 'dc1'), peer(d, 'gw', 'dc1', 'med'))),
      nodeIds: ['med', 'gw'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'peer with DNS load balancing',
      doc: ag((d) => (mediation(d, 'med', 'dc1'), peer(d, 'gw', 'dc1', 'med', { dnsLoadBalancing: true }))),
    },
    {
      name: 'peer accepting any pool member',
      doc: ag((d) => (mediation(d, 'med', 'dc1'), peer(d, 'gw', 'dc1', 'med', { acceptsAnyPoolMember: true }))),
    },
    { name: 'single-server Mediation pool', doc: ag((d) => (mediation(d, 'med', 'dc1', 1), peer(d, 'gw', 'dc1', 'med'))) },
  ],
});

describeRule('MED-ROOT-TRUNK', {
  fires: [{ name: 'gateway without a trunk', doc: ag((d) => peer(d, 'gw', 'dc1', undefined)), nodeIds: ['gw'], count: 1 }],
  passes: [{ name: 'gateway with a trunk', doc: ag((d) => peer(d, 'gw', 'dc1', 'pool-a')) }],
});

describeRule('MED-TDM-NEEDS-GW', {
  fires: [
    {
      name: 'TDM PBX trunked to Mediation',
      doc: ag((d) => peer(d, 'pbx', 'dc1', 'pool-a', { peerType: 'tdmPbx' })),
      nodeIds: ['pbx'],
      count: 1,
    },
  ],
  passes: [{ name: 'an IP-PBX', doc: ag((d) => peer(d, 'pbx', 'dc1', 'pool-a', { peerType: 'ipPbx' })) }],
});

/** globalMultiSite with a gateway in the Boston branch, trunked from the Virginia pool. */
const branchGateway = (bypass: boolean, f: (d: Topology) => void = () => {}) =>
  mutate(globalMultiSite(), (d) => {
    d.nodes = d.nodes.filter((n) => !(n.kind === 'survivableBranch' && n.siteId === 'br-boston'));
    d.links = d.links.filter((l) => d.nodes.some((n) => n.id === l.from) && d.nodes.some((n) => n.id === l.to));
    const from = d.nodes.find((n) => n.kind === 'frontEndPool' && n.siteId === 'na-east')!.id;
    peer(d, 'gw-bos', 'br-boston', from, { peerType: 'pstnGateway', mediaBypass: bypass });
    f(d);
  });

describeRule('MED-BRANCH-GW-BYPASS', {
  fires: [
    { name: 'branch gateway with media bypass, Mediation central', doc: branchGateway(true), nodeIds: ['gw-bos'], count: 1 },
  ],
  passes: [
    { name: 'no media bypass', doc: branchGateway(false) },
    { name: 'Mediation in the branch', doc: branchGateway(true, (d) => mediation(d, 'med-bos', 'br-boston', 1)) },
  ],
});

// ---------------------------------------------------------------- PCHAT

/** A 2015 Persistent Chat pool in New York (pair2015Mirroring) with its store in New York and log shipping to Chicago. */
function chat(f: (d: Topology) => void = () => {}): Topology {
  return mirror2015((d) => {
    addNode(d, {
      ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'nyc', fqdn: 'pc.fabrikam.com' }),
      servers: [
        { siteId: 'nyc', active: true },
        { siteId: 'chi', active: false },
      ],
    });
    addNode(d, { ...defaultNode('sqlStore', { id: 'sql-pc', siteId: 'nyc' }), haMode: 'none', ag: undefined });
    addNode(d, { ...defaultNode('sqlStore', { id: 'sql-pc-b', siteId: 'chi' }), haMode: 'none', ag: undefined });
    addLink(d, { id: 'pc-store', kind: 'store', from: 'pc', to: 'sql-pc', role: 'persistentChat' });
    addLink(d, { ...defaultLink('logShipping', 'pc-ship', 'sql-pc', 'sql-pc-b'), share: '\\\\fs-ny\\pcship' } as Link);
    addLink(d, defaultLink('nextHop', 'pc-hop', 'pc', 'pool-ny'));
    f(d);
  });
}
const pcPool = (d: Topology) => nodeOf(d, 'pc', 'persistentChatPool');

describeRule('PCHAT-CAPACITY', {
  fires: [
    {
      name: '30,000 users on one active server',
      doc: chat((d) => void (pcPool(d).concurrentUsers = 30_000)),
      nodeIds: ['pc'],
      count: 1,
    },
    {
      name: '90,000 users on four active servers',
      doc: chat(
        (d) =>
          void Object.assign(pcPool(d), {
            concurrentUsers: 90_000,
            servers: [1, 2, 3, 4].map(() => ({ siteId: 'nyc', active: true })),
          }),
      ),
      nodeIds: ['pc'],
    },
  ],
  passes: [
    { name: '20,000 on one active server', doc: chat((d) => void (pcPool(d).concurrentUsers = 20_000)) },
    { name: 'no figure', doc: chat() },
  ],
});

describeRule('PCHAT-LOGSHIP-SHARE', {
  fires: [
    {
      name: 'log shipping without a share',
      doc: chat((d) => void delete (d.links.find((l) => l.id === 'pc-ship') as { share?: string }).share),
      nodeIds: ['sql-pc', 'sql-pc-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'share named', doc: chat() }],
});

describeRule('PCHAT-ACTIVE-NEAR-DB', {
  fires: [
    {
      name: 'active server in Chicago over a slow link',
      doc: chat(
        (d) => (pcPool(d).servers.push({ siteId: 'chi', active: true }), wan(d, siteLink('nyc', 'chi', { fast: false }))),
      ),
      nodeIds: ['pc'],
      linkIds: ['wan-nyc-chi'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'over a fast link',
      doc: chat((d) => (pcPool(d).servers.push({ siteId: 'chi', active: true }), wan(d, siteLink('nyc', 'chi')))),
    },
    { name: 'Chicago servers on standby', doc: chat((d) => wan(d, siteLink('nyc', 'chi', { fast: false }))) },
  ],
});

describeRule('PCHAT-LOW-BANDWIDTH-LAYOUT', {
  fires: [
    {
      name: 'active servers on both ends of a slow link',
      doc: chat(
        (d) => (pcPool(d).servers.push({ siteId: 'chi', active: true }), wan(d, siteLink('chi', 'nyc', { fast: false }))),
      ),
      nodeIds: ['pc'],
      linkIds: ['wan-chi-nyc'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'a fast link',
      doc: chat((d) => (pcPool(d).servers.push({ siteId: 'chi', active: true }), wan(d, siteLink('chi', 'nyc')))),
    },
  ],
});

describeRule('PCHAT-SAME-DOMAIN', {
  fires: [
    {
      name: 'another domain than its next hop',
      doc: chat((d) => void (pcPool(d).domain = 'chat.fabrikam.com')),
      nodeIds: ['pc', 'pool-ny'],
      count: 1,
    },
  ],
  passes: [
    { name: 'the same domain', doc: chat((d) => void (pcPool(d).domain = 'FABRIKAM.com')) },
    { name: 'no domain given', doc: chat() },
  ],
});

// ---------------------------------------------------------------- SITE

describeRule('SITE-BRANCH-PARENT', {
  fires: [
    {
      name: 'branch without a parent',
      doc: mutate(
        globalMultiSite(),
        (d) =>
          void (
            delete d.sites.find((s) => s.id === 'br-boston')!.parentSiteId,
            (d.sites.find((s) => s.id === 'br-lyon')!.parentSiteId = 'eu-west')
          ),
      ),
      count: 1,
    },
    {
      name: 'branch whose parent is a branch',
      doc: mutate(globalMultiSite(), (d) => void (d.sites.find((s) => s.id === 'br-boston')!.parentSiteId = 'br-lyon')),
    },
  ],
  passes: [
    {
      name: 'both branches under central sites',
      doc: mutate(globalMultiSite(), (d) =>
        d.sites.forEach((s) => s.kind === 'branch' && (s.parentSiteId = s.region === 'EU' ? 'eu-west' : 'na-east')),
      ),
    },
  ],
});

/** A branch Springfield under Amsterdam, with one gateway and no appliance. */
const bareBranch = (resilient: boolean, f: (d: Topology) => void = () => {}) =>
  ag((d) => {
    d.sites.push({ ...defaultSite('br', 'Springfield', 'branch'), parentSiteId: 'dc1' });
    peer(d, 'gw-br', 'br', 'pool-a', { peerType: 'pstnGateway' });
    wan(d, siteLink('br', 'dc1', { resilient }));
    f(d);
  });

describeRule('SITE-BRANCH-WAN', {
  fires: [
    { name: 'unreliable WAN, no appliance', doc: bareBranch(false), nodeIds: ['gw-br'], linkIds: ['wan-br-dc1'], count: 1 },
  ],
  passes: [
    { name: 'resilient WAN', doc: bareBranch(true) },
    {
      name: 'an appliance in the branch',
      doc: bareBranch(false, (d) => addNode(d, defaultNode('survivableBranch', { id: 'sba-br', siteId: 'br' }))),
    },
  ],
});

// ---------------------------------------------------------------- GEN: upgrades, coexistence, AD, VIS

describeRule('GEN-INPLACE-UPGRADE-2019', {
  fires: [
    {
      name: '2019 pool upgraded in place from 2015',
      doc: ag((d) => void (fe(d, 'pool-a').inPlaceUpgrade = { fromVersion: '2015' })),
      nodeIds: ['pool-a'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'Subscription Edition upgraded in place from 2019 (UPG-INPLACE-2019-SE)',
      doc: ag((d) => (toSub(d, 'pool-a'), void (fe(d, 'pool-a').inPlaceUpgrade = { fromVersion: '2019' }))),
    },
  ],
});

/** pair2015Mirroring with Lync pools beside it. */
const withLync = (...versions: ('lync2013' | 'lync2010')[]) =>
  mirror2015((d) =>
    versions.forEach((v, i) =>
      addNode(d, {
        ...defaultNode('frontEndPool', { id: `lync-${i}`, siteId: 'nyc', fqdn: `lync-${i}.fabrikam.com` }),
        productVersion: v,
        os: 'WS2012',
      }),
    ),
  );

describeRule('TOPO-COEXIST-NO-TRIPLE', {
  fires: [
    { name: '2015 with Lync 2013 and Lync 2010', doc: withLync('lync2013', 'lync2010'), nodeIds: ['lync-0', 'lync-1'], count: 1 },
  ],
  passes: [{ name: '2015 with Lync 2013 only', doc: withLync('lync2013') }],
});

describeRule('TOPO-COEXIST-2019-LEGACY', {
  fires: [
    {
      name: '2019 beside Lync 2010',
      doc: ag((d) =>
        addNode(d, { ...defaultNode('frontEndPool', { id: 'lync', siteId: 'dc1' }), productVersion: 'lync2010', os: 'WS2012' }),
      ),
      nodeIds: ['lync'],
      count: 1,
    },
  ],
  passes: [
    {
      name: '2019 beside Lync 2013',
      doc: ag((d) =>
        addNode(d, { ...defaultNode('frontEndPool', { id: 'lync', siteId: 'dc1' }), productVersion: 'lync2013', os: 'WS2012' }),
      ),
    },
  ],
});

describeRule('TOPO-UPGRADE-2015-SOURCE', {
  fires: [
    {
      name: '2015 upgraded in place from Lync 2010',
      doc: mirror2015((d) => void (fe(d, 'pool-ny').inPlaceUpgrade = { fromVersion: 'lync2010' })),
      nodeIds: ['pool-ny'],
      count: 1,
    },
  ],
  passes: [
    { name: 'from Lync 2013', doc: mirror2015((d) => void (fe(d, 'pool-ny').inPlaceUpgrade = { fromVersion: 'lync2013' })) },
  ],
});

/** The CMS pool pool-ny upgraded in place from Lync 2013 while pool-ch `other` is Lync 2013 or also upgraded. */
const lyncUpgrade = (other: 'stays' | 'upgraded' | 'retired') =>
  mirror2015((d) => {
    fe(d, 'pool-ny').inPlaceUpgrade = { fromVersion: 'lync2013' };
    const ch = fe(d, 'pool-ch');
    if (other === 'upgraded') ch.inPlaceUpgrade = { fromVersion: 'lync2013' };
    else Object.assign(ch, { productVersion: 'lync2013', os: 'WS2012R2', decommission: other === 'retired' });
    d.links = d.links.filter((l) => l.kind !== 'pairing');
  });

describeRule('TOPO-UPGRADE-ORDER', {
  fires: [
    {
      name: 'CMS pool upgraded while another Lync 2013 pool waits',
      doc: lyncUpgrade('stays'),
      nodeIds: ['pool-ny', 'pool-ch'],
      count: 1,
    },
  ],
  passes: [
    { name: 'every pool upgraded', doc: lyncUpgrade('upgraded') },
    { name: 'the other Lync 2013 pool is retired', doc: lyncUpgrade('retired') },
  ],
});

const sba = (f: Partial<Extract<Topology['nodes'][number], { kind: 'survivableBranch' }>>) =>
  mutate(globalMultiSite(), (d) =>
    Object.assign(
      d.nodes.find((n) => n.kind === 'survivableBranch')!,
      f,
    ),
  );

describeRule('TOPO-UPGRADE-SBA', {
  fires: [
    { name: 'appliance upgraded in place', doc: sba({ inPlaceUpgrade: { fromVersion: 'lync2013' } }), count: 1 },
    {
      name: 'appliance upgraded in place to 2015',
      doc: sba({ productVersion: '2015', inPlaceUpgrade: { fromVersion: 'lync2013' } }),
    },
  ],
  passes: [
    { name: 'appliance kept', doc: globalMultiSite() },
    {
      name: 'appliance to Subscription Edition (an open question)',
      doc: sba({ productVersion: 'SE', inPlaceUpgrade: { fromVersion: '2019' } }),
    },
  ],
});

describeRule('TOPO-OS-INPLACE', {
  fires: [
    {
      name: 'OS changed during the upgrade',
      doc: mirror2015((d) => void (fe(d, 'pool-ny').inPlaceUpgrade = { fromVersion: 'lync2013', fromOs: 'WS2012R2' })),
      nodeIds: ['pool-ny'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'same OS',
      doc: mirror2015((d) => void (fe(d, 'pool-ny').inPlaceUpgrade = { fromVersion: 'lync2013', fromOs: 'WS2016' })),
    },
  ],
});

const withAd = (doc: Topology, ad: NonNullable<Topology['deployment']['activeDirectory']>) =>
  mutate(doc, (d) => void (d.deployment.activeDirectory = ad));

describeRule('TOPO-AD-LEVELS', {
  fires: [
    {
      name: '2019 in a Windows Server 2008 R2 forest',
      doc: withAd(pair2019AlwaysOn(), { forestLevel: 'WS2008R2', domainLevel: 'WS2012', domainControllerOs: ['WS2016'] }),
      count: 1,
    },
    {
      name: '2015 with Windows Server 2022 domain controllers',
      doc: withAd(pair2015Mirroring(), { forestLevel: 'WS2012R2', domainLevel: 'WS2012R2', domainControllerOs: ['WS2022'] }),
    },
    {
      name: 'Subscription Edition with 2008 domain controllers',
      doc: withAd(
        ag((d) => toSub(d, 'pool-a', 'pool-b', 'edge-a', 'edge-b')),
        { forestLevel: 'WS2016', domainLevel: 'WS2016', domainControllerOs: ['WS2008'] },
      ),
    },
  ],
  passes: [
    {
      name: '2019 in a 2016 forest',
      doc: withAd(pair2019AlwaysOn(), { forestLevel: 'WS2016', domainLevel: 'WS2016', domainControllerOs: ['WS2016', 'WS2019'] }),
    },
    {
      name: '2015 in a 2003 forest',
      doc: withAd(pair2015Mirroring(), {
        forestLevel: 'WS2003',
        domainLevel: 'WS2008',
        domainControllerOs: ['WS2008', 'WS2019'],
      }),
    },
    { name: 'no directory described', doc: pair2019AlwaysOn() },
  ],
});

/** A Video Interop Server pool in Amsterdam with a next hop to `to`. */
const vis = (to: string | undefined, f: (d: Topology) => void = () => {}) =>
  ag((d) => {
    addNode(d, { ...defaultNode('videoInteropPool', { id: 'vis', siteId: 'dc1' }), productVersion: '2019' });
    if (to) addLink(d, defaultLink('nextHop', 'vis-hop', 'vis', to));
    f(d);
  });

describeRule('TOPO-VIS-NEXTHOP', {
  fires: [{ name: 'no next hop', doc: vis(undefined), nodeIds: ['vis'], count: 1 }],
  passes: [{ name: 'next hop a 2019 pool', doc: vis('pool-a') }],
});

describeRule('TOPO-VIS-ONE-TRUNK', {
  fires: [
    {
      name: 'one video gateway, two VIS pools',
      doc: vis('pool-a', (d) => {
        addNode(d, { ...defaultNode('videoInteropPool', { id: 'vis2', siteId: 'dc2' }), productVersion: '2019' });
        addLink(d, defaultLink('nextHop', 'vis2-hop', 'vis2', 'pool-b'));
        peer(d, 'vgw', 'dc1', 'vis', { peerType: 'videoGateway' });
        addLink(d, defaultLink('trunk', 't-vis2', 'vis2', 'vgw'));
      }),
      nodeIds: ['vgw', 'vis', 'vis2'],
      count: 1,
    },
  ],
  passes: [{ name: 'one VIS pool', doc: vis('pool-a', (d) => peer(d, 'vgw', 'dc1', 'vis', { peerType: 'videoGateway' })) }],
});

describeRule('TOPO-VIS-CAPACITY', {
  fires: [
    {
      name: '40 transcoded calls on two servers',
      doc: vis('pool-a', (d) => void (nodeOf(d, 'vis', 'videoInteropPool').concurrentTranscodedVtcs = 40)),
      nodeIds: ['vis'],
      count: 1,
    },
  ],
  passes: [
    {
      name: '32 on two servers',
      doc: vis('pool-a', (d) => void (nodeOf(d, 'vis', 'videoInteropPool').concurrentTranscodedVtcs = 32)),
    },
  ],
});

// ---------------------------------------------------------------- LIFE, SUB

describeRule('LIFE-EOS-DECOMMISSION', {
  fires: [
    {
      name: 'a 2015 estate retired',
      doc: mirror2015((d) => (transition(d), d.nodes.forEach((n) => n.kind === 'frontEndPool' && (n.decommission = true)))),
      nodeIds: ['pool-ny', 'pool-ch'],
      count: 1,
    },
  ],
  passes: [{ name: 'nothing retired', doc: mirror2015(transition) }],
});

describeRule('LIFE-SUB-MODERN', {
  fires: [
    { name: 'Subscription Edition pools', doc: ag((d) => toSub(d, 'pool-a', 'pool-b')), nodeIds: ['pool-a', 'pool-b'], count: 1 },
  ],
  passes: [{ name: '2019 only', doc: pair2019AlwaysOn() }],
});

describeRule('SUB-PAIR-2019', {
  fires: [
    {
      name: '2019 paired with Subscription Edition',
      doc: ag((d) => toSub(d, 'pool-b')),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'both Subscription Edition', doc: ag((d) => toSub(d, 'pool-a', 'pool-b')) }],
});

describeRule('SUB-LINK-2019', {
  fires: [
    { name: 'Subscription Edition pool on a 2019 Edge pool', doc: ag((d) => toSub(d, 'pool-a')), nodeIds: ['pool-a', 'edge-a'] },
    {
      name: 'one Monitoring store for 2019 and Subscription Edition',
      doc: ag((d) => {
        toSub(d, 'pool-a', 'edge-a', 'pool-b', 'edge-b');
        fe(d, 'pool-b').productVersion = '2019';
        edge(d, 'edge-b').productVersion = '2019';
        addNode(d, { ...defaultNode('sqlStore', { id: 'sql-mon', siteId: 'dc1' }), haMode: 'none', ag: undefined });
        addLink(d, defaultLink('store', 'mon-a', 'pool-a', 'sql-mon'));
        addLink(d, defaultLink('store', 'mon-b', 'pool-b', 'sql-mon'));
      }),
      nodeIds: ['sql-mon', 'pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'all Subscription Edition', doc: ag((d) => toSub(d, 'pool-a', 'pool-b', 'edge-a', 'edge-b')) }],
});

describeRule('SUB-SQL-2022', {
  fires: [
    {
      name: 'Subscription Edition Back End on SQL Server 2022',
      doc: ag((d) => (toSub(d, 'pool-a'), void (sql(d, 'sql-a').sqlVersion = '2022'))),
      nodeIds: ['sql-a', 'pool-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'on SQL Server 2019', doc: ag((d) => toSub(d, 'pool-a')) },
    { name: 'a 2019 pool on SQL Server 2022 (BE-SQL-VERSION-2019)', doc: ag((d) => void (sql(d, 'sql-a').sqlVersion = '2022')) },
  ],
});

describeRule('SUB-COEXIST-LIMIT', {
  fires: [
    { name: 'Subscription Edition beside 2019', doc: ag((d) => toSub(d, 'pool-a')), nodeIds: ['pool-b', 'edge-a'], count: 1 },
  ],
  passes: [{ name: 'all Subscription Edition', doc: ag((d) => toSub(d, 'pool-a', 'pool-b', 'edge-a', 'edge-b')) }],
});

// ---------------------------------------------------------------- UPG

const upgradeSub = (ids: string[], from: '2019' | '2015' = '2019', f: (d: Topology) => void = () => {}) =>
  ag((d) => {
    transition(d);
    for (const id of ids) {
      toSub(d, id);
      Object.assign(
        d.nodes.find((n) => n.id === id)!,
        { inPlaceUpgrade: { fromVersion: from } },
      );
    }
    f(d);
  });

describeRule('UPG-INPLACE-2019-SE', {
  fires: [{ name: 'pool upgraded from 2019', doc: upgradeSub(['pool-a', 'pool-b']), nodeIds: ['pool-a'], count: 2 }],
  passes: [{ name: 'a new Subscription Edition pool', doc: ag((d) => toSub(d, 'pool-a', 'pool-b')) }],
});

describeRule('UPG-INPLACE-2015-SE', {
  fires: [{ name: 'pool upgraded from 2015', doc: upgradeSub(['pool-a'], '2015'), nodeIds: ['pool-a'], count: 1 }],
  passes: [{ name: 'upgraded from 2019', doc: upgradeSub(['pool-a']) }],
});

describeRule('UPG-SUB-ORDER', {
  fires: [
    {
      name: 'CMS pool upgraded while pool-b stays on 2019',
      doc: upgradeSub(['pool-a']),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'pool-b upgraded first, CMS pool left', doc: upgradeSub(['pool-b']) },
    { name: 'both upgraded', doc: upgradeSub(['pool-a', 'pool-b']) },
  ],
});

describeRule('UPG-PAIR-BOTH', {
  fires: [
    { name: 'both pools of the pair upgraded', doc: upgradeSub(['pool-a', 'pool-b']), nodeIds: ['pool-a', 'pool-b'], count: 1 },
  ],
  passes: [{ name: 'one pool upgraded', doc: upgradeSub(['pool-b']) }],
});

// ---------------------------------------------------------------- MIG

/** pair2015Mirroring in transition with a Subscription Edition pool `pool-new` beside it; `retire` marks pools for decommissioning. */
const sideBySide = (retire: string[], f: (d: Topology) => void = () => {}) =>
  mirror2015((d) => {
    transition(d);
    addNode(d, {
      ...defaultNode('frontEndPool', { id: 'pool-new', siteId: 'nyc', fqdn: 'pool-new.fabrikam.com' }),
      productVersion: 'SE',
      users: 100,
    });
    for (const id of retire)
      Object.assign(
        d.nodes.find((n) => n.id === id)!,
        { decommission: true },
      );
    f(d);
  });

describeRule('MIG-USERS-ON-DECOMMISSION', {
  fires: [{ name: 'retired pool still homes users', doc: sideBySide(['pool-ch']), nodeIds: ['pool-ch'], count: 1 }],
  passes: [{ name: 'users moved', doc: sideBySide(['pool-ch'], (d) => void (fe(d, 'pool-ch').users = 0)) }],
});

describeRule('MIG-SBA-REGISTRAR-DECOMMISSION', {
  fires: [
    {
      name: 'appliance backed up by a retired pool',
      doc: sideBySide(
        ['pool-ch'],
        (d) => (
          addNode(d, defaultNode('survivableBranch', { id: 'sba', siteId: 'chi' })),
          addLink(d, defaultLink('backupRegistrar', 'sba-br', 'sba', 'pool-ch'))
        ),
      ),
      nodeIds: ['sba', 'pool-ch'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'appliance moved to the new pool',
      doc: sideBySide(
        ['pool-ch'],
        (d) => (
          addNode(d, defaultNode('survivableBranch', { id: 'sba', siteId: 'chi' })),
          addLink(d, defaultLink('backupRegistrar', 'sba-br', 'sba', 'pool-new'))
        ),
      ),
    },
  ],
});

describeRule('MIG-PAIR-PARTNER-DECOMMISSION', {
  fires: [{ name: 'partner retired', doc: sideBySide(['pool-ch']), nodeIds: ['pool-ny', 'pool-ch'], count: 1 }],
  passes: [{ name: 'both retired', doc: sideBySide(['pool-ch', 'pool-ny']) }],
});

describeRule('MIG-RGS-2019-SE', {
  fires: [
    {
      name: '2019 pool retired for Subscription Edition',
      doc: ag((d) => (transition(d), toSub(d, 'pool-b'), void (fe(d, 'pool-a').decommission = true))),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'a 2015 pool retired', doc: sideBySide(['pool-ch']) }],
});

// ---------------------------------------------------------------- COEX

describeRule('COEX-EDGE-NEXTHOP-DECOMMISSION', {
  fires: [{ name: 'Edge stays, next hop retired', doc: sideBySide(['pool-ny']), nodeIds: ['edge-ny', 'pool-ny'], count: 1 }],
  passes: [{ name: 'Edge retired too', doc: sideBySide(['pool-ny', 'edge-ny']) }],
});

describeRule('COEX-MEDIA-EDGE-DECOMMISSION', {
  fires: [{ name: 'pool stays, media Edge retired', doc: sideBySide(['edge-ch']), nodeIds: ['pool-ch', 'edge-ch'], count: 1 }],
  passes: [{ name: 'pool retired too', doc: sideBySide(['edge-ch', 'pool-ch']) }],
});

describeRule('COEX-PCHAT-NEXTHOP-DECOMMISSION', {
  fires: [
    {
      name: 'Persistent Chat stays, next hop retired',
      doc: chat((d) => (transition(d), void (fe(d, 'pool-ny').decommission = true))),
      nodeIds: ['pc', 'pool-ny'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'Persistent Chat retired too',
      doc: chat((d) => (transition(d), void ((fe(d, 'pool-ny').decommission = true), (pcPool(d).decommission = true)))),
    },
  ],
});

describeRule('COEX-XMPP-RETIRE', {
  fires: [
    {
      name: 'the only XMPP Edge pool retired',
      doc: sideBySide(['edge-ny'], (d) => void (edge(d, 'edge-ny').xmpp = true)),
      nodeIds: ['edge-ny'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'another XMPP Edge pool stays',
      doc: sideBySide(['edge-ny'], (d) => void ((edge(d, 'edge-ny').xmpp = true), (edge(d, 'edge-ch').xmpp = true))),
    },
  ],
});

describeRule('COEX-SUB-LEGACY-SOURCE', {
  fires: [
    {
      name: 'Subscription Edition beside Lync 2013',
      doc: sideBySide([], (d) =>
        addNode(d, { ...defaultNode('frontEndPool', { id: 'lync', siteId: 'nyc' }), productVersion: 'lync2013', os: 'WS2012R2' }),
      ),
      nodeIds: ['lync'],
      count: 1,
    },
    {
      name: 'Subscription Edition upgraded from Lync 2013',
      doc: upgradeSub(['pool-a'], '2019', (d) => void (fe(d, 'pool-a').inPlaceUpgrade = { fromVersion: 'lync2013' })),
      nodeIds: ['pool-a'],
    },
  ],
  passes: [{ name: 'Subscription Edition beside 2015', doc: sideBySide([]) }],
});

// ---------------------------------------------------------------- Subscription Edition findings of inherited rules

describe('findings on Subscription Edition nodes', () => {
  it('are inferred for rules stated for 2019 (FE-2019-NOT-TWO), not for 2019 nodes', () => {
    const doc = ag(
      (d) => (toSub(d, 'pool-a'), void ((fe(d, 'pool-a').frontEndServers = 2), (fe(d, 'pool-b').frontEndServers = 2))),
    );
    const found = findingsOf('FE-2019-NOT-TWO', doc);
    expect(found.map((f) => [f.nodeIds[0], f.inferred])).toEqual([
      ['pool-a', true],
      ['pool-b', false],
    ]);
    expect(found[0]!.message).toContain('Topology Builder for Skype for Business Server Subscription Edition');
    expect(found[0]!.message).not.toMatch(/\bSE\b/);
  });

  it('PAIR-SAME-VERSION leaves 2019 with Subscription Edition to SUB-PAIR-2019 and reports 2015 with Subscription Edition as inferred', () => {
    expect(
      findingsOf(
        'PAIR-SAME-VERSION',
        ag((d) => toSub(d, 'pool-b')),
      ),
    ).toEqual([]);
    const [f] = findingsOf(
      'PAIR-SAME-VERSION',
      ag(
        (d) => (
          toSub(d, 'pool-b'),
          Object.assign(fe(d, 'pool-a'), { productVersion: '2015', os: 'WS2016', cumulativeUpdate: 'CU12' })
        ),
      ),
    );
    expect(f?.inferred).toBe(true);
    expect(f?.message).toContain('Skype for Business Server Subscription Edition');
  });

  it('BE-MIRROR-2019 reads 2019 or Subscription Edition', () => {
    const doc = ag((d) => (toSub(d, 'pool-a'), void Object.assign(sql(d, 'sql-a'), { haMode: 'mirroring', ag: undefined })));
    const [f] = findingsOf('BE-MIRROR-2019', doc);
    expect(f?.nodeIds).toContain('pool-a');
    expect(f?.inferred).toBe(true);
  });

  it('GEN-OS-SUPPORTED accepts Windows Server 2022 for Subscription Edition at any update and refuses 2012 R2', () => {
    expect(
      findingsOf(
        'GEN-OS-SUPPORTED',
        ag((d) => (toSub(d, 'pool-a'), void Object.assign(fe(d, 'pool-a'), { os: 'WS2022', cumulativeUpdate: 'CU1' }))),
      ),
    ).toEqual([]);
    const [f] = findingsOf(
      'GEN-OS-SUPPORTED',
      ag((d) => (toSub(d, 'pool-a'), void (fe(d, 'pool-a').os = 'WS2012R2'))),
    );
    expect(f?.nodeIds).toEqual(['pool-a']);
    expect(f?.inferred).toBe(true);
  });

  it('TOPO-ADMIN-TOOLS-2019 names the newest version tools', () => {
    const [f] = findingsOf(
      'TOPO-ADMIN-TOOLS-2019',
      ag((d) => toSub(d, 'pool-a')),
    );
    expect(f?.message).toContain('Subscription Edition Topology Builder');
    expect(f?.nodeIds).toEqual(['pool-a']);
  });
});
