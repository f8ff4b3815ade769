/**
 * Every reference design, every site lost in turn: the key facts an SfB architect
 * would check. Figures are derived from the designs and the reference numbers, not
 * typed in, wherever the design states them.
 */
import { describe, expect, it } from 'vitest';
import { feFor, REF } from '../model/reference-numbers';
import {
  globalMultiSite,
  pair2015Mirroring,
  pair2019AlwaysOn,
  pairStandardEdition,
  REFERENCE_DESIGNS,
} from '../model/samples/index';
import type { Topology } from '../model/schema';
import { capacityBars } from './capacity';
import { simulateFailure } from './simulate';
import type { SimulationOutcome } from './types';

function lose(doc: Topology, siteId: string): SimulationOutcome {
  const r = simulateFailure(doc, { siteId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const users = (doc: Topology, id: string) => {
  const n = doc.nodes.find((x) => x.id === id);
  return n && 'users' in n ? n.users : NaN;
};

const titles = (o: SimulationOutcome) => o.steps.map((s) => s.title);

describe('pair2019AlwaysOn (Contoso)', () => {
  const doc = pair2019AlwaysOn();

  it('losing dc1: pool-a fails over to pool-b with the CMS first, federation moves to edge-b', () => {
    const o = lose(doc, 'dc1');
    expect(o.failovers).toEqual([expect.objectContaining({ pool: 'pool-a', to: 'pool-b', usersMoved: users(doc, 'pool-a') })]);
    expect(o.failovers[0]!.usersMoved).toBe(15_000);
    const b = o.pools[0]!;
    expect(b).toMatchObject({
      id: 'pool-b',
      users: 30_000,
      frontEndServers: 6,
      maxUsers: 6 * REF.usersPerFe,
      overCapacity: false,
    });
    expect(b.serversNeeded).toBe(feFor(30_000));
    expect(o.cms).toMatchObject({ from: 'pool-a', to: 'pool-b', how: 'failover' });
    expect(o.edge.lost).toEqual(['edge-a']);
    expect(o.edge.federation).toEqual({ from: 'edge-a', to: 'edge-b' });
    expect(o.usersWithoutService).toBe(0);
    expect(o.rto?.minutes).toEqual([15, 20]);
    expect(o.rpo?.minutes).toBe(5);
    expect(o.rto?.caveats).toEqual([]); // 30,000 users, one region: inside the measurement basis
    const t = titles(o);
    expect(t.indexOf('Fail over the Central Management store from pool-a to pool-b')).toBe(0);
    expect(t.indexOf('Fail the users of pool-a over to pool-b')).toBeLessThan(
      t.indexOf('Move SIP federation from edge-a to edge-b'),
    );
    // Each pool has its own file store and Office Online farm in its own site: nothing else to re-point.
    expect(o.fileStores).toEqual([]);
    expect(o.officeOnline).toEqual([]);
    expect(o.edge.mediaEdges).toEqual([]);
    expect(o.edge.nextHops).toEqual([]);
  });

  it('losing dc2: pool-b fails over to pool-a, the CMS and federation stay put', () => {
    const o = lose(doc, 'dc2');
    expect(o.failovers.map((f) => [f.pool, f.to, f.usersMoved])).toEqual([['pool-b', 'pool-a', 15_000]]);
    expect(o.pools[0]).toMatchObject({ id: 'pool-a', users: 30_000, overCapacity: false });
    expect(o.cms).toBeNull();
    expect(o.edge.federation).toBeNull();
    expect(o.edge.remoteAccess).toEqual([{ from: 'edge-b', to: 'edge-a', remoteUsers: 6_000 }]);
    expect(o.recovery.map((r) => r.kind)).toEqual(['poolFailover']);
  });
});

describe('pair2015Mirroring (Fabrikam)', () => {
  const doc = pair2015Mirroring();

  it('losing nyc: pool-ny to pool-ch, CMS to the mirrored Back End of pool-ch, federation to edge-ch', () => {
    const o = lose(doc, 'nyc');
    expect(o.failovers.map((f) => [f.pool, f.to, f.usersMoved])).toEqual([['pool-ny', 'pool-ch', 8_000]]);
    expect(o.pools[0]).toMatchObject({
      id: 'pool-ch',
      productVersion: '2015',
      users: 16_000,
      maxUsers: 4 * REF.usersPerFe,
      overCapacity: false,
    });
    expect(o.cms).toMatchObject({ from: 'pool-ny', to: 'pool-ch' });
    const cms = o.steps[0]!;
    // The partner's Back End is mirrored: the CMS failover names the mirror too (ps:Invoke-CsManagementServerFailover).
    expect(cms.commands).toContain(
      'Invoke-CsManagementServerFailover -BackupSqlServerFqdn sql-ch.fabrikam.com -BackupMirrorSqlServerFqdn sql-ch-m.fabrikam.com -Force',
    );
    expect(cms.commands).toContain('Get-CsDatabaseMirrorState -DatabaseType CentralMgmt -PoolFqdn pool-ch.fabrikam.com');
    expect(o.edge.federation).toEqual({ from: 'edge-ny', to: 'edge-ch' });
    // The whole mirror set (principal, mirror, witness) was in New York with the pool: no surviving pool's Back End is touched.
    expect(o.backEnds).toEqual([]);
    expect(o.lostNodes).toEqual(expect.arrayContaining(['sql-ny', 'sql-ny-m', 'sql-ny-w']));
  });

  it('losing chi: pool-ch to pool-ny, remote users of edge-ch through edge-ny within its capacity', () => {
    const o = lose(doc, 'chi');
    expect(o.failovers.map((f) => [f.pool, f.to])).toEqual([['pool-ch', 'pool-ny']]);
    expect(o.cms).toBeNull();
    expect(o.edge.loads).toEqual([
      { id: 'edge-ny', servers: 2, remoteUsers: 6_000, maxRemoteUsers: 2 * REF.remoteUsersPerEdge['2015'], overCapacity: false },
    ]);
  });
});

describe('pairStandardEdition (Northwind)', () => {
  const doc = pairStandardEdition();

  it('losing hq: se-hq to se-dr (5,000-user limit while carrying the partner), the only Edge and Office Online farm are gone', () => {
    const o = lose(doc, 'hq');
    expect(o.failovers.map((f) => [f.pool, f.to, f.usersMoved])).toEqual([['se-hq', 'se-dr', 1_500]]);
    expect(o.pools[0]).toMatchObject({
      id: 'se-dr',
      kind: 'standardEditionServer',
      users: 2_300,
      maxUsers: REF.seUsersWithPartner,
      frontEndServers: 1,
      overCapacity: false,
    });
    expect(o.cms).toMatchObject({ from: 'se-hq', to: 'se-dr' });
    expect(o.steps[0]!.commands).toContain(
      "Invoke-CsManagementServerFailover -BackupSqlServerFqdn se-dr.northwind.com -BackupSqlInstanceName 'RTC' -Force",
    );
    expect(o.edge.federation).toEqual({ from: 'edge-hq', to: null });
    expect(o.edge.mediaEdges).toEqual([{ pool: 'se-dr', from: 'edge-hq', to: null }]);
    expect(o.officeOnline).toEqual([{ pool: 'se-dr', from: 'oos-hq', to: null }]);
  });

  it('losing dr: se-dr to se-hq; nothing external changes', () => {
    const o = lose(doc, 'dr');
    expect(o.failovers.map((f) => [f.pool, f.to, f.usersMoved])).toEqual([['se-dr', 'se-hq', 800]]);
    expect(o.pools[0]).toMatchObject({ id: 'se-hq', users: 2_300 });
    expect(o.cms).toBeNull();
    expect(o.edge.lost).toEqual([]);
    expect(o.officeOnline).toEqual([]);
  });
});

describe('globalMultiSite (Tailspin)', () => {
  const doc = globalMultiSite();

  it('losing na-east: two pools fail over west, CMS to na2, federation and media to the EU Edge (over capacity), SBA Boston degraded', () => {
    const o = lose(doc, 'na-east');
    expect(o.failovers.map((f) => [f.pool, f.to, f.usersMoved])).toEqual([
      ['na1', 'na2', 20_000],
      ['na3', 'na4', 10_000],
    ]);
    expect(o.pools.map((p) => [p.id, p.users, p.maxUsers, p.overCapacity])).toEqual([
      ['na2', 40_000, 7 * REF.usersPerFe, false],
      ['na4', 20_000, 5 * REF.usersPerFe, false],
    ]);
    expect(o.pools[0]!.serversNeeded).toBe(7); // na2 has no spare Front End server left
    expect(o.notes.some((n) => n.includes('no spare server') && n.startsWith('na2'))).toBe(true);
    expect(o.cms).toMatchObject({ from: 'na1', to: 'na2' });
    expect(o.directorsLost).toEqual(['dir-na']);
    expect(o.edge.federation).toEqual({ from: 'edge-na', to: 'edge-eu' });
    expect(o.edge.mediaEdges.map((m) => [m.pool, m.to])).toEqual([
      ['na2', 'edge-eu'],
      ['na4', 'edge-eu'],
    ]);
    // 30,000 remote users of edge-na on top of edge-eu's own 30,000, against 3 × 18,000.
    expect(o.edge.loads).toEqual([
      { id: 'edge-eu', servers: 3, remoteUsers: 60_000, maxRemoteUsers: 3 * REF.remoteUsersPerEdge['2019'], overCapacity: true },
    ]);
    expect(o.withoutService).toEqual([
      { node: 'sba-bos', kind: 'survivableBranch', users: 300, reason: 'backupRegistrarLost', keepsBasicVoice: true },
    ]);
    expect(o.usersWithoutService).toBe(300);
    expect(o.officeOnline.map((x) => [x.pool, x.to])).toEqual([
      ['na2', 'oos-eu'],
      ['na4', 'oos-eu'],
    ]);
    expect(o.backEnds).toEqual([
      { store: 'sql-mon', pools: ['na2'], role: 'monitoring', status: 'lost', to: null, automatic: false },
    ]);
    expect(o.rto?.caveats).toEqual([]); // 40,000 is not more than the 40,000 measured
  });

  it('losing na-west: na2 and na4 fail over east; the CMS and the Edge stay', () => {
    const o = lose(doc, 'na-west');
    expect(o.failovers.map((f) => [f.pool, f.to])).toEqual([
      ['na2', 'na1'],
      ['na4', 'na3'],
    ]);
    expect(o.pools.map((p) => [p.id, p.users])).toEqual([
      ['na1', 20_000 + 300 + 20_000],
      ['na3', 20_000],
    ]);
    expect(o.cms).toBeNull();
    expect(o.edge.lost).toEqual([]);
    expect(o.fileStores).toEqual([]);
    // na1 then carries 40,300 users (its own, SBA Boston's and na2's): just above the 40,000 the targets were measured with.
    expect(o.rto?.caveats).toHaveLength(1);
    expect(o.rto?.caveats[0]).toContain('40,300');
  });

  it('losing eu-west: eu1 to eu2, its Edge (next hop eu1) and SBA Lyon affected', () => {
    const o = lose(doc, 'eu-west');
    expect(o.failovers.map((f) => [f.pool, f.to, f.usersMoved])).toEqual([['eu1', 'eu2', 15_000]]);
    expect(o.pools[0]).toMatchObject({ id: 'eu2', users: 30_000, maxUsers: 6 * REF.usersPerFe, overCapacity: false });
    expect(o.edge.lost).toEqual(['edge-eu']);
    expect(o.edge.federation).toBeNull(); // federation is on edge-na
    expect(o.edge.remoteAccess).toEqual([{ from: 'edge-eu', to: 'edge-na', remoteUsers: 30_000 }]);
    expect(o.edge.mediaEdges).toEqual([{ pool: 'eu2', from: 'edge-eu', to: 'edge-na' }]);
    expect(o.officeOnline).toEqual([{ pool: 'eu2', from: 'oos-eu', to: 'oos-na' }]);
    expect(o.withoutService.map((w) => [w.node, w.users, w.reason])).toEqual([['sba-lyo', 150, 'backupRegistrarLost']]);
  });

  it('losing eu-central: eu2 to eu1; nothing else depends on Frankfurt', () => {
    const o = lose(doc, 'eu-central');
    expect(o.failovers.map((f) => [f.pool, f.to])).toEqual([['eu2', 'eu1']]);
    expect(o.pools[0]).toMatchObject({ id: 'eu1', users: 15_000 + 150 + 15_000 });
    expect(o.edge.lost).toEqual([]);
    expect(o.usersWithoutService).toBe(0);
  });

  it('losing a branch: its appliance users register with the backup registrar', () => {
    const bos = lose(doc, 'br-boston');
    expect(bos.branchFailovers).toEqual([{ branch: 'sba-bos', to: 'na1', users: 300 }]);
    expect(bos.failovers).toEqual([]);
    expect(bos.rto).toBeNull();
    const lyo = lose(doc, 'br-lyon');
    expect(lyo.branchFailovers).toEqual([{ branch: 'sba-lyo', to: 'eu1', users: 150 }]);
  });
});

describe('every reference design and site', () => {
  for (const design of REFERENCE_DESIGNS) {
    const doc = design.build();
    for (const s of doc.sites) {
      it(`${design.id} losing ${s.id}: users conserved, steps ordered, capacity bars consistent`, () => {
        const o = lose(doc, s.id);
        const total = doc.nodes.reduce((sum, n) => sum + ('users' in n ? n.users : 0), 0);
        expect(o.users.total).toBe(total);
        expect(o.users.moved + o.users.withoutService + o.users.staying).toBe(total);
        expect(o.steps.map((x) => x.order)).toEqual(o.steps.map((_, i) => i + 1));
        const cmsStep = titles(o).findIndex((t) => t.includes('Central Management store'));
        const poolStep = titles(o).findIndex((t) => t.startsWith('Fail the users of'));
        if (cmsStep >= 0 && poolStep >= 0) expect(cmsStep).toBeLessThan(poolStep);
        const bars = capacityBars(doc, o);
        const lost = new Set(o.lostNodes);
        expect(bars.map((b) => b.id)).toEqual(
          doc.nodes
            .filter((n) => (n.kind === 'frontEndPool' || n.kind === 'standardEditionServer') && !lost.has(n.id))
            .map((n) => n.id),
        );
        for (const p of o.pools)
          expect(bars.find((b) => b.id === p.id)).toMatchObject({
            users: p.users,
            maxUsers: p.maxUsers,
            over: p.overCapacity,
            takesOver: true,
          });
      });
    }
  }
});
