/**
 * Property: on valid documents (reference designs mutated with random users, server
 * counts, pairings, placements and Edge flags) and every site or pool, the simulation
 * never throws, always answers, keeps users conserved (moved + without service +
 * staying = all homed users) and leaves the document untouched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Link, Topology, TopologyNode } from '../model/schema';
import { capacityBars } from './capacity';
import { FAILABLE_KINDS, simulateFailure } from './simulate';
import type { SimulationOutcome } from './types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

interface Mutation {
  design: number;
  users: number[];
  servers: number[];
  siteShift: number[];
  pairs: [number, number][];
  cms: number;
  edgeFlags: [boolean, boolean, number | null][];
  dropLinks: number[];
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  design: fc.nat({ max: REFERENCE_DESIGNS.length - 1 }),
  users: fc.array(fc.oneof(fc.nat({ max: 3_000 }), fc.nat({ max: 120_000 })), { minLength: 30, maxLength: 30 }),
  servers: fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 30, maxLength: 30 }),
  siteShift: fc.array(fc.nat({ max: 12 }), { minLength: 30, maxLength: 30 }),
  pairs: fc.array(fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 9 })), { maxLength: 5 }),
  cms: fc.integer({ min: -1, max: 9 }),
  edgeFlags: fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.option(fc.nat({ max: 100_000 }))), { minLength: 4, maxLength: 4 }),
  dropLinks: fc.array(fc.nat({ max: 60 }), { maxLength: 4 }),
});

function mutate(m: Mutation): Topology | undefined {
  const doc = REFERENCE_DESIGNS[m.design]!.build();
  const sites = doc.sites.map((s) => s.id);
  const nodes: TopologyNode[] = doc.nodes.map((n, i) => {
    // Some nodes move to another site (cross-site Back Ends, pairs in one site, ...); values beyond the site count keep them.
    const shift = m.siteShift[i % m.siteShift.length]!;
    const siteId = shift < sites.length ? sites[shift]! : n.siteId;
    const users = m.users[i % m.users.length]!;
    switch (n.kind) {
      case 'frontEndPool':
        return { ...n, siteId, users, frontEndServers: m.servers[i % m.servers.length]! };
      case 'standardEditionServer':
        return { ...n, siteId, users: users % 6_000 };
      case 'survivableBranch':
        return { ...n, siteId, users: users % 2_500 };
      default:
        return { ...n, siteId };
    }
  });
  let edgeIndex = 0;
  for (const [i, n] of nodes.entries()) {
    if (n.kind !== 'edgePool') continue;
    const [federation, xmpp, remote] = m.edgeFlags[edgeIndex++ % m.edgeFlags.length]!;
    const { concurrentRemoteUsers: _drop, ...rest } = n;
    nodes[i] = { ...rest, federation, xmpp, ...(remote === null ? {} : { concurrentRemoteUsers: remote }) };
  }
  const registrars = nodes.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer');
  let links: Link[] = doc.links.filter((l, i) => l.kind !== 'pairing' && !m.dropLinks.includes(i));
  if (registrars.length >= 2)
    m.pairs.forEach(([a, b], i) => {
      const x = registrars[a % registrars.length]!;
      const y = registrars[b % registrars.length]!;
      if (x.id === y.id) return; // the schema refuses a self-pairing
      links = [...links, { id: `fuzz-pair-${i}`, kind: 'pairing', from: x.id, to: y.id, voiceFailover: i % 2 === 0 }];
    });
  const cmsHost = m.cms < 0 || !registrars.length ? null : registrars[m.cms % registrars.length]!.id;
  const r = parseTopology({ ...doc, nodes, links, deployment: { ...doc.deployment, cmsHost } });
  return r.ok ? r.value : undefined;
}

function check(doc: Topology, o: SimulationOutcome): void {
  const homed = doc.nodes.reduce(
    (s, n) =>
      s + (n.kind === 'frontEndPool' || n.kind === 'standardEditionServer' || n.kind === 'survivableBranch' ? n.users : 0),
    0,
  );
  expect(o.users.total).toBe(homed);
  expect(o.users.moved + o.users.withoutService + o.users.staying).toBe(homed);
  expect(o.users.moved).toBe(
    o.failovers.reduce((s, f) => s + f.usersMoved, 0) + o.branchFailovers.reduce((s, b) => s + b.users, 0),
  );
  expect(o.usersWithoutService).toBe(o.withoutService.reduce((s, w) => s + w.users, 0));
  const lost = new Set(o.lostNodes);
  for (const f of o.failovers) {
    expect(lost.has(f.pool)).toBe(true);
    expect(lost.has(f.to)).toBe(false);
  }
  for (const p of o.pools) {
    expect(lost.has(p.id)).toBe(false);
    expect(p.overCapacity).toBe(p.users > p.maxUsers);
    expect(p.overCapacity).toBe(p.reasons.length > 0);
    expect(Number.isFinite(p.fraction)).toBe(true);
  }
  if (o.cms?.to) expect(lost.has(o.cms.to)).toBe(false);
  expect(o.steps.map((s) => s.order)).toEqual(o.steps.map((_, i) => i + 1));
  for (const n of o.notes) expect(n).not.toMatch(/[\u0000-\u001f]/);
  expect(() => JSON.stringify(o)).not.toThrow();
  for (const b of capacityBars(doc, o)) expect(b.barFraction).toBeGreaterThanOrEqual(0);
}

describe('simulateFailure on mutated reference designs', () => {
  it('never throws, always answers and conserves users for every site and every pool', () => {
    let simulated = 0;
    fc.assert(
      fc.property(mutation, (m) => {
        const doc = mutate(m);
        fc.pre(doc !== undefined);
        const before = JSON.stringify(doc);
        const failures = [
          ...doc!.sites.map((s) => ({ siteId: s.id })),
          ...doc!.nodes.filter((n) => FAILABLE_KINDS.includes(n.kind)).map((n) => ({ poolId: n.id })),
        ];
        for (const f of failures) {
          const r = simulateFailure(doc!, f);
          expect(r.ok).toBe(true);
          if (r.ok) check(doc!, r.value);
          simulated++;
        }
        expect(JSON.stringify(doc)).toBe(before);
      }),
      { numRuns: RUNS },
    );
    expect(simulated).toBeGreaterThan(RUNS);
  }, 120_000);
});
