import { describe, expect, it } from 'vitest';
import { defaultNode, defaultSite, emptyTopology } from '../model/defaults';
import { pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import type { Topology } from '../model/schema';
import { CMS_RULES } from './cms-rules';
import { addNode, describeRule, findingsOf, itPassesReferenceDesigns, mutate, removeLinks } from './rule-test-kit';

const unpaired = (d: Topology) => removeLinks(d, (l) => l.kind === 'pairing');
const noCms = (d: Topology) => (d.deployment.cmsHost = null);
/** pair2019AlwaysOn in transition, with a 2015 Standard Edition server still in service. */
const migration = (mode: 'transition' | 'greenfield' = 'transition', legacy: '2015' | '2019' = '2015') =>
  mutate(pair2019AlwaysOn(), (d) => {
    d.deployment.mode = mode;
    addNode(d, {
      ...defaultNode('standardEditionServer', { id: 'se-legacy', siteId: 'dc1', fqdn: 'se-legacy.contoso.com' }),
      productVersion: legacy,
      os: 'WS2016',
    });
  });

// ---------------------------------------------------------------- tier 1

describeRule('CMS-EXACTLY-ONE', {
  fires: [
    { name: 'paired pools, no CMS host', doc: mutate(pair2019AlwaysOn(), noCms), nodeIds: ['pool-a', 'pool-b'], count: 1 },
    { name: 'SE servers, no CMS host', doc: mutate(pairStandardEdition(), noCms), nodeIds: ['se-hq', 'se-dr'], count: 1 },
  ],
  passes: [
    { name: 'CMS on pool-a', doc: pair2019AlwaysOn() },
    {
      name: 'no registrar pool yet',
      doc: mutate(emptyTopology('Just an Edge'), (d) => {
        d.sites.push(defaultSite('s1', 'Site 1'));
        addNode(d, defaultNode('edgePool', { id: 'edge-1', siteId: 's1' }));
      }),
    },
  ],
});

describeRule('CMS-HOST-PAIRED', {
  fires: [
    { name: 'CMS pool without partner', doc: mutate(pair2019AlwaysOn(), unpaired), nodeIds: ['pool-a'], count: 1 },
    { name: 'CMS on an unpaired SE server', doc: mutate(pairStandardEdition(), unpaired), nodeIds: ['se-hq'], count: 1 },
  ],
  passes: [
    { name: 'CMS pool paired', doc: pair2019AlwaysOn() },
    { name: 'no CMS host (CMS-EXACTLY-ONE reports it)', doc: mutate(pair2019AlwaysOn(), (d) => (unpaired(d), noCms(d))) },
  ],
});

// ---------------------------------------------------------------- tier 2

describeRule('CMS-FAILOVER-FIRST', {
  fires: [
    { name: 'paired CMS pool', doc: pair2019AlwaysOn(), nodeIds: ['pool-a', 'pool-b'], count: 1 },
    { name: 'paired CMS SE server', doc: pairStandardEdition(), nodeIds: ['se-hq', 'se-dr'], count: 1 },
  ],
  passes: [
    { name: 'unpaired CMS pool', doc: mutate(pair2019AlwaysOn(), unpaired) },
    { name: 'no CMS host', doc: mutate(pair2019AlwaysOn(), noCms) },
  ],
});

describeRule('CMS-NO-FAILBACK', {
  fires: [{ name: 'paired CMS pool', doc: pair2015Mirroring(), nodeIds: ['pool-ny', 'pool-ch'], count: 1 }],
  passes: [{ name: 'unpaired CMS pool', doc: mutate(pair2015Mirroring(), unpaired) }],
});

describeRule('CMS-REPLICATION-BEFORE-CLEANUP', {
  fires: [{ name: 'transition with 2015 and 2019 registrars', doc: migration(), nodeIds: ['pool-a'], count: 1 }],
  passes: [
    { name: 'the same design as greenfield', doc: migration('greenfield') },
    { name: 'transition with 2019 registrars only', doc: migration('transition', '2019') },
  ],
});

describe('CMS messages', () => {
  it('CMS-EXACTLY-ONE names the candidates', () => {
    const [f] = findingsOf('CMS-EXACTLY-ONE', mutate(pair2019AlwaysOn(), noCms));
    expect(f!.message).toContain('Pool A (pool-a), Pool B (pool-b)');
  });
  it('CMS-FAILOVER-FIRST names the partner it fails over to', () => {
    const [f] = findingsOf('CMS-FAILOVER-FIRST', pair2019AlwaysOn());
    expect(f!.message).toContain('failed over to Pool B (pool-b)');
    expect(f!.linkIds.length).toBe(1);
  });
  it('CMS-HOST-PAIRED gives the CMS recovery target', () => {
    expect(findingsOf('CMS-HOST-PAIRED', mutate(pair2019AlwaysOn(), unpaired))[0]!.message).toContain('5-minute RTO and RPO');
  });
});

describe('CMS rules on the reference designs', () => itPassesReferenceDesigns('CMS', CMS_RULES));
