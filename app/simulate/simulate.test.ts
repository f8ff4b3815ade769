import { describe, expect, it } from 'vitest';
import { feFor, RECOVERY, REF } from '../model/reference-numbers';
import { pair2019AlwaysOn } from '../model/samples/index';
import type { Topology, TopologyNode } from '../model/schema';
import { backEnds, build, eePool, link, node, site, sqlNone } from './sim-test-kit';
import { simulateAllSites, simulateFailure } from './simulate';
import type { SimulationOutcome } from './types';

function run(doc: Topology, siteId: string): SimulationOutcome {
  const r = simulateFailure(doc, { siteId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Two 2019 pools, one per data center, paired; CMS on pool-a; Edge pool per site (federation on edge-a). */
function pair(opts: {
  usersA: number;
  usersB: number;
  feA: number;
  feB: number;
  version?: '2015' | '2019';
  voiceFailover?: boolean;
  regions?: [string, string];
}): Topology {
  const v = opts.version ?? '2019';
  const nodes: TopologyNode[] = [
    ...eePool('pool-a', 'dc1', opts.usersA, opts.feA, { productVersion: v, os: v === '2015' ? 'WS2016' : 'WS2019' }),
    ...eePool('pool-b', 'dc2', opts.usersB, opts.feB, { productVersion: v, os: v === '2015' ? 'WS2016' : 'WS2019' }),
    node('edgePool', 'edge-a', 'dc1', { federation: true, productVersion: v }),
    node('edgePool', 'edge-b', 'dc2', { productVersion: v }),
  ];
  return build({
    sites: [site('dc1', opts.regions?.[0] ?? 'EU'), site('dc2', opts.regions?.[1] ?? 'EU')],
    nodes,
    links: [
      ...backEnds(nodes),
      link('pairing', 'pool-a', 'pool-b', { voiceFailover: opts.voiceFailover ?? true }),
      link('nextHop', 'edge-a', 'pool-a'),
      link('nextHop', 'edge-b', 'pool-b'),
      link('mediaEdge', 'pool-a', 'edge-a'),
      link('mediaEdge', 'pool-b', 'edge-b'),
    ],
    cmsHost: 'pool-a',
  });
}

describe('pool failover and capacity', () => {
  const base12k = (() => {
    const doc = pair({ usersA: 12_000, usersB: 12_000, feA: 6, feB: 6 });
    return () => doc;
  })();

  it('moves a lost pool to its partner when the partner can carry both pools', () => {
    const o = run(base12k(), 'dc1');
    expect(o.failedSite).toBe('dc1');
    const pairing = base12k().links.find((l) => l.kind === 'pairing')!;
    expect(o.failovers).toEqual([
      expect.objectContaining({ pool: 'pool-a', to: 'pool-b', usersMoved: 12_000, supported: true, pairingLink: pairing.id }),
    ]);
    expect(o.pools).toHaveLength(1);
    const b = o.pools[0]!;
    expect(b).toMatchObject({
      id: 'pool-b',
      users: 24_000,
      frontEndServers: 6,
      maxUsers: Math.min(REF.maxPoolUsers['2019'], 6 * REF.usersPerFe),
      usersPerServer: 4_000,
      overCapacity: false,
      reasons: [],
      quorum: { count: 3, ofFirst: null },
    });
    expect(b.serversNeeded).toBe(feFor(24_000));
    expect(o.usersWithoutService).toBe(0);
    expect(o.users).toEqual({ total: 24_000, moved: 12_000, withoutService: 0, staying: 12_000 });
  });

  it('flags the surviving pool as over capacity when it has too few Front End servers, and says why', () => {
    const o = run(pair({ usersA: 15_000, usersB: 15_000, feA: 3, feB: 3 }), 'dc1');
    const b = o.pools.find((p) => p.id === 'pool-b')!;
    expect(b.users).toBe(30_000);
    expect(b.maxUsers).toBe(3 * REF.usersPerFe);
    expect(b.overCapacity).toBe(true);
    expect(b.reasons.join(' ')).toContain(`need ${feFor(30_000)} Front End servers`);
    expect(b.fraction).toBeGreaterThan(1);
    expect(o.notes.some((n) => n.startsWith('Over capacity: pool-b'))).toBe(true);
    expect(o.notes[0]).toContain('over capacity: pool-b');
  });

  it('flags a failover load above the per-pool maximum and recalls the paired-pool planning figure', () => {
    const o = run(pair({ usersA: 45_000, usersB: 45_000, feA: 12, feB: 12, version: '2015' }), 'dc2');
    const a = o.pools.find((p) => p.id === 'pool-a')!;
    expect(a.users).toBe(90_000);
    expect(a.overCapacity).toBe(true);
    expect(a.maxUsers).toBe(Math.min(REF.maxPoolUsers['2015'], 12 * REF.usersPerFe));
    const why = a.reasons.join(' ');
    expect(why).toContain('80,000');
    expect(why).toContain('40,000');
  });

  it('counts branch users of the surviving pool in its load, but does not move the lost pool’s branch users', () => {
    const base = pair({ usersA: 10_000, usersB: 10_000, feA: 5, feB: 5 });
    const doc = build({
      sites: [...base.sites, site('br1', 'EU', 'branch'), site('br2', 'EU', 'branch')],
      nodes: [
        ...base.nodes,
        node('survivableBranch', 'sba-1', 'br1', { users: 400 }),
        node('survivableBranch', 'sba-2', 'br2', { users: 250 }),
      ],
      links: [...base.links, link('backupRegistrar', 'sba-1', 'pool-b'), link('backupRegistrar', 'sba-2', 'pool-a')],
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'dc1');
    const b = o.pools.find((p) => p.id === 'pool-b')!;
    expect(b).toMatchObject({ users: 10_000 + 400 + 10_000, ownUsers: 10_000, branchUsers: 400, usersReceived: 10_000 });
    expect(o.withoutService).toEqual([
      { node: 'sba-2', kind: 'survivableBranch', users: 250, reason: 'backupRegistrarLost', keepsBasicVoice: true },
    ]);
    expect(o.usersWithoutService).toBe(250);
  });

  it('sizes a Standard Edition server carrying its partner at 5,000 users', () => {
    const doc = build({
      sites: [site('hq'), site('dr')],
      nodes: [
        node('standardEditionServer', 'se-a', 'hq', { users: 3_000 }),
        node('standardEditionServer', 'se-b', 'dr', { users: 2_500 }),
      ],
      links: [link('pairing', 'se-a', 'se-b')],
      cmsHost: 'se-a',
    });
    const o = run(doc, 'hq');
    const b = o.pools[0]!;
    expect(b).toMatchObject({
      id: 'se-b',
      kind: 'standardEditionServer',
      users: 5_500,
      maxUsers: REF.seUsersWithPartner,
      frontEndServers: 1,
      overCapacity: true,
    });
    expect(b.reasons[0]).toContain('5,000');
    const cmsStep = o.steps.find((s) => s.title.includes('Central Management store'))!;
    expect(
      cmsStep.commands.some(
        (c) =>
          c === "Invoke-CsManagementServerFailover -BackupSqlServerFqdn se-b.contoso.com -BackupSqlInstanceName 'RTC' -Force",
      ),
    ).toBe(true);
  });

  it('marks a failover between pools of different versions as unsupported', () => {
    const base = pair({ usersA: 5_000, usersB: 5_000, feA: 3, feB: 3 });
    const doc = build({
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'pool-b' ? { ...n, productVersion: '2015' as const, os: 'WS2019' as const } : n)),
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'dc1');
    expect(o.failovers[0]!.supported).toBe(false);
    expect(o.failovers[0]!.caveats.join(' ')).toContain('PAIR-SAME-VERSION');
  });

  it('reports automatic voice failover only when the pairing has it', () => {
    const on = run(pair({ usersA: 1_000, usersB: 1_000, feA: 3, feB: 3 }), 'dc1');
    expect(on.failovers[0]!.voiceFailoverSeconds).toBe(RECOVERY.voiceFailoverSeconds);
    const off = run(pair({ usersA: 1_000, usersB: 1_000, feA: 3, feB: 3, voiceFailover: false }), 'dc1');
    expect(off.failovers[0]!.voiceFailoverSeconds).toBeNull();
    expect(off.notes.some((n) => n.includes('no automatic voice failover'))).toBe(true);
  });
});

describe('Central Management store', () => {
  it('fails the CMS over to the partner, before the pool failover, in notes and steps', () => {
    const o = run(pair({ usersA: 10_000, usersB: 10_000, feA: 5, feB: 5 }), 'dc1');
    expect(o.cms).toEqual({ from: 'pool-a', to: 'pool-b', how: 'failover', rebuildCandidate: null });
    const cmsNote = o.notes.findIndex((n) => n.includes('Central Management store'));
    const poolNote = o.notes.findIndex((n) => n.includes('Invoke-CsPoolFailover'));
    expect(cmsNote).toBeGreaterThanOrEqual(0);
    expect(cmsNote).toBeLessThan(poolNote);
    const stepOf = (text: string) => o.steps.findIndex((s) => s.commands.some((c) => c.includes(text)));
    expect(stepOf('Invoke-CsManagementServerFailover -BackupSqlServerFqdn pool-b-be.contoso.com')).toBeLessThan(
      stepOf('Invoke-CsPoolFailover -PoolFqdn pool-a.contoso.com -DisasterMode'),
    );
    expect(o.steps.map((s) => s.order)).toEqual(o.steps.map((_, i) => i + 1));
    expect(o.recovery.map((r) => r.kind)).toEqual(['poolFailover', 'cmsFailover']);
    expect(o.recovery[1]).toMatchObject({
      rtoMinutes: [RECOVERY.cmsFailover.rtoMinutes, RECOVERY.cmsFailover.rtoMinutes],
      rpoMinutes: RECOVERY.cmsFailover.rpoMinutes,
    });
  });

  it('fails the CMS over when its host survives but the Back End holding the CMS database is lost', () => {
    const nodes: TopologyNode[] = [
      node('frontEndPool', 'pool-a', 'dc2', { users: 2_000 }),
      sqlNone('sql-a', 'dc1'),
      ...eePool('pool-b', 'dc3', 2_000, 3),
    ];
    const o = run(
      build({
        sites: [site('dc1'), site('dc2'), site('dc3')],
        nodes,
        links: [link('backEnd', 'pool-a', 'sql-a'), ...backEnds(nodes), link('pairing', 'pool-a', 'pool-b')],
        cmsHost: 'pool-a',
      }),
      'dc1',
    );
    expect(o.failovers).toEqual([]);
    expect(o.backEnds).toEqual([
      { store: 'sql-a', pools: ['pool-a'], role: 'backEnd', status: 'lost', to: null, automatic: false },
    ]);
    expect(o.cms).toEqual({ from: 'pool-a', to: 'pool-b', how: 'failover', rebuildCandidate: null });
    expect(o.notes.find((n) => n.includes('Central Management store'))).toContain('whose Back End sql-a is lost');
  });

  it('leaves the CMS alone when its host survives', () => {
    expect(run(pair({ usersA: 1_000, usersB: 1_000, feA: 3, feB: 3 }), 'dc2').cms).toBeNull();
  });

  it('has no standby CMS when the host is not paired: to is null and the note says how to recover', () => {
    const nodes = [...eePool('pool-a', 'dc1', 5_000, 3), ...eePool('pool-b', 'dc2', 5_000, 3)];
    const doc = build({ sites: [site('dc1'), site('dc2')], nodes, links: backEnds(nodes), cmsHost: 'pool-a' });
    const o = run(doc, 'dc1');
    expect(o.cms).toEqual({ from: 'pool-a', to: null, how: 'rebuild', rebuildCandidate: 'pool-b' });
    const note = o.notes.find((n) => n.includes('Central Management store'))!;
    expect(note).toContain('no standby CMS');
    expect(note).toContain('CMS-HOST-PAIRED');
    expect(o.steps[0]!.commands[0]).toBe(
      'Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn pool-b-be.contoso.com',
    );
    expect(o.recovery.some((r) => r.kind === 'cmsFailover')).toBe(false);
  });
});

describe('users without service', () => {
  it('counts the users of an unpaired lost pool', () => {
    const nodes = [...eePool('pool-a', 'dc1', 7_000, 3), ...eePool('pool-b', 'dc2', 4_000, 3)];
    const o = run(build({ sites: [site('dc1'), site('dc2')], nodes, links: backEnds(nodes), cmsHost: 'pool-b' }), 'dc1');
    expect(o.failovers).toEqual([]);
    expect(o.pools).toEqual([]);
    expect(o.usersWithoutService).toBe(7_000);
    expect(o.withoutService).toEqual([
      { node: 'pool-a', kind: 'frontEndPool', users: 7_000, reason: 'unpaired', keepsBasicVoice: false },
    ]);
    expect(o.rto).toBeNull();
    expect(o.rpo).toBeNull();
  });

  it('counts both pools of a pair that sits in one data center', () => {
    const nodes = [...eePool('pool-a', 'dc1', 3_000, 3), ...eePool('pool-b', 'dc1', 2_000, 3)];
    const o = run(
      build({
        sites: [site('dc1'), site('dc2')],
        nodes,
        links: [...backEnds(nodes), link('pairing', 'pool-a', 'pool-b')],
        cmsHost: 'pool-a',
      }),
      'dc1',
    );
    expect(o.usersWithoutService).toBe(5_000);
    expect(o.withoutService.map((w) => w.reason)).toEqual(['partnerLost', 'partnerLost']);
    expect(o.cms).toMatchObject({ to: null, how: 'rebuild', rebuildCandidate: null });
  });

  it('counts branch users whose backup registrar is lost, and says precisely what they keep and lose', () => {
    const base = pair({ usersA: 8_000, usersB: 8_000, feA: 4, feB: 4 });
    const doc = build({
      sites: [...base.sites, site('branch', 'EU', 'branch')],
      nodes: [...base.nodes, node('survivableBranch', 'sba', 'branch', { users: 600 })],
      links: [...base.links, link('backupRegistrar', 'sba', 'pool-a')],
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'dc1');
    expect(o.failovers[0]!.usersMoved).toBe(8_000); // branch users do not fail over with the pool
    expect(o.usersWithoutService).toBe(600);
    expect(o.withoutService[0]).toMatchObject({ node: 'sba', reason: 'backupRegistrarLost', keepsBasicVoice: true });
    const note = o.notes.find((n) => n.includes('branch appliance'))!;
    expect(note).toContain('keep basic voice');
    expect(note).toContain('lose presence, conferencing');
    expect(note).toContain('disaster recovery does not extend to branch users');
  });

  it('sends users of a lost branch appliance to its surviving backup registrar', () => {
    const base = pair({ usersA: 8_000, usersB: 8_000, feA: 4, feB: 4 });
    const doc = build({
      sites: [...base.sites, site('branch', 'EU', 'branch')],
      nodes: [...base.nodes, node('survivableBranch', 'sba', 'branch', { users: 600 })],
      links: [...base.links, link('backupRegistrar', 'sba', 'pool-a')],
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'branch');
    expect(o.branchFailovers).toEqual([{ branch: 'sba', to: 'pool-a', users: 600 }]);
    expect(o.usersWithoutService).toBe(0);
    expect(o.pools.map((p) => [p.id, p.users])).toEqual([['pool-a', 8_600]]);
    expect(o.users).toEqual({ total: 16_600, moved: 600, withoutService: 0, staying: 16_000 });
  });
});

describe('recovery targets', () => {
  it('gives the pool failover RTO/RPO and warns when the pair is larger than the measurement basis or spans regions', () => {
    const small = run(pair({ usersA: 10_000, usersB: 10_000, feA: 5, feB: 5 }), 'dc1');
    expect(small.rto).toMatchObject({ minutes: RECOVERY.poolFailover.rtoMinutes, kind: 'poolFailover', caveats: [] });
    expect(small.rpo).toMatchObject({ minutes: RECOVERY.poolFailover.rpoMinutes });

    const big = run(pair({ usersA: 30_000, usersB: 30_000, feA: 12, feB: 12, regions: ['EU', 'NA'] }), 'dc1');
    const caveats = big.rto!.caveats.join(' ');
    expect(caveats).toContain('60,000');
    expect(caveats).toContain(`${RECOVERY.measurementBasis.concurrentUsers.toLocaleString('en-US')} concurrently active users`);
    expect(caveats).toContain('different world regions (EU, NA)');
    expect(big.notes.filter((n) => n.includes('NUM-MEASUREMENT-BASIS'))).toHaveLength(2);
  });
});

describe('Edge, Director and federation', () => {
  it('moves federation to the surviving Edge pool and lists the Topology Builder steps', () => {
    const o = run(pair({ usersA: 5_000, usersB: 5_000, feA: 3, feB: 3 }), 'dc1');
    expect(o.edge.lost).toEqual(['edge-a']);
    expect(o.edge.federation).toEqual({ from: 'edge-a', to: 'edge-b' });
    const step = o.steps.find((s) => s.title === 'Move SIP federation from edge-a to edge-b')!;
    expect(step.tool).toBe('TB');
    expect(step.commands.join('\n')).toContain('Enable federation for this Edge pool (Port 5061)');
    expect(o.steps.indexOf(step)).toBeGreaterThan(o.steps.findIndex((s) => s.title.startsWith('Fail the users of pool-a')));
  });

  it('says federation stays down when no Edge pool survives', () => {
    const nodes = [
      ...eePool('pool-a', 'dc1', 2_000, 3),
      ...eePool('pool-b', 'dc2', 2_000, 3),
      node('edgePool', 'edge-a', 'dc1', { federation: true }),
    ];
    const o = run(
      build({
        sites: [site('dc1'), site('dc2')],
        nodes,
        links: [
          ...backEnds(nodes),
          link('pairing', 'pool-a', 'pool-b'),
          link('nextHop', 'edge-a', 'pool-a'),
          link('mediaEdge', 'pool-b', 'edge-a'),
        ],
        cmsHost: 'pool-b',
      }),
      'dc1',
    );
    expect(o.edge.federation).toEqual({ from: 'edge-a', to: null });
    expect(o.edge.mediaEdges).toEqual([{ pool: 'pool-b', from: 'edge-a', to: null }]);
    expect(o.notes.some((n) => n.includes('EDGE-FEDERATION-STANDBY'))).toBe(true);
  });

  it('moves XMPP federation only to a 2015 Edge pool, quoting the site name for PowerShell', () => {
    const nodes: TopologyNode[] = [
      ...eePool('pool-a', 'dc1', 2_000, 3, { productVersion: '2015', os: 'WS2016' }),
      ...eePool('pool-b', 'dc2', 2_000, 3, { productVersion: '2015', os: 'WS2016' }),
      node('edgePool', 'edge-a', 'dc1', { productVersion: '2015', federation: true, xmpp: true }),
      node('edgePool', 'edge-b', 'dc2', { productVersion: '2015' }),
      node('edgePool', 'edge-c', 'dc2', { productVersion: '2019', servers: 8 }),
    ];
    const doc = build({
      sites: [site('dc1'), { id: 'dc2', name: "O'Hare $(rm -rf) `x`\n\u202eDC", kind: 'central' }],
      nodes,
      links: [
        ...backEnds(nodes),
        link('pairing', 'pool-a', 'pool-b'),
        link('nextHop', 'edge-a', 'pool-a'),
        link('nextHop', 'edge-b', 'pool-b'),
        link('nextHop', 'edge-c', 'pool-b'),
      ],
      cmsHost: 'pool-b',
    });
    const o = run(doc, 'dc1');
    expect(o.edge.xmpp).toEqual({ from: 'edge-a', to: 'edge-b' });
    const cmd = o.steps.find((s) => s.title.startsWith('Move XMPP'))!.commands.find((c) => c.startsWith('Set-CsSite'))!;
    expect(cmd).toBe(
      "Set-CsSite -Identity 'site:O''Hare $(rm -rf) `x` DC' -XmppExternalFederationRoute <an Edge server FQDN of edge-b.contoso.com>",
    );
    for (const n of o.notes) expect(n).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it('re-points a surviving Edge pool whose next hop was lost: partner first, in the same site through Topology Builder', () => {
    const nodes = [
      ...eePool('pool-a', 'dc1', 2_000, 3),
      ...eePool('pool-b', 'dc2', 2_000, 3),
      node('edgePool', 'edge-b', 'dc2', { federation: true }),
    ];
    const o = run(
      build({
        sites: [site('dc1'), site('dc2')],
        nodes,
        links: [...backEnds(nodes), link('pairing', 'pool-a', 'pool-b'), link('nextHop', 'edge-b', 'pool-a')],
        cmsHost: 'pool-a',
      }),
      'dc1',
    );
    expect(o.edge.nextHops).toEqual([{ edge: 'edge-b', from: 'pool-a', to: 'pool-b', via: 'topologyBuilder' }]);
    const titles = o.steps.map((s) => s.title);
    // CMS first (the change needs a working CMS), then the next hop, then the pool failover that would otherwise refuse to run.
    expect(titles.indexOf('Fail over the Central Management store from pool-a to pool-b')).toBeLessThan(
      titles.indexOf('Point Edge pool edge-b at pool-b as next hop'),
    );
    expect(titles.indexOf('Point Edge pool edge-b at pool-b as next hop')).toBeLessThan(
      titles.indexOf('Fail the users of pool-a over to pool-b'),
    );
  });

  it('re-points an Edge pool whose Director was lost: a Director in its own site first, through Topology Builder', () => {
    const nodes = [
      ...eePool('pool-a', 'dc1', 2_000, 3),
      ...eePool('pool-b', 'dc2', 2_000, 3),
      node('directorPool', 'dir-a', 'dc1'),
      node('directorPool', 'dir-b', 'dc2'),
      node('edgePool', 'edge-b', 'dc2', { federation: true }),
    ];
    const o = run(
      build({
        sites: [site('dc1'), site('dc2')],
        nodes,
        links: [...backEnds(nodes), link('pairing', 'pool-a', 'pool-b'), link('nextHop', 'edge-b', 'dir-a')],
        cmsHost: 'pool-b',
      }),
      'dc1',
    );
    expect(o.directorsLost).toEqual(['dir-a']);
    expect(o.edge.nextHops).toEqual([{ edge: 'edge-b', from: 'dir-a', to: 'dir-b', via: 'topologyBuilder' }]);
    expect(o.notes.some((n) => n.startsWith('Director pool dir-a is lost'))).toBe(true);
  });

  it('re-points an Edge pool in a site with no pool to where the users went, with Set-CsEdgeServer', () => {
    const nodes = [
      ...eePool('pool-a', 'dc1', 2_000, 3),
      ...eePool('pool-b', 'dc2', 2_000, 3),
      node('directorPool', 'dir-a', 'dc1'),
      node('edgePool', 'edge-c', 'dc3', { federation: true }),
    ];
    const o = run(
      build({
        sites: [site('dc1'), site('dc2'), site('dc3')],
        nodes,
        links: [...backEnds(nodes), link('pairing', 'pool-a', 'pool-b'), link('nextHop', 'edge-c', 'dir-a')],
        cmsHost: 'pool-b',
      }),
      'dc1',
    );
    expect(o.edge.nextHops).toEqual([{ edge: 'edge-c', from: 'dir-a', to: 'pool-b', via: 'managementShell' }]);
    expect(
      o.steps.some((s) =>
        s.commands.includes('Set-CsEdgeServer -Identity EdgeServer:edge-c.contoso.com -Registrar Registrar:pool-b.contoso.com'),
      ),
    ).toBe(true);
  });

  it('moves remote users to the surviving Edge pool and checks its capacity', () => {
    const base = pair({ usersA: 5_000, usersB: 5_000, feA: 3, feB: 3 });
    const doc = build({
      ...base,
      nodes: base.nodes.map((n) => (n.kind === 'edgePool' ? { ...n, concurrentRemoteUsers: 20_000 } : n)),
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'dc1');
    expect(o.edge.remoteAccess).toEqual([{ from: 'edge-a', to: 'edge-b', remoteUsers: 20_000 }]);
    expect(o.edge.loads).toEqual([
      { id: 'edge-b', servers: 2, remoteUsers: 40_000, maxRemoteUsers: 2 * REF.remoteUsersPerEdge['2019'], overCapacity: true },
    ]);
  });

  it('re-associates a surviving pool whose media Edge was lost', () => {
    const base = pair({ usersA: 5_000, usersB: 5_000, feA: 3, feB: 3 });
    const o = simulateFailure(base, { poolId: 'edge-a' });
    expect(o.ok && o.value.edge.mediaEdges).toEqual([{ pool: 'pool-a', from: 'edge-a', to: 'edge-b' }]);
    expect(o.ok && o.value.failovers).toEqual([]);
  });
});

describe('Back End and other stores of surviving pools', () => {
  /** pool-b in dc2 whose mirrored Back End principal sits in dc1 (BE-LOCAL-TO-POOL), mirror in dc2. */
  function crossSiteMirror(witnessSite: string | null): Topology {
    const nodes: TopologyNode[] = [
      ...eePool('pool-a', 'dc1', 2_000, 3, { productVersion: '2015', os: 'WS2016' }),
      node('frontEndPool', 'pool-b', 'dc2', { productVersion: '2015', os: 'WS2016', users: 2_000 }),
      { ...sqlNone('sql-b', 'dc1'), haMode: 'mirroring', sqlVersion: '2016' },
      { ...sqlNone('sql-b-m', 'dc2'), sqlVersion: '2016' },
      ...(witnessSite ? [{ ...sqlNone('sql-b-w', witnessSite), sqlVersion: '2016' as const }] : []),
    ];
    const links = [
      link('backEnd', 'pool-a', 'pool-a-be'),
      link('backEnd', 'pool-b', 'sql-b'),
      link('mirror', 'sql-b', 'sql-b-m'),
      ...(witnessSite ? [link('witness', 'sql-b', 'sql-b-w')] : []),
      link('pairing', 'pool-a', 'pool-b'),
    ];
    return build({ sites: [site('dc1'), site('dc2')], nodes, links, cmsHost: 'pool-a' });
  }

  it('fails a mirrored Back End over automatically when mirror and witness survive (5/5)', () => {
    const o = run(crossSiteMirror('dc2'), 'dc1');
    expect(o.backEnds).toEqual([
      { store: 'sql-b', pools: ['pool-b'], role: 'backEnd', status: 'mirrorAutomatic', to: 'sql-b-m', automatic: true },
    ]);
    expect(o.recovery.find((r) => r.kind === 'backEndMirrorFailover')).toMatchObject({
      rtoMinutes: [5, 5],
      rpoMinutes: 5,
      appliesTo: ['sql-b'],
    });
    // pool-b's Back End feeds the CMS failover, so it is dealt with first.
    expect(o.notes.findIndex((n) => n.includes('sql-b'))).toBeLessThan(
      o.notes.findIndex((n) => n.includes('First fail over the Central Management store')),
    );
  });

  it('needs a manual database failover when the witness is lost too', () => {
    const o = run(crossSiteMirror('dc1'), 'dc1');
    expect(o.backEnds[0]).toMatchObject({ status: 'mirrorManual', automatic: false });
    const step = o.steps.find((s) => s.title.startsWith('Fail the Back End of pool-b'))!;
    expect(step.commands).toContain(
      'Invoke-CsDatabaseFailover -PoolFqdn pool-b.contoso.com -DatabaseType User -NewPrincipal Mirror -Force',
    );
    expect(o.notes.some((n) => n.includes(`about ${RECOVERY.mirrorNoWitnessGraceMinutes} minutes`))).toBe(true);
  });

  it('uses an AG replica in a surviving site', () => {
    const nodes: TopologyNode[] = [...eePool('pool-a', 'dc1', 2_000, 3), node('frontEndPool', 'pool-b', 'dc2', { users: 2_000 })];
    const be = node('sqlStore', 'sql-b', 'dc1');
    be.ag = {
      listenerFqdn: be.fqdn,
      listenerPort: 1433,
      replicas: [
        { fqdn: 'r1.contoso.com', siteId: 'dc1', commitMode: 'synchronous', failoverMode: 'automatic', readable: false },
        { fqdn: 'r2.contoso.com', siteId: 'dc2', commitMode: 'asynchronous', failoverMode: 'manual', readable: false },
      ],
    };
    const o = run(
      build({
        sites: [site('dc1'), site('dc2')],
        nodes: [...nodes, be],
        links: [link('backEnd', 'pool-a', 'pool-a-be'), link('backEnd', 'pool-b', 'sql-b'), link('pairing', 'pool-a', 'pool-b')],
        cmsHost: 'pool-b',
      }),
      'dc1',
    );
    expect(o.backEnds[0]).toMatchObject({ store: 'sql-b', status: 'agFailover', to: 'r2.contoso.com', automatic: false });
    expect(o.steps.some((s) => s.tool === 'SQL' && s.commands.join(' ').includes('FORCE_FAILOVER_ALLOW_DATA_LOSS'))).toBe(true);
  });

  it('reports a lost Monitoring store used by a surviving pool', () => {
    const base = pair({ usersA: 2_000, usersB: 2_000, feA: 3, feB: 3 });
    const doc = build({
      ...base,
      nodes: [...base.nodes, sqlNone('mon', 'dc1')],
      links: [...base.links, link('store', 'pool-b', 'mon', { role: 'monitoring' })],
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'dc1');
    expect(o.backEnds).toEqual([
      { store: 'mon', pools: ['pool-b'], role: 'monitoring', status: 'lost', to: null, automatic: false },
    ]);
  });

  it('reports file stores and Office Online farms lost while surviving pools use them', () => {
    const base = pair({ usersA: 2_000, usersB: 2_000, feA: 3, feB: 3 });
    const doc = build({
      ...base,
      nodes: [
        ...base.nodes,
        node('fileStore', 'fs-a', 'dc1'),
        node('officeOnlineServer', 'oos-a', 'dc1'),
        node('officeOnlineServer', 'oos-b', 'dc2'),
      ],
      links: [
        ...base.links,
        link('fileStore', 'pool-a', 'fs-a'),
        link('fileStore', 'pool-b', 'fs-a'),
        link('officeOnline', 'pool-b', 'oos-a'),
      ],
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'dc1');
    expect(o.fileStores).toEqual([{ fileStore: 'fs-a', usedBy: ['pool-b'] }]);
    expect(o.officeOnline).toEqual([{ pool: 'pool-b', from: 'oos-a', to: 'oos-b' }]);
    expect(o.notes.some((n) => n.includes('PowerPoint presentations'))).toBe(true);
    expect(o.steps.some((s) => s.title === 'Associate pool-b with Office Online Server oos-b')).toBe(true);
  });

  it('restores conference content from the partner when a surviving pool loses its own file store', () => {
    const base = pair({ usersA: 2_000, usersB: 2_000, feA: 3, feB: 3 });
    const doc = build({
      ...base,
      sites: [...base.sites, site('dc3')],
      nodes: [...base.nodes, node('fileStore', 'fs-b', 'dc3')],
      links: [...base.links, link('fileStore', 'pool-b', 'fs-b')],
      cmsHost: 'pool-a',
    });
    const o = run(doc, 'dc3');
    expect(o.fileStores).toEqual([{ fileStore: 'fs-b', usedBy: ['pool-b'] }]);
    expect(o.steps[0]!.commands[0]).toBe(
      'Invoke-CsBackupServiceSync -PoolFqdn pool-a.contoso.com -BackupModule ConfServices.DataConf',
    );
  });
});

describe('Persistent Chat', () => {
  function stretched(): Topology {
    const nodes: TopologyNode[] = [
      ...eePool('pool-a', 'dc1', 2_000, 3, { productVersion: '2015', os: 'WS2016' }),
      ...eePool('pool-b', 'dc2', 2_000, 3, { productVersion: '2015', os: 'WS2016' }),
      node('persistentChatPool', 'pc', 'dc1', {
        compliance: true,
        servers: [
          { siteId: 'dc1', active: true },
          { siteId: 'dc1', active: true },
          { siteId: 'dc2', active: false },
          { siteId: 'dc2', active: false },
        ],
      }),
      { ...sqlNone('pc-db', 'dc1'), sqlVersion: '2014', haMode: 'mirroring' },
      { ...sqlNone('pc-db-m', 'dc1'), sqlVersion: '2014' },
      { ...sqlNone('pc-backup', 'dc2'), sqlVersion: '2014' },
      node('fileStore', 'fs-pc', 'dc1'),
    ];
    const links = [
      ...backEnds(nodes),
      link('pairing', 'pool-a', 'pool-b'),
      link('store', 'pc', 'pc-db', { role: 'persistentChat' }),
      link('mirror', 'pc-db', 'pc-db-m'),
      link('logShipping', 'pc-db', 'pc-backup'),
      link('nextHop', 'pc', 'pool-a'),
      link('fileStore', 'pc', 'fs-pc'),
    ];
    return build({ sites: [site('dc1'), site('dc2')], nodes, links, cmsHost: 'pool-a' });
  }

  it('activates the standby servers and fails the database over to the log-shipping secondary', () => {
    const o = run(stretched(), 'dc1');
    expect(o.persistentChat).toEqual([
      {
        pool: 'pc',
        status: 'standbyTakesOver',
        serversLost: 2,
        activeLost: 2,
        standbyToActivate: 2,
        database: 'logShippingFailover',
        databaseTo: 'pc-backup',
        nextHop: { from: 'pool-a', to: 'pool-b' },
      },
    ]);
    const all = o.steps.flatMap((s) => s.commands).join('\n');
    expect(all).toContain("Set-CsPersistentChatState -Identity 'PersistentChatServer:pc.contoso.com' -PoolState FailedOver");
    expect(all).toContain('Set-CsPersistentChatActiveServer');
    expect(o.notes.some((n) => n.includes('mgccomp'))).toBe(true);
    expect(o.fileStores).toEqual([{ fileStore: 'fs-pc', usedBy: ['pc'] }]); // the stretched pool survives its file store
  });

  it('only degrades when standby servers are lost, and loses a pool whose servers all go', () => {
    const o = run(stretched(), 'dc2');
    expect(o.persistentChat[0]).toMatchObject({
      pool: 'pc',
      status: 'degraded',
      serversLost: 2,
      activeLost: 0,
      standbyToActivate: 0,
      database: 'ok',
    });
    const gone = simulateFailure(stretched(), { poolId: 'pc' });
    expect(gone.ok && gone.value.persistentChat[0]).toMatchObject({ status: 'lost', serversLost: 4 });
  });
});

describe('a single pool down ({ poolId })', () => {
  it('loses only that pool, explains Front End quorum and re-points its Edge across sites', () => {
    const r = simulateFailure(pair2019AlwaysOn(), { poolId: 'pool-a' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.value;
    expect(o.failedPool).toBe('pool-a');
    expect(o.failedSite).toBeUndefined();
    expect(o.lostNodes).toEqual(['pool-a']);
    expect(o.quorum).toEqual({ pool: 'pool-a', frontEndServers: 6, poolLevel: { count: 3, ofFirst: null }, restart: 5 });
    expect(o.edge.nextHops).toEqual([{ edge: 'edge-a', from: 'pool-a', to: 'pool-b', via: 'managementShell' }]);
    expect(o.notes.some((n) => n.includes('Front End quorum') && n.includes('QuorumLossRecovery'))).toBe(true);
  });

  it('uses the "of the first servers" quorum for large pools', () => {
    const base = pair({ usersA: 50_000, usersB: 10_000, feA: 16, feB: 8 });
    const r = simulateFailure(base, { poolId: 'pool-a' });
    expect(r.ok && r.value.quorum).toEqual({
      pool: 'pool-a',
      frontEndServers: 16,
      poolLevel: { count: 7, ofFirst: 12 },
      restart: 12,
    });
  });
});

describe('errors and safety', () => {
  it('names the valid site ids for an unknown site', () => {
    const r = simulateFailure(pair2019AlwaysOn(), { siteId: 'dc9' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.tag).toBe('unknownSite');
    expect(r.error.message).toBe('no site "dc9" in this topology; valid site ids: dc1, dc2');
    expect(r.error.validIds).toEqual(['dc1', 'dc2']);
  });

  it('names the valid pool ids for an unknown pool or a node that is not a pool', () => {
    const doc = pair2019AlwaysOn();
    const unknown = simulateFailure(doc, { poolId: 'nope\n\u202e' });
    expect(!unknown.ok && unknown.error.tag).toBe('unknownPool');
    expect(!unknown.ok && unknown.error.message).toMatch(
      /^no pool "nope" in this topology; valid pool ids: pool-a, edge-a, pool-b, edge-b$/,
    );
    const store = simulateFailure(doc, { poolId: 'sql-a' });
    expect(!store.ok && store.error.tag).toBe('notAPool');
    expect(!store.ok && store.error.message).toContain('sql-a" is a sqlStore');
    const neither = simulateFailure(doc, {} as never);
    expect(!neither.ok && neither.error.tag).toBe('invalidFailure');
  });

  it('does not change the document', () => {
    const doc = pair2019AlwaysOn();
    const before = JSON.stringify(doc);
    deepFreeze(doc);
    for (const s of doc.sites) expect(simulateFailure(doc, { siteId: s.id }).ok).toBe(true);
    expect(simulateFailure(doc, { poolId: 'pool-b' }).ok).toBe(true);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('keeps hostile names out of notes as control characters and bounds their length', () => {
    const base = pair({ usersA: 2_000, usersB: 2_000, feA: 3, feB: 3 });
    const evil = `<script>alert(1)</script>\r\n]]>\u202e${'x'.repeat(150)}`;
    const doc = build({ ...base, nodes: base.nodes.map((n) => ({ ...n, name: evil })), cmsHost: 'pool-a' });
    const o = run(doc, 'dc1');
    for (const n of o.notes) {
      expect(n).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
      expect(n.length).toBeLessThan(2_000);
    }
  });

  it('simulates every site on its own', () => {
    const r = simulateAllSites(pair2019AlwaysOn());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((o) => o.failedSite)).toEqual(['dc1', 'dc2']);
    expect(r.value.map((o) => o.failovers.map((f) => `${f.pool}>${f.to}`))).toEqual([['pool-a>pool-b'], ['pool-b>pool-a']]);
  });
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
