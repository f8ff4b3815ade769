/**
 * Where the labels land on the designs a user opens, looked at as an architect does: a
 * label over another link's line hides where that line goes, a label astride a site
 * frame's border reads as belonging to neither site, and the label of a link inside one
 * site belongs inside that site's frame. In every label size the canvas and the exports use.
 */
import { describe, expect, it } from 'vitest';
import { boxesOverlap, segmentCrossesBox, type Box } from '../lib/orthogonal-router';
import { diagramGeometry, labelSize, linkLabelText, LinkRouter, routeLinks, type LinkRoute } from './link-routing';
import { shortLinkLabelText } from './link-labels';
import { REFERENCE_DESIGNS } from './samples/index';
import { REFERENCE_MIGRATIONS } from './samples/migrations';
import type { Link, Topology } from './schema';
import { siteFrames } from './site-frames';
import { routeSiteLinks } from './site-link-routing';

const DESIGNS: { id: string; build: () => Topology }[] = [
  ...REFERENCE_DESIGNS.map((d) => ({ id: d.id, build: d.build })),
  ...REFERENCE_MIGRATIONS.flatMap((m) => [
    { id: m.currentFile, build: m.current },
    { id: m.targetFile, build: m.target },
  ]),
].filter((d, i, all) => all.findIndex((e) => e.id === d.id) === i);

/** The label sizes of the canvas at 100% (with and without a findings badge) and of its zoomed-out view. */
const SIZES: { name: string; labelled?: (l: Link) => boolean; box: (l: Link) => { width: number; height: number } }[] = [
  { name: 'full', box: (l) => labelSize(linkLabelText(l)) },
  { name: 'with a badge', box: (l) => labelSize(linkLabelText(l), 2) },
  // Zoomed out the canvas shows the pairings' labels only, enlarged.
  {
    name: 'zoomed out',
    labelled: (l) => l.kind === 'pairing',
    box: (l) => labelSize(shortLinkLabelText(l), 2, true),
  },
];

const inside = (b: Box, f: Box) => b.x >= f.x && b.y >= f.y && b.x + b.width <= f.x + f.width && b.y + b.height <= f.y + f.height;

/** What an architect would point at, one line per fault. */
function untidyLabels(doc: Topology, routes: ReadonlyMap<string, LinkRoute>): string[] {
  const frames = siteFrames(doc);
  const siteOf = new Map(doc.nodes.map((n) => [n.id, n.siteId]));
  const { cards } = diagramGeometry(doc, frames);
  const out: string[] = [];
  for (const l of doc.links) {
    const label = routes.get(l.id)?.label;
    if (!label) continue;
    const name = `"${label.text}" (${l.id})`;
    for (const [id, r] of routes) {
      if (id === l.id) continue;
      const p = r.points;
      if (p.some((a, i) => i + 1 < p.length && segmentCrossesBox(a, p[i + 1]!, label)))
        out.push(`${name} over the line of ${id}`);
    }
    for (const [id, c] of cards) if (boxesOverlap(c, label)) out.push(`${name} over card ${id}`);
    for (const [siteId, f] of frames)
      if (boxesOverlap(f, label) && !inside(label, f)) out.push(`${name} astride the border of site ${siteId}`);
    const site = siteOf.get(l.from);
    const home = site !== undefined && site === siteOf.get(l.to) ? frames.get(site) : undefined;
    if (home && !inside(label, home)) out.push(`${name} outside its site ${site}`);
  }
  return out;
}

describe('link labels on the designs a user opens', () => {
  for (const d of DESIGNS)
    for (const size of SIZES)
      it(`${d.id}, ${size.name}: no label over another link's line or a frame border, each inside its own site`, () => {
        const doc = d.build();
        const routes = routeLinks(doc, { labelBox: size.box, ...(size.labelled ? { labelled: size.labelled } : {}) });
        expect([...routes.values()].filter((r) => r.label).length).toBeGreaterThan(0);
        expect(untidyLabels(doc, routes)).toEqual([]);
      });

  for (const d of DESIGNS)
    it(`${d.id}: no WAN label over a server link's line or label`, () => {
      const doc = d.build();
      const routes = routeLinks(doc);
      const labels = [...routes.values()].flatMap((r) => (r.label ? [r.label] : []));
      const wan = routeSiteLinks(doc, siteFrames(doc), { avoid: labels, lines: routes });
      const faults: string[] = [];
      for (const [wanId, w] of wan) {
        for (const [id, r] of routes) {
          const p = r.points;
          if (p.some((a, i) => i + 1 < p.length && segmentCrossesBox(a, p[i + 1]!, w.label)))
            faults.push(`${wanId} over the line of ${id}`);
        }
        for (const l of labels) if (boxesOverlap(l, w.label)) faults.push(`${wanId} over "${l.text}"`);
      }
      expect(faults).toEqual([]);
    });

  it('the canvas router keeps them tidy after a card moves (only the moved links placed again)', () => {
    const doc = REFERENCE_MIGRATIONS[0]!.current();
    const router = new LinkRouter();
    router.route(doc);
    // The Back End in New York a little to the right: its links are routed again and their labels placed again.
    const be = doc.nodes.find((n) => n.kind === 'sqlStore')!;
    const at = doc.layout![be.id]!;
    const moved: Topology = { ...doc, layout: { ...doc.layout, [be.id]: { ...at, x: at.x + 20 } } };
    expect(untidyLabels(moved, routeLinks(moved))).toEqual([]);
    expect(untidyLabels(moved, router.route(moved))).toEqual([]);
  });
});
