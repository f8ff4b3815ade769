import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from '../model/arbitrary-test-kit';
import { LINK_KINDS, type Topology, type TopologyNode } from '../model/schema';
import { host, isRegistrar, sqlHosts, TopologyIndex } from '../model/topology-index';
import {
  backEndsByHost,
  branchesBySite,
  nodesByHost,
  pairingsByPair,
  pairsOf,
  perIndex,
  registrarSites,
  sharedMachines,
  soloRoleMachines,
  sourcesOf,
  targetsOf,
} from './rule-helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ids = (ns: readonly { id: string }[]) => ns.map((n) => n.id);
/** Each item once, first occurrence kept. */
const once = <T>(xs: readonly T[]) => [...new Set(xs)];

/** Documents with shared host names and repeated links, so that the groupings have something to group. */
const crowded = arbTopology({ maxNodes: 12, maxLinks: 30 }).chain((doc) =>
  fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }).map((swaps): Topology => {
    const d = structuredClone(doc);
    for (const [a, b] of swaps) {
      const x = d.nodes[a % Math.max(1, d.nodes.length)];
      const y = d.nodes[b % Math.max(1, d.nodes.length)];
      if (x && y) x.fqdn = y.fqdn.toUpperCase();
    }
    return d;
  }),
);

describe('rule helpers agree with their definitions', () => {
  it('pairings: one entry per unordered pair of existing, distinct nodes, holding each of its links once', () => {
    fc.assert(
      fc.property(crowded, (doc) => {
        const ix = new TopologyIndex(doc);
        const node = (id: string) => doc.nodes.find((n) => n.id === id);
        const wanted = doc.links.filter((l) => l.kind === 'pairing' && l.from !== l.to && node(l.from) && node(l.to));
        const pairings = pairingsByPair(ix);
        expect(pairings.flatMap((p) => ids(p.links)).sort()).toEqual(ids(wanted).sort());
        const keys = pairings.map((p) => [p.a.id, p.b.id].sort().join(' '));
        expect(new Set(keys).size).toBe(keys.length);
        for (const p of pairings) {
          expect(p.a.id).toBe(p.links[0]!.from);
          for (const l of p.links) expect([l.from, l.to].sort()).toEqual([p.a.id, p.b.id].sort());
        }
        expect(pairsOf(ix)).toEqual(pairings.filter((p) => isRegistrar(p.a) && isRegistrar(p.b)));
      }),
      { numRuns: RUNS },
    );
  });

  it('sharedMachines: every machine with two or more nodes, with exactly the nodes on it', () => {
    fc.assert(
      fc.property(crowded, (doc) => {
        const hostsOf = (n: TopologyNode) =>
          n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg' && n.ag ? sqlHosts(n) : [host(n)];
        const onHost = new Map<string, TopologyNode[]>();
        for (const n of doc.nodes) for (const h of hostsOf(n)) onHost.set(h, [...(onHost.get(h) ?? []), n]);
        const want = [...onHost].filter(([, ns]) => ns.length > 1).map(([h, ns]) => ({ host: h, nodes: ns }));
        expect(sharedMachines(new TopologyIndex(doc))).toEqual(want);
      }),
      { numRuns: RUNS },
    );
  });

  it('nodesByHost, backEndsByHost, branchesBySite and registrarSites group in document order', () => {
    fc.assert(
      fc.property(crowded, (doc) => {
        const ix = new TopologyIndex(doc);
        for (const kind of ['frontEndPool', 'standardEditionServer', 'sqlStore'] as const) {
          const byHost = nodesByHost(ix, kind);
          const ofKind = doc.nodes.filter((n) => n.kind === kind);
          expect([...byHost.keys()]).toEqual(once(ofKind.map(host)));
          for (const [h, ns] of byHost) expect(ns).toEqual(ofKind.filter((n) => host(n) === h));
        }
        const backEnds = once(
          doc.links.filter((l) => l.kind === 'backEnd').map((l) => doc.nodes.find((n) => n.id === l.to)),
        ).filter((n) => n?.kind === 'sqlStore');
        expect([...backEndsByHost(ix)]).toEqual(once(backEnds.map(host)).map((h) => [h, backEnds.filter((s) => host(s) === h)]));
        const branches = doc.nodes.filter((n) => n.kind === 'survivableBranch');
        expect([...branchesBySite(ix)]).toEqual(
          once(branches.map((b) => b.siteId)).map((s) => [s, branches.filter((b) => b.siteId === s)]),
        );
        expect([...registrarSites(ix)].sort()).toEqual(once(doc.nodes.filter(isRegistrar).map((p) => p.siteId)).sort());
      }),
      { numRuns: RUNS },
    );
  });

  it('targetsOf and sourcesOf: the distinct nodes at the other end, in link order', () => {
    fc.assert(
      fc.property(crowded, (doc) => {
        const ix = new TopologyIndex(doc);
        const node = (id: string) => doc.nodes.find((n) => n.id === id);
        for (const n of doc.nodes)
          for (const kind of LINK_KINDS) {
            const to = once(doc.links.filter((l) => l.kind === kind && l.from === n.id).map((l) => node(l.to))).filter(
              (x) => x !== undefined,
            );
            const from = once(doc.links.filter((l) => l.kind === kind && l.to === n.id).map((l) => node(l.from))).filter(
              (x) => x !== undefined,
            );
            expect(targetsOf(ix, n.id, kind)).toEqual(to);
            expect(sourcesOf(ix, n.id, kind)).toEqual(from);
          }
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });
});

describe('perIndex', () => {
  it('computes once per index and separately for another index', () => {
    let calls = 0;
    const count = perIndex((ix) => (calls++, ix.doc.nodes.length));
    const doc: Topology = fc.sample(arbTopology({ maxNodes: 5 }), { numRuns: 1, seed: 1 })[0]!;
    const a = new TopologyIndex(doc);
    expect([count(a), count(a)]).toEqual([doc.nodes.length, doc.nodes.length]);
    expect(calls).toBe(1);
    count(new TopologyIndex(doc));
    expect(calls).toBe(2);
  });
});

describe('soloRoleMachines', () => {
  it('is sharedMachines without the machines that hold no file store, Office Online Server, Edge or Director pool', () => {
    const solo = new Set(['fileStore', 'officeOnlineServer', 'edgePool', 'directorPool']);
    fc.assert(
      fc.property(crowded, (doc) => {
        const ix = new TopologyIndex(doc);
        expect(soloRoleMachines(ix)).toEqual(sharedMachines(ix).filter((m) => m.nodes.some((n) => solo.has(n.kind))));
      }),
      { numRuns: RUNS },
    );
  });
});
