/** EDGE rules (docs/rules.md): Edge pools, their next hop, federation and sizing. */
import { REF } from '../model/reference-numbers';
import type { NodeOfKind, TopologyNode } from '../model/schema';
import { catalogueMessage, defineRule } from './define-rule';
import { kindedNames, label, noun, num, plural, quote, siteName } from './rule-text';
import type { Hit, Rule } from './types';
import { fam2019, productVersionLabel } from '../model/product-versions';

type EdgePool = NodeOfKind<'edgePool'>;

const lbName = (lb: EdgePool['internalLoadBalancing']): string =>
  lb === 'dns' ? 'DNS load balancing' : 'a hardware load balancer';

// EDGE-MEDIA-ASSOCIATION and EDGE-AV-CERT-SHARED fire for most Edge pools of a large
// design: their text is built only when a finding is read (Hit.message).

const mediaEdgeMessage = (e: EdgePool, pool: TopologyNode) => (): string =>
  `If ${label(e)} fails while ${label(pool)} runs, the pool's media Edge association must be switched to an Edge pool in another site, and switched back after repair.`;

const avCertMessage = (e: EdgePool) => (): string =>
  `Every server of ${label(e)} (${num(e.servers)} servers) needs the same A/V authentication certificate, private key included.`;

export const EDGE_RULES: readonly Rule[] = [
  defineRule('EDGE-MIN-TWO', 'Edge pool with a single server', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (e.servers < REF.minHaServers)
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} has one server, so losing it stops external access; plan at least two Edge servers.`,
        });
    return hits;
  }),

  defineRule('EDGE-LB-MATCH', 'Edge load balancing differs between sides', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (e.internalLoadBalancing !== e.externalLoadBalancing)
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} uses ${lbName(e.internalLoadBalancing)} on its internal side and ${lbName(e.externalLoadBalancing)} on its external side. ${catalogueMessage('EDGE-LB-MATCH')}`,
        });
    return hits;
  }),

  defineRule('EDGE-NEXTHOP-ALTERNATIVE', 'No pool can take over as Edge next hop', (ix) => {
    const hits: Hit[] = [];
    // "No other pool besides X": X is itself one of these, so the count is exactly one.
    const candidates =
      ix.ofKind('frontEndPool').length + ix.ofKind('standardEditionServer').length + ix.ofKind('directorPool').length;
    if (candidates !== 1) return hits;
    for (const e of ix.ofKind('edgePool'))
      for (const l of ix.out(e.id, 'nextHop')) {
        const x = ix.node(l.to);
        if (x?.kind !== 'frontEndPool' && x?.kind !== 'standardEditionServer') continue;
        hits.push({
          nodeIds: [e.id, x.id],
          linkIds: [l.id],
          message: `${label(e)} uses ${label(x)} as its next hop, and the design has no other Front End pool, Standard Edition server or Director pool: before ${label(x)} can be failed over, the Edge has to be pointed at another pool, and there is none; external access and federation would stop.`,
        });
      }
    return hits;
  }),

  defineRule('EDGE-FEDERATION-STANDBY', 'Federation Edge pool has no standby', (ix) => {
    const edges = ix.ofKind('edgePool');
    const e = edges[0];
    if (edges.length !== 1 || !e?.federation) return [];
    return [
      {
        nodeIds: [e.id],
        message: `${label(e)} carries federation and is the only Edge pool. ${catalogueMessage('EDGE-FEDERATION-STANDBY')}`,
      },
    ];
  }),

  defineRule('EDGE-XMPP-2019', 'XMPP on a 2019 or Subscription Edition Edge pool', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (fam2019(e.productVersion) && e.xmpp)
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} is a ${productVersionLabel(e.productVersion)} Edge pool with XMPP turned on. ${catalogueMessage('EDGE-XMPP-2019')}`,
        });
    return hits;
  }),

  defineRule('EDGE-MAX-SERVERS', 'Edge pool above 12 servers', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (e.servers > REF.maxEdgeServers)
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} has ${num(e.servers)} servers: an Edge pool supports at most ${REF.maxEdgeServers} servers; Topology Builder accepts up to ${REF.edgeServersTopologyBuilderAccepts}, but more than ${REF.maxEdgeServers} is untested and unsupported.`,
        });
    return hits;
  }),

  defineRule('EDGE-NEXT-HOP', 'Edge pool without a next hop', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (ix.out(e.id, 'nextHop').length === 0)
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} has no next hop, so internal SIP traffic from it has nowhere to go.`,
        });
    return hits;
  }),

  defineRule('EDGE-CAPACITY', 'Edge pool too small for its remote users', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool')) {
      const users = e.concurrentRemoteUsers;
      if (users === undefined) continue;
      const perServer = REF.remoteUsersPerEdge[e.productVersion];
      if (users <= e.servers * perServer) continue;
      const needed = Math.ceil(users / perServer);
      hits.push({
        nodeIds: [e.id],
        message: `${label(e)} has ${plural(e.servers, 'server')} for ${num(users)} concurrent remote users, which need ${num(needed)}: this Edge pool has fewer servers than its concurrent remote users need (one server per ${num(perServer)} on ${productVersionLabel(e.productVersion)}).`,
        fix:
          needed <= REF.maxEdgeServers
            ? `Add Edge servers (${num(needed)} in all; up to ${REF.maxEdgeServers} per pool) or another Edge pool.`
            : `Split the remote users over more than one Edge pool: ${num(needed)} servers exceed the ${REF.maxEdgeServers} one pool supports.`,
      });
    }
    return hits;
  }),

  defineRule('EDGE-DNSLB-FAILOVER-GAPS', 'DNS load balancing leaves Edge failover gaps', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool')) {
      const sides = [
        e.internalLoadBalancing === 'dns' ? 'internal' : '',
        e.externalLoadBalancing === 'dns' ? 'external' : '',
      ].filter(Boolean);
      const features = [e.federation ? 'federation' : '', e.xmpp ? 'XMPP federation' : ''].filter(Boolean);
      if (sides.length === 0 || features.length === 0) continue;
      hits.push({
        nodeIds: [e.id],
        message: `${label(e)} uses DNS load balancing on its ${sides.join(' and ')} ${noun(sides.length, 'side')} and carries ${features.join(' and ')}. ${catalogueMessage('EDGE-DNSLB-FAILOVER-GAPS')}`,
      });
    }
    return hits;
  }),

  defineRule('EDGE-XMPP-SRV', 'XMPP failover SRV records', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (e.productVersion === '2015' && e.xmpp)
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} carries XMPP federation: XMPP failover is simpler when every Edge pool publishes an _xmpp-server._tcp SRV record (port 5269), each with its own priority.`,
        });
    return hits;
  }),

  defineRule('EDGE-MEDIA-ASSOCIATION', 'Media Edge association to switch on Edge failure', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('mediaEdge')) {
      const pool = ix.node(l.from);
      const e = ix.node(l.to);
      if (!pool || e?.kind !== 'edgePool') continue;
      hits.push({ nodeIds: [pool.id, e.id], linkIds: [l.id], message: mediaEdgeMessage(e, pool) });
    }
    return hits;
  }),

  defineRule('EDGE-AV-CERT-SHARED', 'One A/V authentication certificate for all Edge servers', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool')) if (e.servers > 1) hits.push({ nodeIds: [e.id], message: avCertMessage(e) });
    return hits;
  }),

  defineRule('EDGE-NEXTHOP-OTHER-SITE', 'Edge next hop in another site', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      for (const l of ix.out(e.id, 'nextHop')) {
        const t = ix.node(l.to);
        if (!t || t.siteId === e.siteId || !('fqdn' in t)) continue;
        hits.push({
          nodeIds: [e.id, t.id],
          linkIds: [l.id],
          message: `The next hop of ${label(e)} (site ${siteName(ix, e.siteId)}) is ${label(t)} in site ${siteName(ix, t.siteId)}. ${catalogueMessage('EDGE-NEXTHOP-OTHER-SITE').replace(/^This Edge pool's next hop is in another site; /, '')}`,
          fix: `None; the runbook sets this next hop with Set-CsEdgeServer -Identity EdgeServer:${e.fqdn} -Registrar Registrar:${t.fqdn} after the topology is published.`,
        });
      }
    return hits;
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('EDGE-DSR-NAT', 'Edge load balancer in direct server return mode', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool')) {
      if (e.hlbDirectServerReturn !== true || (e.externalLoadBalancing !== 'hlb' && e.internalLoadBalancing !== 'hlb')) continue;
      hits.push({
        nodeIds: [e.id],
        message: `${label(e)} is behind a hardware load balancer in direct server return mode. ${catalogueMessage('EDGE-DSR-NAT')}`,
      });
    }
    return hits;
  }),

  defineRule('EDGE-HLB-NO-NAT', 'Hardware-balanced Edge pool behind NAT', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool')) {
      if (e.externalLoadBalancing !== 'hlb' || e.externalAddressing === undefined || e.externalAddressing === 'public') continue;
      hits.push({
        nodeIds: [e.id],
        message: `${label(e)} balances its external side with a hardware load balancer, and its external addresses are translated by NAT. ${catalogueMessage('EDGE-HLB-NO-NAT')}`,
      });
    }
    return hits;
  }),

  defineRule('EDGE-NAT-SYMMETRIC', 'Edge NAT that is not symmetric', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (e.externalAddressing === 'otherNat')
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} is behind NAT that is not symmetric, or that rewrites source addresses. ${catalogueMessage('EDGE-NAT-SYMMETRIC')}`,
        });
    return hits;
  }),

  defineRule('EDGE-PERIMETER', 'Edge servers joined to the internal domain', (ix) => {
    const internal = new Set<string>();
    for (const p of ix.registrars()) if (p.domain) internal.add(p.domain.trim().toLowerCase());
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool')) {
      if (!e.domain || !internal.has(e.domain.trim().toLowerCase())) continue;
      hits.push({
        nodeIds: [e.id],
        message: `${label(e)} is joined to ${quote(e.domain)}, the domain of the Skype for Business pools. ${catalogueMessage('EDGE-PERIMETER')}`,
      });
    }
    return hits;
  }),

  defineRule('EDGE-SINGLE-IP', 'One external IP address for the Edge services', (ix) => {
    const hits: Hit[] = [];
    for (const e of ix.ofKind('edgePool'))
      if (e.externalIpMode === 'single')
        hits.push({
          nodeIds: [e.id],
          message: `${label(e)} uses one external IP address for its Access, Web Conferencing and A/V Edge services. ${catalogueMessage('EDGE-SINGLE-IP')}`,
        });
    return hits;
  }),

  defineRule('EDGE-NEEDS-RP', 'Edge without a reverse proxy', (ix) => {
    const edges = ix.ofKind('edgePool');
    if (edges.length === 0 || ix.ofKind('reverseProxy').length > 0) return [];
    return [
      {
        nodeIds: edges.map((e) => e.id),
        message: `This design has ${kindedNames(edges)} for remote users and no reverse proxy. ${catalogueMessage('EDGE-NEEDS-RP')}`,
      },
    ];
  }),
];
