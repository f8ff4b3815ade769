import { describe, expect, it } from 'vitest';
import { pair2019AlwaysOn, pairStandardEdition } from '../model/samples';
import { OWAS_RULES } from './owas-rules';
import { addLink, describeRule, findingsOf, itPassesReferenceDesigns, mutate, nodeOf, removeLinks } from './rule-test-kit';

const base = pair2019AlwaysOn();

describeRule('OWAS-SEPARATE-SERVER', {
  fires: [
    {
      name: 'the farm on the Edge server',
      doc: mutate(base, (d) => void (nodeOf(d, 'oos-a', 'officeOnlineServer').fqdn = 'edge-a.contoso.com')),
      nodeIds: ['oos-a', 'edge-a'],
      count: 1,
    },
    {
      name: 'the farm on a SQL AG replica',
      doc: mutate(base, (d) => void (nodeOf(d, 'oos-b', 'officeOnlineServer').fqdn = 'SQL-B2.contoso.com')),
      nodeIds: ['oos-b', 'sql-b'],
      count: 1,
    },
    {
      name: 'the farm on a Standard Edition server',
      doc: mutate(pairStandardEdition(), (d) => void (nodeOf(d, 'oos-hq', 'officeOnlineServer').fqdn = 'se-dr.northwind.com')),
      nodeIds: ['oos-hq', 'se-dr'],
    },
  ],
  passes: [
    { name: 'dedicated farms', doc: base },
    {
      name: 'a file share on the farm (FS-COLLOC-HOST, not this rule)',
      doc: mutate(base, (d) => void (nodeOf(d, 'fs-a', 'fileStore').fqdn = 'oos-a.contoso.com')),
    },
  ],
});

describeRule('OWAS-MISSING', {
  fires: [
    {
      name: 'a conferencing pool without a farm',
      doc: mutate(base, (d) => removeLinks(d, (l) => l.kind === 'officeOnline' && l.from === 'pool-b')),
      nodeIds: ['pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'every conferencing pool has a farm', doc: base },
    {
      name: 'the same pool without conferencing',
      doc: mutate(base, (d) => {
        removeLinks(d, (l) => l.kind === 'officeOnline' && l.from === 'pool-b');
        nodeOf(d, 'pool-b', 'frontEndPool').conferencing = false;
      }),
    },
    {
      name: 'an SE server without a farm (no conferencing flag in v1)',
      doc: mutate(pairStandardEdition(), (d) => removeLinks(d, (l) => l.kind === 'officeOnline')),
    },
  ],
});

describeRule('OWAS-PERIMETER', {
  fires: [
    {
      name: 'a farm in the perimeter',
      doc: mutate(base, (d) => void (nodeOf(d, 'oos-a', 'officeOnlineServer').zone = 'perimeter')),
      nodeIds: ['oos-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'internal farms', doc: base },
    { name: 'an external farm', doc: mutate(base, (d) => void (nodeOf(d, 'oos-a', 'officeOnlineServer').zone = 'external')) },
  ],
});

describeRule('OWAS-DR-PLACEMENT', {
  fires: [
    { name: 'paired SE servers sharing one farm', doc: pairStandardEdition(), nodeIds: ['se-hq', 'se-dr', 'oos-hq'], count: 1 },
    {
      name: "a pool's farm in its partner's data center",
      doc: mutate(base, (d) => void (nodeOf(d, 'oos-a', 'officeOnlineServer').siteId = 'dc2')),
      nodeIds: ['pool-a', 'pool-b', 'oos-a'],
      count: 1,
    },
    {
      name: 'both pools on one farm',
      doc: mutate(base, (d) => {
        d.links.find((l) => l.kind === 'officeOnline' && l.from === 'pool-b')!.to = 'oos-a';
      }),
      nodeIds: ['pool-a', 'pool-b', 'oos-a'],
      count: 1,
    },
  ],
  passes: [
    { name: 'a farm in each data center', doc: base },
    {
      name: 'the backup pool has no farm and the primary farm is in the primary site',
      doc: mutate(base, (d) => removeLinks(d, (l) => l.kind === 'officeOnline' && l.from === 'pool-b')),
    },
    {
      name: 'unpaired pools sharing a farm',
      doc: mutate(pairStandardEdition(), (d) => removeLinks(d, (l) => l.kind === 'pairing')),
    },
  ],
});

describe('OWAS rules on the reference designs', () => itPassesReferenceDesigns('OWAS', OWAS_RULES));

describe('OWAS details', () => {
  it('OWAS-SEPARATE-SERVER: one finding per machine, naming every role on it', () => {
    const doc = mutate(base, (d) => {
      nodeOf(d, 'oos-a', 'officeOnlineServer').fqdn = 'pool-a.contoso.com';
      nodeOf(d, 'edge-a', 'edgePool').fqdn = 'pool-a.contoso.com';
    });
    const found = findingsOf('OWAS-SEPARATE-SERVER', doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.nodeIds[0]).toBe('oos-a');
    expect(new Set(found[0]!.nodeIds)).toEqual(new Set(['oos-a', 'pool-a', 'edge-a']));
    expect(found[0]!.message).toContain('pool-a.contoso.com');
  });

  it('OWAS-DR-PLACEMENT: duplicate pairing links give one finding carrying both links', () => {
    const doc = mutate(pairStandardEdition(), (d) => addLink(d, { id: 'pair-2', kind: 'pairing', from: 'se-dr', to: 'se-hq' }));
    const found = findingsOf('OWAS-DR-PLACEMENT', doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.linkIds).toContain('pair-2');
    expect(found[0]!.linkIds).toHaveLength(2);
  });

  it('OWAS-DR-PLACEMENT names the data center when a farm sits with the partner', () => {
    const doc = mutate(base, (d) => {
      d.sites[1]!.datacenter = 'Dublin <DC>';
      nodeOf(d, 'oos-a', 'officeOnlineServer').siteId = 'dc2';
    });
    const [f] = findingsOf('OWAS-DR-PLACEMENT', doc);
    expect(f?.message).toContain('"Dublin <DC>"');
  });
});
