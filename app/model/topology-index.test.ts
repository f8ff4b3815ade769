import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from './arbitrary-test-kit';
import { defaultLink, defaultNode } from './defaults';
import { globalMultiSite, pair2019AlwaysOn } from './samples';
import { LINK_KINDS, type Link, type Topology } from './schema';
import { host, IdMap, isRegistrar, lowerCase, sqlHosts, TopologyIndex } from './topology-index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** The links of `doc` that `keep` accepts, in document order: what the index's lists must equal. */
const linksWhere = (doc: Topology, keep: (l: Link) => boolean) => doc.links.filter(keep);

describe('TopologyIndex adjacency', () => {
  it('out, in and touching give exactly the links of the document, in document order, for every node and kind', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 12, maxLinks: 30 }), (doc) => {
        const ix = new TopologyIndex(doc);
        const wrong: string[] = [];
        const check = (what: string, got: readonly Link[], want: readonly Link[]) => {
          if (got.length !== want.length || got.some((l, i) => l !== want[i])) wrong.push(what);
        };
        for (const id of [...doc.nodes.map((n) => n.id), 'absent']) {
          check(
            `out(${id})`,
            ix.out(id),
            linksWhere(doc, (l) => l.from === id),
          );
          check(
            `in(${id})`,
            ix.in(id),
            linksWhere(doc, (l) => l.to === id),
          );
          for (const kind of LINK_KINDS) {
            const out = linksWhere(doc, (l) => l.kind === kind && l.from === id);
            const inc = linksWhere(doc, (l) => l.kind === kind && l.to === id);
            check(`out(${id}, ${kind})`, ix.out(id, kind), out);
            check(`in(${id}, ${kind})`, ix.in(id, kind), inc);
            check(`touching(${id}, ${kind})`, ix.touching(id, kind), [...out, ...inc]);
          }
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers a repeated question with the same list, and leaves the document alone', () => {
    const doc = globalMultiSite();
    const before = JSON.stringify(doc);
    const ix = new TopologyIndex(doc);
    const pool = doc.nodes.find(isRegistrar)!;
    expect(ix.out(pool.id, 'backEnd')).toBe(ix.out(pool.id, 'backEnd'));
    expect(ix.registrars()).toBe(ix.registrars());
    expect(ix.branchesBackedBy(pool.id)).toBe(ix.branchesBackedBy(pool.id));
    expect(ix.registrars().map((p) => p.id)).toEqual(
      [...doc.nodes.filter((n) => n.kind === 'frontEndPool'), ...doc.nodes.filter((n) => n.kind === 'standardEditionServer')].map(
        (n) => n.id,
      ),
    );
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('links and nodesInSite agree with the document', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 10 }), (doc) => {
        const ix = new TopologyIndex(doc);
        for (const l of doc.links) expect(ix.links.get(l.id)).toBe(doc.links.findLast((x) => x.id === l.id));
        for (const s of doc.sites) expect(ix.nodesInSite(s.id)).toEqual(doc.nodes.filter((n) => n.siteId === s.id));
        expect(ix.nodesInSite('absent')).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('TopologyIndex pairing and users', () => {
  it('distinctPartners names each partner once, never the pool itself, in link order', () => {
    const doc = pair2019AlwaysOn();
    doc.nodes.push(defaultNode('frontEndPool', { id: 'pool-c', siteId: doc.sites[0]!.id, fqdn: 'pool-c.contoso.com' }));
    doc.links.push(
      defaultLink('pairing', 'p-dup', 'pool-b', 'pool-a'),
      defaultLink('pairing', 'p-c', 'pool-c', 'pool-a'),
      defaultLink('pairing', 'p-self', 'pool-a', 'pool-a'),
    );
    const ix = new TopologyIndex(doc);
    expect(ix.distinctPartners('pool-a').map((n) => n.id)).toEqual(['pool-b', 'pool-c']);
    // partners() keeps one entry per link end: the original pairing, its duplicate, pool-c, and the self-pairing twice.
    expect(ix.partners('pool-a')).toHaveLength(5);
    expect(ix.distinctPartners('absent')).toEqual([]);
  });

  it('distinctPartners and registrarUsers agree with their definitions on any document', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 12, maxLinks: 30 }), (doc) => {
        const ix = new TopologyIndex(doc);
        for (const n of doc.nodes) {
          const want = [
            ...new Map(
              ix
                .partners(n.id)
                .filter((p) => p.id !== n.id)
                .map((p) => [p.id, p]),
            ).values(),
          ];
          expect(ix.distinctPartners(n.id)).toEqual(want);
          if (!isRegistrar(n)) continue;
          const branches = doc.links
            .filter((l) => l.kind === 'backupRegistrar' && l.to === n.id)
            .map((l) => doc.nodes.find((b) => b.id === l.from));
          const users = n.users + branches.reduce((sum, b) => sum + (b?.kind === 'survivableBranch' ? b.users : 0), 0);
          expect(ix.registrarUsers(n)).toBe(users);
          expect(ix.registrarUsers(n)).toBe(users);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('sqlHosts', () => {
  it('is the store’s host alone unless it is an availability group, whose listener and replicas it adds once each', () => {
    const doc = pair2019AlwaysOn();
    const ag = doc.nodes.find((n) => n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg' && n.ag);
    if (ag?.kind !== 'sqlStore' || !ag.ag) throw new Error('the reference design has an AG store');
    const hosts = sqlHosts(ag);
    expect(hosts[0]).toBe(ag.fqdn.toLowerCase());
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const r of ag.ag.replicas) expect(hosts).toContain(r.fqdn.toLowerCase());
    expect(sqlHosts({ ...ag, haMode: 'none', fqdn: 'SQL.Contoso.com' })).toEqual(['sql.contoso.com']);
  });
});

describe('IdMap', () => {
  it('answers as a Map does, for any ids', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.string(), fc.constantFrom('', 'pool-1', 'pool-2', 'é')), fc.integer())),
        (entries) => {
          const m = new Map<string, number>();
          const ids = new IdMap<number>();
          for (const [k, v] of entries) {
            m.set(k, v);
            ids.set(k, v);
          }
          for (const [k] of [...entries, ['absent', 0] as const]) {
            expect(ids.get(k)).toBe(m.get(k));
            expect(ids.has(k)).toBe(m.has(k));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('TopologyIndex nodes', () => {
  it('allNodes and nodes hold each id once, in its first place, with the last node of that id, as a Map of the nodes would', () => {
    const doc = pair2019AlwaysOn();
    const [first, second] = doc.nodes;
    const repeat = { ...first!, name: 'Same id again' };
    doc.nodes.push(repeat);
    const ix = new TopologyIndex(doc);
    const asMap = new Map(doc.nodes.map((n) => [n.id, n]));
    expect(ix.allNodes()).toEqual([...asMap.values()]);
    expect(ix.allNodes()[0]).toBe(repeat);
    expect(ix.allNodes()[1]).toBe(second);
    expect([...ix.nodes]).toEqual([...asMap]);
    expect(ix.node(first!.id)).toBe(repeat);
  });

  it('allNodes is the document’s nodes when ids are unique', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 12 }), (doc) => {
        const ix = new TopologyIndex(doc);
        expect(ix.allNodes()).toEqual(doc.nodes);
        for (const n of doc.nodes) expect(ix.node(n.id)).toBe(n);
        expect(ix.node('absent')).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('lowerCase', () => {
  it('is toLowerCase, and hands back the string itself when there is nothing to lower', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.constantFrom('Pool.Contoso.COM', 'İstanbul', 'ß', 'sql-1.contoso.com'),
        ),
        (s) => {
          expect(lowerCase(s)).toBe(s.toLowerCase());
        },
      ),
      { numRuns: RUNS },
    );
    const lower = 'sql-1.contoso.com';
    expect(lowerCase(lower)).toBe(lower);
    expect(host({ fqdn: 'SQL-1.Contoso.com' })).toBe('sql-1.contoso.com');
  });
});
