/** MED rules (docs/rules.md): Mediation pools and collocated Mediation. */
import { REF } from '../model/reference-numbers';
import type { NodeOfKind } from '../model/schema';
import type { RegistrarPool } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { kinded, kindedNames, label, noun, num, siteName } from './rule-text';
import type { Hit, Rule } from './types';
import { hasMediation, mediationSites, sourcesOf } from './rule-helpers';
import { fam2019, productVersionLabel } from '../model/product-versions';

const capacity = (calls: number): string => catalogueMessage('MED-CAPACITY').replace('{calls}', num(calls));

// MED-CAPACITY fires for every Mediation pool and collocated pool: its text is built only
// when a finding is read (Hit.message).

const standAloneMessage = (m: NodeOfKind<'mediationPool'>) => (): string => {
  // The capacity pages state the stand-alone figure with hyper-threading on; that is the one quoted.
  const per = REF.mediationCalls[m.productVersion].htOn;
  return `${label(m)} (${num(m.servers)} stand-alone Mediation ${noun(m.servers, 'server')}, ${num(per)} calls per server on ${productVersionLabel(m.productVersion)}). ${capacity(m.servers * per)}`;
};

const collocatedMessage = (p: RegistrarPool) => (): string => {
  const servers = p.kind === 'frontEndPool' ? p.frontEndServers : 1;
  const per = REF.mediationCollocatedCalls[p.productVersion];
  return `${label(p)} (${p.kind === 'standardEditionServer' ? 'Mediation collocated on the Standard Edition server' : `Mediation collocated on ${num(servers)} Front End ${noun(servers, 'server')}`}, ${num(per)} calls per server on ${productVersionLabel(p.productVersion)}). ${capacity(servers * per)}`;
};

export const MED_RULES: readonly Rule[] = [
  defineRule('MED-POOL-PEERS', 'Multi-server Mediation pool and its gateway peers', (ix) => {
    const hits: Hit[] = [];
    for (const m of ix.ofKind('mediationPool'))
      if (m.servers > 1)
        hits.push({
          nodeIds: [m.id],
          message: `${label(m)} has ${num(m.servers)} Mediation servers. ${catalogueMessage('MED-POOL-PEERS')}`,
        });
    return hits;
  }),

  defineRule('MED-CAPACITY', 'Mediation call capacity', (ix) => {
    const hits: Hit[] = [];
    for (const m of ix.ofKind('mediationPool')) hits.push({ nodeIds: [m.id], message: standAloneMessage(m) });
    for (const p of ix.registrars()) if (p.mediationCollocated) hits.push({ nodeIds: [p.id], message: collocatedMessage(p) });
    return hits;
  }),

  defineRule('MED-COLLOCATED-SIZE', 'Collocated Mediation on a pool above 12 servers', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool'))
      if (fam2019(p.productVersion) && p.mediationCollocated && p.frontEndServers > REF.mediationCollocatedPool)
        hits.push({
          nodeIds: [p.id],
          message: `${label(p)} has ${num(p.frontEndServers)} Front End servers with collocated Mediation. ${catalogueMessage('MED-COLLOCATED-SIZE')}`,
        });
    return hits;
  }),

  // ---------------------------------------------------------------- format v2
  defineRule('MED-SIP-TRUNK-STANDALONE', 'SIP trunk on collocated Mediation', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('trunk')) {
      const p = ix.node(l.from);
      const peer = ix.node(l.to);
      if (p?.kind !== 'frontEndPool' || peer?.kind !== 'gatewayPeer' || peer.peerType !== 'sipTrunk') continue;
      hits.push({
        nodeIds: [p.id, peer.id],
        linkIds: [l.id],
        message: `${label(p)} terminates the SIP trunk ${label(peer)} on its collocated Mediation. ${catalogueMessage('MED-SIP-TRUNK-STANDALONE')}`,
      });
    }
    return hits;
  }),

  defineRule('MED-SIP-TRUNK-SITE', 'SIP trunk without Mediation in its site', (ix) => {
    const hits: Hit[] = [];
    for (const peer of ix.ofKind('gatewayPeer')) {
      if (peer.peerType !== 'sipTrunk') continue;
      const mediation = sourcesOf(ix, peer.id, 'trunk').filter(hasMediation);
      if (mediation.length === 0 || mediation.some((m) => m.siteId === peer.siteId)) continue;
      hits.push({
        nodeIds: [peer.id, ...mediation.map((m) => m.id)],
        message: `${label(peer)} is in ${siteName(ix, peer.siteId)} and its trunks come from ${kindedNames(mediation)} in other sites. ${catalogueMessage('MED-SIP-TRUNK-SITE')}`,
      });
    }
    return hits;
  }),

  defineRule('MED-PEER-POOL-CAPABLE', 'Single-server gateway peer on a Mediation pool', (ix) => {
    const hits: Hit[] = [];
    for (const l of ix.linksOfKind('trunk')) {
      const m = ix.node(l.from);
      const peer = ix.node(l.to);
      if (
        m?.kind !== 'mediationPool' ||
        m.servers <= 1 ||
        peer?.kind !== 'gatewayPeer' ||
        peer.dnsLoadBalancing ||
        peer.acceptsAnyPoolMember
      )
        continue;
      hits.push({
        nodeIds: [m.id, peer.id],
        linkIds: [l.id],
        message: `${label(peer)} works with one Mediation Server only (no DNS load balancing, and it accepts traffic from one pool member), and ${label(m)} has ${num(m.servers)}. ${catalogueMessage('MED-PEER-POOL-CAPABLE')}`,
      });
    }
    return hits;
  }),

  defineRule('MED-ROOT-TRUNK', 'Gateway peer without a trunk', (ix) => {
    const hits: Hit[] = [];
    for (const peer of ix.ofKind('gatewayPeer'))
      if (ix.in(peer.id, 'trunk').length === 0)
        hits.push({ nodeIds: [peer.id], message: `${kinded(peer)} has no trunk. ${catalogueMessage('MED-ROOT-TRUNK')}` });
    return hits;
  }),

  defineRule('MED-TDM-NEEDS-GW', 'TDM PBX trunked directly to Mediation', (ix) => {
    const hits: Hit[] = [];
    for (const peer of ix.ofKind('gatewayPeer')) {
      if (peer.peerType !== 'tdmPbx') continue;
      const links = ix.in(peer.id, 'trunk');
      if (links.length === 0) continue;
      hits.push({
        nodeIds: [peer.id],
        linkIds: links.map((l) => l.id),
        message: `${label(peer)} is a TDM PBX with a trunk to Mediation. ${catalogueMessage('MED-TDM-NEEDS-GW')}`,
      });
    }
    return hits;
  }),

  defineRule('MED-BRANCH-GW-BYPASS', 'Branch gateway with media bypass', (ix) => {
    const withMediation = mediationSites(ix);
    const hits: Hit[] = [];
    for (const peer of ix.ofKind('gatewayPeer')) {
      if (!peer.mediaBypass || ix.site(peer.siteId)?.kind !== 'branch' || withMediation.has(peer.siteId)) continue;
      hits.push({
        nodeIds: [peer.id],
        message: `${label(peer)} in the branch ${siteName(ix, peer.siteId)} uses media bypass, with Mediation in a central site. ${catalogueMessage('MED-BRANCH-GW-BYPASS')}`,
      });
    }
    return hits;
  }),
];
