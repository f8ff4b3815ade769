/** MED rules of shared/domain/rules.md: Mediation pools and collocated Mediation. */
import { REF } from '../model/reference-numbers';
import { catalogueEntry, defineRule, label, stripCode } from './define-rule';
import type { Hit, Rule } from './types';

/** The catalogue's message for `id`, for findings that prefix it with the specifics. */
const saidCache = new Map<string, string>();
const said = (id: string): string => {
  let text = saidCache.get(id);
  if (text === undefined) saidCache.set(id, (text = stripCode(catalogueEntry(id)?.message ?? '')));
  return text;
};
/** 12,000: thousands separated by commas (Intl formatting costs too much per finding on large designs). */
const num = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const capacity = (calls: number): string => said('MED-CAPACITY').replace('{calls}', num(calls));

export const MED_RULES: readonly Rule[] = [
  defineRule('MED-POOL-PEERS', 'Multi-server Mediation pool and its gateway peers', (ix) => {
    const hits: Hit[] = [];
    for (const m of ix.ofKind('mediationPool'))
      if (m.servers > 1)
        hits.push({
          nodeIds: [m.id],
          message: `${label(m)} has ${num(m.servers)} Mediation servers. ${said('MED-POOL-PEERS')}`,
        });
    return hits;
  }),

  defineRule('MED-CAPACITY', 'Mediation call capacity', (ix) => {
    const hits: Hit[] = [];
    // The capacity pages state the stand-alone figure with hyper-threading on; that is the one quoted.
    for (const m of ix.ofKind('mediationPool')) {
      const per = REF.mediationCalls[m.productVersion].htOn;
      const calls = m.servers * per;
      hits.push({
        nodeIds: [m.id],
        message: `${label(m)} (${num(m.servers)} stand-alone Mediation ${m.servers === 1 ? 'server' : 'servers'}, ${num(per)} calls per server on Skype for Business Server ${m.productVersion}). ${capacity(calls)}`,
      });
    }
    for (const p of ix.registrars()) {
      if (!p.mediationCollocated) continue;
      const servers = p.kind === 'frontEndPool' ? p.frontEndServers : 1;
      const per = REF.mediationCollocatedCalls[p.productVersion];
      const calls = servers * per;
      hits.push({
        nodeIds: [p.id],
        message: `${label(p)} (${p.kind === 'standardEditionServer' ? 'Mediation collocated on the Standard Edition server' : `Mediation collocated on ${num(servers)} Front End ${servers === 1 ? 'server' : 'servers'}`}, ${num(per)} calls per server on Skype for Business Server ${p.productVersion}). ${capacity(calls)}`,
      });
    }
    return hits;
  }),

  defineRule('MED-COLLOCATED-SIZE', 'Collocated Mediation on a pool above 12 servers', (ix) => {
    const hits: Hit[] = [];
    for (const p of ix.ofKind('frontEndPool'))
      if (p.productVersion === '2019' && p.mediationCollocated && p.frontEndServers > REF.mediationCollocatedPool)
        hits.push({
          nodeIds: [p.id],
          message: `${label(p)} has ${num(p.frontEndServers)} Front End servers with collocated Mediation. ${said('MED-COLLOCATED-SIZE')}`,
        });
    return hits;
  }),
];
