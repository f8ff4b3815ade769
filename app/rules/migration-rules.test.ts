/**
 * The rules of the catalogue's migration addendum that format v1 can already break
 * (LIFE-, MIG-, UPG-, COEX-), each with documents that trigger it and close ones that do not.
 */
import { describe, expect, it } from 'vitest';
import { defaultLink, defaultNode } from '../model/defaults';
import { pair2015Mirroring, pair2019AlwaysOn, pairStandardEdition, REFERENCE_DESIGNS } from '../model/samples';
import type { Topology } from '../model/schema';
import { COEX_RULES } from './coex-rules';
import { runRules } from './engine';
import { LIFE_RULES } from './life-rules';
import { MIG_RULES } from './mig-rules';
import { addLink, addNode, describeRule, findingsOf, mutate, nodeOf } from './rule-test-kit';
import { UPG_RULES } from './upg-rules';
import { catalogueRows } from './catalogue-view';
import { RULES } from './registry';
import { stripCode } from './rule-text';

const transition = (d: Topology) => void (d.deployment.mode = 'transition');

/**
 * A 2015 estate (pair2015Mirroring) in transition, with a 2019 pilot pool `pool-new`
 * beside it in New York and its own Back End.
 */
function pilot(f: (d: Topology) => void = () => {}): Topology {
  return mutate(pair2015Mirroring(), (d) => {
    transition(d);
    addNode(d, {
      ...defaultNode('frontEndPool', {
        id: 'pool-new',
        siteId: 'nyc',
        name: 'Pilot 2019',
        fqdn: 'pool-new.fabrikam.com',
        domain: 'fabrikam.com',
      }),
      users: 100,
    });
    addNode(d, defaultNode('sqlStore', { id: 'sql-new', siteId: 'nyc', name: 'Pilot Back End', fqdn: 'sql-new.fabrikam.com' }));
    addLink(d, defaultLink('backEnd', 'l-new-be', 'pool-new', 'sql-new'));
    f(d);
  });
}

// ---------------------------------------------------------------- LIFE

it('LIFE-EOS-GREENFIELD: the fix says to choose Subscription Edition, never to wait for a format that exists', () => {
  const f = runRules(pair2019AlwaysOn()).find((x) => x.ruleId === 'LIFE-EOS-GREENFIELD');
  expect(f?.fix).toMatch(/product version of these servers to Subscription Edition/);
  expect(f?.fix).not.toMatch(/format v2|model the design as 2019/);
});

it('the Rules page and docs/rules.md show the fix the engine gives, for every rule the engine checks', () => {
  const rows = new Map(catalogueRows().map((r) => [r.id, r]));
  for (const rule of RULES) {
    expect(rows.get(rule.id)?.fix, rule.id).toBe(rule.fix);
    expect(stripCode(rows.get(rule.id)?.markdown.fix ?? ''), rule.id).toBe(rule.fix);
  }
  expect(rows.get('LIFE-EOS-GREENFIELD')?.markdown.fix).toMatch(/product version of these servers to Subscription Edition/);
  expect(rows.get('LIFE-EOS-GREENFIELD')?.markdown.fix).not.toMatch(/format v2|model the design as 2019/);
});

describeRule('LIFE-EOS-GREENFIELD', {
  fires: [
    { name: 'a new 2019 design', doc: pair2019AlwaysOn(), nodeIds: ['pool-a', 'pool-b', 'edge-a', 'edge-b'], count: 1 },
    { name: 'a new 2015 design', doc: pair2015Mirroring(), nodeIds: ['pool-ny', 'edge-ny'], count: 1 },
  ],
  passes: [
    { name: 'the same 2019 design as a transition (LIFE-EOS-RETAINED speaks)', doc: mutate(pair2019AlwaysOn(), transition) },
    {
      name: 'a greenfield design with no Skype for Business server yet',
      doc: mutate(
        pair2019AlwaysOn(),
        (d) =>
          void (
            (d.nodes = d.nodes.filter((n) => n.kind === 'sqlStore' || n.kind === 'fileStore')),
            (d.links = []),
            (d.deployment.cmsHost = null)
          ),
      ),
    },
  ],
});

describeRule('LIFE-EOS-RETAINED', {
  fires: [
    {
      name: 'a 2019 estate in transition, nothing retired',
      doc: mutate(pair2019AlwaysOn(), transition),
      nodeIds: ['pool-a', 'edge-b'],
      count: 1,
    },
  ],
  passes: [{ name: 'the same estate as a new design (LIFE-EOS-GREENFIELD speaks)', doc: pair2019AlwaysOn() }],
});

describe('LIFE findings', () => {
  it('name both versions when a design mixes them', () => {
    const [f] = findingsOf(
      'LIFE-EOS-GREENFIELD',
      mutate(pilot(), (d) => void (d.deployment.mode = 'greenfield')),
    );
    expect(f?.message).toMatch(/^This new deployment is designed on Skype for Business Server 2015 and 2019 \(/);
    expect(f?.message).toContain('14 October 2025');
    expect(f?.docs.every((d) => d.startsWith('web:'))).toBe(true);
  });
});

// ---------------------------------------------------------------- MIG

describeRule('MIG-POOL-FQDN-UNIQUE', {
  fires: [
    {
      name: 'pilot pool reusing the legacy pool FQDN',
      doc: pilot((d) => void (nodeOf(d, 'pool-new', 'frontEndPool').fqdn = 'POOL-NY.fabrikam.com')),
      nodeIds: ['pool-ny', 'pool-new'],
      count: 1,
    },
    {
      name: 'a Standard Edition server with a pool FQDN',
      doc: mutate(pairStandardEdition(), (d) => void (nodeOf(d, 'se-dr', 'standardEditionServer').fqdn = 'se-hq.northwind.com')),
      nodeIds: ['se-hq', 'se-dr'],
    },
  ],
  passes: [
    { name: 'pilot pool with its own FQDN', doc: pilot() },
    {
      name: 'a Back End on the pool FQDN is no second pool',
      doc: pilot((d) => void (nodeOf(d, 'sql-new', 'sqlStore').fqdn = 'pool-new.fabrikam.com')),
    },
  ],
});

describeRule('MIG-MONARCH-NOT-MIGRATED', {
  fires: [
    {
      name: '2015 pool with a Monitoring store beside a 2019 pilot',
      doc: pilot((d) => {
        addNode(d, {
          ...defaultNode('sqlStore', { id: 'sql-mon', siteId: 'nyc', fqdn: 'sql-mon.fabrikam.com' }),
          haMode: 'none',
          ag: undefined,
        });
        addLink(d, defaultLink('store', 'l-mon', 'pool-ny', 'sql-mon'));
      }),
      nodeIds: ['pool-ny', 'sql-mon'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'only the newest pool has a Monitoring store',
      doc: pilot((d) => {
        addNode(d, {
          ...defaultNode('sqlStore', { id: 'sql-mon', siteId: 'nyc', fqdn: 'sql-mon.fabrikam.com' }),
          haMode: 'none',
          ag: undefined,
        });
        addLink(d, defaultLink('store', 'l-mon', 'pool-new', 'sql-mon'));
      }),
    },
    {
      name: 'same stores in a greenfield design',
      doc: mutate(pilot(), (d) => {
        d.deployment.mode = 'greenfield';
        addNode(d, {
          ...defaultNode('sqlStore', { id: 'sql-mon', siteId: 'nyc', fqdn: 'sql-mon.fabrikam.com' }),
          haMode: 'none',
          ag: undefined,
        });
        addLink(d, defaultLink('store', 'l-mon', 'pool-ny', 'sql-mon'));
      }),
    },
  ],
});

describeRule('MIG-CMS-LAST', {
  fires: [
    {
      name: 'CMS on the 2019 pilot while 2015 pools home users',
      doc: pilot((d) => void (d.deployment.cmsHost = 'pool-new')),
      nodeIds: ['pool-new', 'pool-ny'],
      count: 2,
    },
  ],
  passes: [
    { name: 'CMS still on the 2015 pool', doc: pilot() },
    {
      name: 'CMS moved after the 2015 pools were emptied',
      doc: pilot((d) => {
        d.deployment.cmsHost = 'pool-new';
        nodeOf(d, 'pool-ny', 'frontEndPool').users = 0;
        nodeOf(d, 'pool-ch', 'frontEndPool').users = 0;
      }),
    },
  ],
});

/** The 2015 estate emptied: every user on the 2019 pilot pool, the 2015 pools kept. */
const emptied = (f: (d: Topology) => void = () => {}) =>
  pilot((d) => {
    nodeOf(d, 'pool-ny', 'frontEndPool').users = 0;
    nodeOf(d, 'pool-ch', 'frontEndPool').users = 0;
    f(d);
  });

describeRule('MIG-CMS-ON-LEGACY', {
  fires: [
    {
      name: 'every user on the 2019 pool, the CMS left on the emptied 2015 pool',
      doc: emptied(),
      nodeIds: ['pool-ny', 'pool-new'],
      count: 1,
    },
    {
      name: '2019 to Subscription Edition side by side: users on the new pool, the CMS on a 2019 pool kept',
      doc: mutate(pair2019AlwaysOn(), (d) => {
        transition(d);
        nodeOf(d, 'pool-a', 'frontEndPool').users = 0;
        nodeOf(d, 'pool-b', 'frontEndPool').users = 0;
        addNode(d, {
          ...defaultNode('frontEndPool', { id: 'pool-se', siteId: 'dc1', name: 'Pool SE', fqdn: 'pool-se.contoso.com' }),
          productVersion: 'SE',
          users: 30000,
        });
      }),
      nodeIds: ['pool-a', 'pool-se'],
      count: 1,
    },
  ],
  passes: [
    { name: '2015 pools still home users (the CMS moves last)', doc: pilot() },
    { name: 'the CMS moved to the 2019 pool', doc: emptied((d) => void (d.deployment.cmsHost = 'pool-new')) },
    {
      name: 'the CMS pool is being retired (an error of its own, CMS-2019-MIGRATION)',
      doc: emptied((d) => void (nodeOf(d, 'pool-ny', 'frontEndPool').decommission = true)),
    },
    { name: 'a design that is not a migration', doc: emptied((d) => void (d.deployment.mode = 'greenfield')) },
  ],
});

it('MIG-CMS-ON-LEGACY names the pools and versions, and a Subscription Edition finding is marked inferred', () => {
  const [f] = findingsOf('MIG-CMS-ON-LEGACY', emptied());
  expect(f?.message).toMatch(
    /^The Central Management store is on .*\(Skype for Business Server 2015\) while every user is on Skype for Business Server 2019 \(.*Pilot 2019.*\)\. Microsoft's migration moves the CMS/,
  );
  expect(f?.severity).toBe('warning');
  expect(f?.docs[0]).toBe('Skype/SfBServer2019/migration/move-the-central-management-server.md');
});

// ---------------------------------------------------------------- UPG

describeRule('UPG-CU-PAIR-MISMATCH', {
  fires: [
    {
      name: 'paired 2019 pools at CU8 and CU7',
      doc: mutate(pair2019AlwaysOn(), (d) => void (nodeOf(d, 'pool-b', 'frontEndPool').cumulativeUpdate = 'CU7')),
      nodeIds: ['pool-a', 'pool-b'],
      count: 1,
    },
  ],
  passes: [
    {
      name: 'both at CU8, written differently',
      doc: mutate(pair2019AlwaysOn(), (d) => void (nodeOf(d, 'pool-b', 'frontEndPool').cumulativeUpdate = 'cu 8')),
    },
    {
      name: 'one pool without a cumulative update',
      doc: mutate(pair2019AlwaysOn(), (d) => void delete nodeOf(d, 'pool-b', 'frontEndPool').cumulativeUpdate),
    },
    {
      name: 'pools of different versions (PAIR-SAME-VERSION speaks)',
      doc: mutate(pair2019AlwaysOn(), (d) =>
        Object.assign(nodeOf(d, 'pool-b', 'frontEndPool'), { productVersion: '2015', cumulativeUpdate: 'CU12', os: 'WS2016' }),
      ),
    },
  ],
});

// ---------------------------------------------------------------- COEX

/** The pilot pool uses the 2015 Edge pool of New York for media, as Microsoft's pilot does. */
const pilotOnLegacyEdge = (f: (d: Topology) => void = () => {}) =>
  pilot((d) => (addLink(d, defaultLink('mediaEdge', 'l-new-edge', 'pool-new', 'edge-ny')), f(d)));

describeRule('COEX-EDGE-LEGACY-MEDIA', {
  fires: [
    { name: '2019 pilot pool on the 2015 Edge pool', doc: pilotOnLegacyEdge(), nodeIds: ['pool-new', 'edge-ny'], count: 1 },
  ],
  passes: [
    { name: 'the same in a greenfield design', doc: pilotOnLegacyEdge((d) => void (d.deployment.mode = 'greenfield')) },
    { name: '2015 pools on their 2015 Edge pools', doc: pilot() },
  ],
});

/** A 2019 Edge pool in New York whose next hop is `to`. */
const newEdge = (to: string) => (d: Topology) => {
  addNode(d, {
    ...defaultNode('edgePool', { id: 'edge-new', siteId: 'nyc', name: 'Edge 2019', fqdn: 'edge-new.fabrikam.com' }),
    servers: 2,
  });
  addLink(d, defaultLink('nextHop', 'l-edge-new-hop', 'edge-new', to));
};

describeRule('COEX-EDGE-NEXTHOP-LEGACY', {
  fires: [
    {
      name: '2019 Edge pool with the 2015 pool as next hop',
      doc: pilot(newEdge('pool-ny')),
      nodeIds: ['edge-new', 'pool-ny'],
      count: 1,
    },
  ],
  passes: [
    { name: '2019 Edge pool with the 2019 pilot as next hop', doc: pilot(newEdge('pool-new')) },
    {
      name: 'the same in a greenfield design',
      doc: mutate(pilot(newEdge('pool-ny')), (d) => void (d.deployment.mode = 'greenfield')),
    },
  ],
});

describeRule('COEX-EDGE-NEXTHOP-NEWER', {
  fires: [
    {
      name: '2015 Edge pool pointed at the 2019 pilot',
      doc: pilot((d) => void (d.links.find((l) => l.kind === 'nextHop' && l.from === 'edge-ny')!.to = 'pool-new')),
      nodeIds: ['edge-ny', 'pool-new'],
      count: 1,
    },
  ],
  passes: [
    { name: '2015 Edge pools with 2015 next hops', doc: pilot() },
    { name: 'a 2019 Edge pool with a 2015 next hop (COEX-EDGE-NEXTHOP-LEGACY speaks)', doc: pilot(newEdge('pool-ny')) },
  ],
});

describeRule('COEX-FEDERATION-MULTI', {
  fires: [
    {
      name: 'federation on both Edge pools during a migration',
      doc: pilot((d) => void (nodeOf(d, 'edge-ch', 'edgePool').federation = true)),
      nodeIds: ['edge-ny', 'edge-ch'],
      count: 1,
    },
  ],
  passes: [
    { name: 'federation on one Edge pool', doc: pilot() },
    {
      name: 'two federating Edge pools in a greenfield design',
      doc: mutate(pair2015Mirroring(), (d) => void (nodeOf(d, 'edge-ch', 'edgePool').federation = true)),
    },
  ],
});

/** A 2015 Persistent Chat pool homed on pool-ny, beside the 2019 pilot. */
const withChat = (f: (d: Topology) => void = () => {}) =>
  pilot((d) => {
    addNode(d, {
      ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'nyc', name: 'Chat', fqdn: 'pc.fabrikam.com' }),
      productVersion: '2015',
    });
    addLink(d, defaultLink('nextHop', 'l-pc-hop', 'pc', 'pool-ny'));
    f(d);
  });

describeRule('COEX-PCHAT-LEGACY-USERS', {
  fires: [{ name: '2015 Persistent Chat beside a 2019 pilot', doc: withChat(), nodeIds: ['pc', 'pool-ny'], count: 1 }],
  passes: [
    {
      name: 'no 2019 pool yet',
      doc: withChat(
        (d) =>
          void ((d.nodes = d.nodes.filter((n) => n.id !== 'pool-new')), (d.links = d.links.filter((l) => l.from !== 'pool-new'))),
      ),
    },
    { name: 'the same in a greenfield design', doc: withChat((d) => void (d.deployment.mode = 'greenfield')) },
  ],
});

describe('migration rules on the reference designs', () => {
  const rules = [...LIFE_RULES, ...MIG_RULES, ...UPG_RULES, ...COEX_RULES];
  for (const design of REFERENCE_DESIGNS)
    it(`${design.id}: no error, and no warning but the end-of-support one`, () => {
      const found = runRules(design.build(), rules).filter((f) => f.severity !== 'info' && f.ruleId !== 'LIFE-EOS-GREENFIELD');
      expect(found.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    });
});

describe('LIFE rules cite Microsoft first', () => {
  it("the out-of-support rules lead with Microsoft's lifecycle pages, then the catalogue's sources, each once", () => {
    for (const id of ['LIFE-EOS-GREENFIELD', 'LIFE-EOS-RETAINED', 'LIFE-EOS-DECOMMISSION']) {
      const rule = LIFE_RULES.find((r) => r.id === id)!;
      expect(rule.docs.slice(0, 2), id).toEqual([
        'web:https://learn.microsoft.com/lifecycle/products/skype-for-business-server-2019',
        'web:https://learn.microsoft.com/lifecycle/products/skype-for-business-server-2015',
      ]);
      expect(new Set(rule.docs).size, id).toBe(rule.docs.length);
      expect(rule.docs.length, id).toBeGreaterThan(2);
    }
  });
});
