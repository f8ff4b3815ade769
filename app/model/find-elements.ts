/**
 * Finding a node or a site by what an architect remembers of it: a name, part of an FQDN,
 * an id or the site it is in. On a large design most cards are out of view (and, above a
 * few hundred nodes, not even in the page), so this is how the keyboard reaches any of them.
 */
import type { NodeKind, Site, Topology } from './schema';

export type FoundElement =
  | { type: 'node'; id: string; name: string; kind: NodeKind; fqdn: string; siteName: string }
  | { type: 'site'; id: string; name: string; siteKind: Site['kind']; nodeCount: number };

/** How well a query matched: lower is better. */
const Rank = { ExactName: 0, NamePrefix: 1, NameWordPrefix: 2, FqdnPrefix: 3, IdPrefix: 4, Anywhere: 5 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

/** Lower case, accents folded, blanks collapsed: "Pool  É" and "pool e" find each other. */
export function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function rankOf(
  query: string,
  words: readonly string[],
  name: string,
  fqdn: string,
  id: string,
  haystack: string,
): Rank | undefined {
  // Every word of the query must appear somewhere; the whole query decides the rank.
  for (const w of words) if (!haystack.includes(w)) return undefined;
  if (name === query) return Rank.ExactName;
  if (name.startsWith(query)) return Rank.NamePrefix;
  if (name.includes(` ${query}`) || name.includes(`-${query}`)) return Rank.NameWordPrefix;
  if (fqdn.startsWith(query)) return Rank.FqdnPrefix;
  if (id.startsWith(query)) return Rank.IdPrefix;
  return Rank.Anywhere;
}

/**
 * The nodes and sites that match `query`, best first (name before FQDN before id, then
 * document order), at most `limit` of them. An empty query finds nothing.
 */
export function findElements(doc: Topology, query: string, limit = 50): FoundElement[] {
  const q = normalize(query);
  if (q === '' || limit <= 0) return [];
  const words = q.split(' ');
  // Each site's name as shown and as searched, normalized once rather than once per node.
  const siteNames = new Map(doc.sites.map((s) => [s.id, { shown: s.name, searched: normalize(s.name) }]));
  const counts = new Map<string, number>();
  for (const n of doc.nodes) counts.set(n.siteId, (counts.get(n.siteId) ?? 0) + 1);
  const hits: { rank: Rank; order: number; found: FoundElement }[] = [];
  doc.nodes.forEach((n, order) => {
    const site = siteNames.get(n.siteId);
    const name = normalize(n.name);
    const f = n.fqdn.toLowerCase();
    const id = n.id.toLowerCase();
    const rank = rankOf(q, words, name, f, id, `${name} ${f} ${id} ${site?.searched ?? ''}`);
    if (rank !== undefined)
      hits.push({
        rank,
        order,
        found: { type: 'node', id: n.id, name: n.name, kind: n.kind, fqdn: n.fqdn, siteName: site?.shown ?? '' },
      });
  });
  doc.sites.forEach((s, i) => {
    const name = normalize(s.name);
    const id = s.id.toLowerCase();
    const rank = rankOf(q, words, name, '', id, `${name} ${id} ${normalize(s.region ?? '')} ${normalize(s.datacenter ?? '')}`);
    if (rank !== undefined)
      hits.push({
        rank,
        order: doc.nodes.length + i,
        found: { type: 'site', id: s.id, name: s.name, siteKind: s.kind, nodeCount: counts.get(s.id) ?? 0 },
      });
  });
  hits.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return hits.slice(0, limit).map((h) => h.found);
}
