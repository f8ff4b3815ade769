import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology } from './arbitrary-test-kit';
import { findElements, normalize } from './find-elements';
import { pair2019AlwaysOn } from './samples';
import type { Topology } from './schema';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ids = (doc: Topology, q: string, limit?: number) => findElements(doc, q, limit).map((f) => f.id);

describe('findElements', () => {
  const doc = pair2019AlwaysOn();
  const site = (id: string) => doc.sites.find((s) => s.id === id)!;

  it('finds a node by its name, whole or in part, whatever the case', () => {
    expect(ids(doc, 'Pool A')[0]).toBe('pool-a');
    expect(ids(doc, 'back end b')[0]).toBe('sql-b');
    expect(ids(doc, 'office')).toEqual(['oos-a', 'oos-b']);
  });

  it('finds a node by its FQDN and by its id', () => {
    expect(ids(doc, 'sqlag-b.contoso')).toEqual(['sql-b']);
    expect(ids(doc, 'fs-a')).toEqual(['fs-a']);
  });

  it('ranks the exact name first, then names that start with the query, then the rest in document order', () => {
    const withEdge: Topology = {
      ...doc,
      nodes: [{ ...doc.nodes.find((n) => n.id === 'pool-b')!, id: 'x-edgy', name: 'Legacy edge relay' }, ...doc.nodes],
    };
    const found = ids(withEdge, 'edge');
    expect(found.slice(0, 2)).toEqual(['edge-a', 'edge-b']);
    expect(found.indexOf('x-edgy')).toBeGreaterThan(1);
    expect(ids(doc, 'Edge A')[0]).toBe('edge-a');
  });

  it('needs every word of the query, in any order, and a word can name the site', () => {
    const amsterdam = site(doc.nodes.find((n) => n.id === 'pool-a')!.siteId).name;
    const found = ids(doc, `store ${amsterdam}`);
    expect(found).toContain('fs-a');
    expect(found).not.toContain('fs-b');
    expect(ids(doc, 'pool zzz')).toEqual([]);
  });

  it('finds sites, with the number of nodes in them, after nodes that match as well', () => {
    const s = doc.sites[0]!;
    const found = findElements(doc, s.name);
    const hit = found.find((f) => f.type === 'site');
    expect(hit).toMatchObject({ type: 'site', id: s.id, nodeCount: doc.nodes.filter((n) => n.siteId === s.id).length });
    // The site's own name ranks it before the nodes that only sit in it.
    expect(found[0]).toMatchObject({ type: 'site', id: s.id });
  });

  it('folds accents and blanks, finds nothing for an empty query, and keeps to the limit', () => {
    expect(normalize('  Zürich   Pool ')).toBe('zurich pool');
    const accented: Topology = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'pool-a' ? { ...n, name: 'Pool Zürich' } : n)) };
    expect(ids(accented, 'zurich')).toEqual(['pool-a']);
    expect(ids(doc, '   ')).toEqual([]);
    expect(ids(doc, 'contoso', 3)).toHaveLength(3);
    expect(ids(doc, 'contoso', 0)).toEqual([]);
  });

  it('whatever the design and the query: never throws, every hit exists and contains every word', () => {
    fc.assert(
      fc.property(
        arbTopology({ maxNodes: 10, maxLinks: 10 }),
        fc.string({ maxLength: 12 }),
        fc.integer({ min: 0, max: 60 }),
        (d, q, limit) => {
          const found = findElements(d, q, limit);
          expect(found.length).toBeLessThanOrEqual(limit);
          const known = new Set([...d.nodes.map((n) => n.id), ...d.sites.map((s) => s.id)]);
          const words = normalize(q).split(' ').filter(Boolean);
          for (const f of found) {
            expect(known.has(f.id)).toBe(true);
            const site = f.type === 'site' ? d.sites.find((s) => s.id === f.id)! : undefined;
            const text =
              f.type === 'node'
                ? `${normalize(f.name)} ${f.fqdn.toLowerCase()} ${f.id.toLowerCase()} ${normalize(f.siteName)}`
                : `${normalize(f.name)} ${f.id.toLowerCase()} ${normalize(site?.region ?? '')} ${normalize(site?.datacenter ?? '')}`;
            for (const w of words) expect(text).toContain(w);
          }
          expect(new Set(found.map((f) => `${f.type}:${f.id}`)).size).toBe(found.length);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
