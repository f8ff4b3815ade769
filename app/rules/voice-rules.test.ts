import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode } from '../model/defaults';
import { globalMultiSite, pair2019AlwaysOn } from '../model/samples';
import type { Topology } from '../model/schema';
import { addLink, addNode, describeRule, findingsOf, itPassesReferenceDesigns, mutate, nodeOf } from './rule-test-kit';
import { VOICE_RULES } from './voice-rules';

const base = pair2019AlwaysOn();
const global = globalMultiSite();

/** Adds survivable branches to the Boston branch of the global design, each backed up by na1. */
function withBostonBranches(doc: Topology, branches: { id: string; variant: 'sba' | 'sbs'; users: number }[]): Topology {
  return mutate(doc, (d) => {
    for (const b of branches) {
      addNode(d, {
        ...defaultNode('survivableBranch', { id: b.id, siteId: 'br-boston', fqdn: `${b.id}.tailspin.com` }),
        variant: b.variant,
        users: b.users,
      });
      addLink(d, defaultLink('backupRegistrar', `l-${b.id}`, b.id, 'na1'));
    }
  });
}

const pairing = (d: Topology) => {
  const l = d.links.find((x) => x.kind === 'pairing');
  if (!l || l.kind !== 'pairing') throw new Error('no pairing');
  return l;
};

describeRule('VOICE-SBA-MAX-TWO', {
  fires: [
    {
      name: 'three SBAs in one branch',
      doc: withBostonBranches(global, [
        { id: 'sba-bos2', variant: 'sba', users: 100 },
        { id: 'sba-bos3', variant: 'sba', users: 100 },
      ]),
      nodeIds: ['sba-bos', 'sba-bos2', 'sba-bos3'],
      count: 1,
    },
  ],
  passes: [
    { name: 'one SBA per branch', doc: global },
    {
      name: 'two SBAs and a Survivable Branch Server',
      doc: withBostonBranches(global, [
        { id: 'sba-bos2', variant: 'sba', users: 100 },
        { id: 'sbs-bos', variant: 'sbs', users: 100 },
      ]),
    },
  ],
});

describeRule('VOICE-FAILOVER-INTERVAL', {
  fires: [
    { name: 'a pairing with voice failover (default interval)', doc: base, nodeIds: ['pool-a', 'pool-b'], count: 1 },
    {
      name: 'a custom interval',
      doc: mutate(base, (d) => void (pairing(d).voiceFailoverSeconds = 120)),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'voice failover off', doc: mutate(base, (d) => void (pairing(d).voiceFailover = false)) },
    { name: 'voice failover not set', doc: mutate(base, (d) => void delete pairing(d).voiceFailover) },
  ],
});

const noCollocatedMediation = (doc: Topology) =>
  mutate(doc, (d) => {
    nodeOf(d, 'pool-a', 'frontEndPool').mediationCollocated = false;
    nodeOf(d, 'pool-b', 'frontEndPool').mediationCollocated = false;
  });

describeRule('VOICE-FAILOVER-ROUTE', {
  fires: [
    { name: 'paired pools with collocated Mediation', doc: base, nodeIds: ['pool-a', 'pool-b'], count: 1 },
    {
      name: 'one pool with collocated Mediation',
      doc: mutate(noCollocatedMediation(base), (d) => void (nodeOf(d, 'pool-b', 'frontEndPool').mediationCollocated = true)),
      nodeIds: ['pool-a', 'pool-b'],
    },
    {
      name: 'a stand-alone Mediation pool in the backup site',
      doc: mutate(noCollocatedMediation(base), (d) => addNode(d, defaultNode('mediationPool', { id: 'med-b', siteId: 'dc2' }))),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    { name: 'no Mediation anywhere', doc: noCollocatedMediation(base) },
    {
      name: 'a Mediation pool in a third site only',
      doc: mutate(noCollocatedMediation(base), (d) => {
        d.sites.push({ id: 'dc3', name: 'Paris', kind: 'central' });
        addNode(d, defaultNode('mediationPool', { id: 'med-c', siteId: 'dc3' }));
      }),
    },
  ],
});

describeRule('VOICE-BRANCH-SIZING', {
  fires: [
    {
      name: 'an SBA above 1,000 users',
      doc: mutate(global, (d) => void (nodeOf(d, 'sba-bos', 'survivableBranch').users = 1_001)),
      nodeIds: ['sba-bos'],
      count: 1,
    },
    {
      name: 'a Survivable Branch Server above 2,000 users',
      doc: mutate(global, (d) => {
        const b = nodeOf(d, 'sba-lyo', 'survivableBranch');
        b.variant = 'sbs';
        b.users = 2_001;
      }),
      nodeIds: ['sba-lyo'],
      count: 1,
    },
    {
      name: 'two SBAs of 1,000 and one SBS of 500 in one branch (2,500 users in all)',
      doc: withBostonBranches(
        mutate(global, (d) => void (nodeOf(d, 'sba-bos', 'survivableBranch').users = 1_000)),
        [
          { id: 'sba-bos2', variant: 'sba', users: 1_000 },
          { id: 'sbs-bos', variant: 'sbs', users: 500 },
        ],
      ),
      nodeIds: ['sba-bos', 'sba-bos2', 'sbs-bos'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'an SBA at exactly 1,000 users',
      doc: mutate(global, (d) => void (nodeOf(d, 'sba-bos', 'survivableBranch').users = 1_000)),
    },
    {
      name: 'an SBS at exactly 2,000 users',
      doc: mutate(global, (d) => {
        const b = nodeOf(d, 'sba-lyo', 'survivableBranch');
        b.variant = 'sbs';
        b.users = 2_000;
      }),
    },
    {
      name: 'two SBAs of 1,000 users (2,000 in all)',
      doc: withBostonBranches(
        mutate(global, (d) => void (nodeOf(d, 'sba-bos', 'survivableBranch').users = 1_000)),
        [{ id: 'sba-bos2', variant: 'sba', users: 1_000 }],
      ),
    },
  ],
});

describe('VOICE rules on the reference designs', () => itPassesReferenceDesigns('VOICE', VOICE_RULES));

describe('VOICE messages', () => {
  it('VOICE-FAILOVER-INTERVAL gives the interval of the pairing link, or the 300 s default', () => {
    expect(findingsOf('VOICE-FAILOVER-INTERVAL', base)[0]?.message).toContain('after 300 seconds');
    const custom = mutate(base, (d) => void (pairing(d).voiceFailoverSeconds = 1_800));
    const [f] = findingsOf('VOICE-FAILOVER-INTERVAL', custom);
    expect(f?.message).toContain('after 1,800 seconds');
    expect(f?.linkIds).toEqual([pairing(custom).id]);
  });

  it('VOICE-SBA-MAX-TWO points at the site', () => {
    const doc = withBostonBranches(global, [
      { id: 'sba-bos2', variant: 'sba', users: 100 },
      { id: 'sba-bos3', variant: 'sba', users: 100 },
    ]);
    const [f] = findingsOf('VOICE-SBA-MAX-TWO', doc);
    expect(f?.siteIds).toEqual(['br-boston']);
    expect(f?.message).toContain('Boston branch (br-boston) holds 3 Survivable Branch Appliances');
  });

  it('VOICE-BRANCH-SIZING puts the oversized appliance first and says why', () => {
    const doc = withBostonBranches(global, [{ id: 'sba-big', variant: 'sba', users: 1_500 }]);
    const [f] = findingsOf('VOICE-BRANCH-SIZING', doc);
    expect(f?.nodeIds).toEqual(['sba-big', 'sba-bos']);
    expect(f?.message).toContain('1,500 users (guidance: up to 1,000)');
  });

  it('VOICE-BRANCH-SIZING counts the branch total only in branch sites', () => {
    const doc = mutate(global, (d) => {
      // A central site holding branch appliances of 1,000 users each: only per-node limits apply.
      d.sites.find((s) => s.id === 'br-boston')!.kind = 'central';
    });
    const big = withBostonBranches(
      mutate(doc, (d) => void (nodeOf(d, 'sba-bos', 'survivableBranch').users = 1_000)),
      [
        { id: 'sba-bos2', variant: 'sba', users: 1_000 },
        { id: 'sba-bos3', variant: 'sba', users: 1_000 },
      ],
    );
    expect(findingsOf('VOICE-BRANCH-SIZING', big)).toEqual([]);
  });
});
