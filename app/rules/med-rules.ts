/** MED rules (docs/rules.md): Mediation pools and collocated Mediation. */
import { REF } from '../model/reference-numbers';
import type { NodeOfKind } from '../model/schema';
import type { RegistrarPool } from '../model/topology-index';
import { catalogueMessage, defineRule } from './define-rule';
import { label, noun, num } from './rule-text';
import type { Hit, Rule } from './types';

const capacity = (calls: number): string => catalogueMessage('MED-CAPACITY').replace('{calls}', num(calls));

// MED-CAPACITY fires for every Mediation pool and collocated pool: its text is built only
// when a finding is read (Hit.message).

const standAloneMessage = (m: NodeOfKind<'mediationPool'>) => (): string => {
  // The capacity pages state the stand-alone figure with hyper-threading on; that is the one quoted.
  const per = REF.mediationCalls[m.productVersion].htOn;
  return `${label(m)} (${num(m.servers)} stand-alone Mediation ${noun(m.servers, 'server')}, ${num(per)} calls per server on Skype for Business Server ${m.productVersion}). ${capacity(m.servers * per)}`;
};

const collocatedMessage = (p: RegistrarPool) => (): string => {
  const servers = p.kind === 'frontEndPool' ? p.frontEndServers : 1;
  const per = REF.mediationCollocatedCalls[p.productVersion];
  return `${label(p)} (${p.kind === 'standardEditionServer' ? 'Mediation collocated on the Standard Edition server' : `Mediation collocated on ${num(servers)} Front End ${noun(servers, 'server')}`}, ${num(per)} calls per server on Skype for Business Server ${p.productVersion}). ${capacity(servers * per)}`;
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
      if (p.productVersion === '2019' && p.mediationCollocated && p.frontEndServers > REF.mediationCollocatedPool)
        hits.push({
          nodeIds: [p.id],
          message: `${label(p)} has ${num(p.frontEndServers)} Front End servers with collocated Mediation. ${catalogueMessage('MED-COLLOCATED-SIZE')}`,
        });
    return hits;
  }),
];
