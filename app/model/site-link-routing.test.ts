/**
 * WAN lines between site frames: from border to border, never through another frame (so
 * never through a card), never across a link label, each label in the open.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxesOverlap, segmentCrossesBox, type Box, type Point } from '../lib/orthogonal-router';
import { routeLinks } from './link-routing';
import { globalMultiSite, REFERENCE_DESIGNS } from './samples/index';
import type { SiteLink, Topology } from './schema';
import { siteFrames } from './site-frames';
import { routeSiteLinks } from './site-link-routing';
import { isWeakSiteLink, siteLinkText } from './site-link-text';

const link = (id: string, from: string, to: string, over: Partial<SiteLink> = {}): SiteLink => ({
  id,
  from,
  to,
  fast: true,
  secured: true,
  resilient: true,
  ...over,
});

/** The global reference design with WAN links between its data centers and to its branches. */
export function globalWithWan(): Topology {
  const doc = globalMultiSite();
  doc.siteLinks = [
    link('wan-1', 'na-east', 'na-west'),
    link('wan-2', 'eu-west', 'eu-central', { resilient: false }),
    link('wan-3', 'na-east', 'eu-west', { fast: false, resilient: false }),
    link('wan-4', 'na-east', 'br-boston', { resilient: false }),
    link('wan-5', 'eu-west', 'br-lyon', { secured: false }),
  ];
  return doc;
}

const onBorder = (p: Point, b: Box) =>
  ((p.x === b.x || p.x === b.x + b.width) && p.y >= b.y && p.y <= b.y + b.height) ||
  ((p.y === b.y || p.y === b.y + b.height) && p.x >= b.x && p.x <= b.x + b.width);

/** What is wrong with the WAN drawing of `doc` (nothing, when empty). */
function problems(doc: Topology): string[] {
  const frames = siteFrames(doc);
  const labels = [...routeLinks(doc).values()].flatMap((r) => (r.label ? [{ id: r.id, box: r.label as Box }] : []));
  const wan = routeSiteLinks(doc, frames, { avoid: labels.map((l) => l.box) });
  const out: string[] = [];
  for (const r of wan.values()) {
    if (!r.clear) continue;
    const p = r.points;
    if (!onBorder(p[0]!, frames.get(r.from)!)) out.push(`${r.id} does not start on ${r.from}'s frame`);
    if (!onBorder(p[p.length - 1]!, frames.get(r.to)!)) out.push(`${r.id} does not end on ${r.to}'s frame`);
    for (let i = 0; i + 1 < p.length; i++) {
      for (const [site, f] of frames)
        if (segmentCrossesBox(p[i]!, p[i + 1]!, f)) out.push(`${r.id} crosses the frame of ${site}`);
      for (const l of labels) if (segmentCrossesBox(p[i]!, p[i + 1]!, l.box)) out.push(`${r.id} crosses the label of ${l.id}`);
      for (const o of wan.values())
        if (o.id !== r.id && segmentCrossesBox(p[i]!, p[i + 1]!, o.label)) out.push(`${r.id} crosses the label of ${o.id}`);
    }
    if (!r.label.clear) continue;
    for (const [site, f] of frames) if (boxesOverlap(r.label, f)) out.push(`${r.id}'s label overlaps the frame of ${site}`);
    for (const l of labels) if (boxesOverlap(r.label, l.box)) out.push(`${r.id}'s label overlaps the label of ${l.id}`);
    for (const o of wan.values())
      if (o.id !== r.id && boxesOverlap(r.label, o.label)) out.push(`${r.id}'s label overlaps ${o.id}'s`);
  }
  return out;
}

describe('WAN links between sites', () => {
  it('says what the architect states, in words', () => {
    expect(siteLinkText(link('w', 'a', 'b'))).toBe('WAN · fast, secured, resilient');
    expect(siteLinkText(link('w', 'a', 'b', { fast: false, secured: false, resilient: false }))).toBe(
      'WAN · slow, not secured, single path',
    );
    expect(isWeakSiteLink(link('w', 'a', 'b'))).toBe(false);
    expect(isWeakSiteLink(link('w', 'a', 'b', { secured: false }))).toBe(true);
  });

  it('routes every WAN link of the global design from frame to frame, round the other frames, each label on its line in the open', () => {
    const doc = globalWithWan();
    const wan = routeSiteLinks(doc, siteFrames(doc));
    expect([...wan.keys()].sort()).toEqual(['wan-1', 'wan-2', 'wan-3', 'wan-4', 'wan-5']);
    for (const r of wan.values()) {
      expect(r.clear, r.id).toBe(true);
      expect(r.label.clear, r.id).toBe(true);
      expect(r.label.text).toBe(siteLinkText(doc.siteLinks!.find((l) => l.id === r.id)!));
    }
    expect(problems(doc)).toEqual([]);
  });

  it('draws every line straight between its frames when asked to (a windowed canvas), routed when not', () => {
    const doc = globalWithWan();
    const frames = siteFrames(doc);
    const straight = routeSiteLinks(doc, frames, { straight: true });
    const routed = routeSiteLinks(doc, frames);
    expect([...straight.keys()].sort()).toEqual([...routed.keys()].sort());
    for (const r of straight.values()) expect(r.points, r.id).toHaveLength(2);
    expect([...routed.values()].some((r) => r.points.length > 2)).toBe(true);
  });

  it('joins two frames side by side over their tops when the gap between them is too narrow for the label', () => {
    const doc = globalWithWan();
    // Oregon moved left until 80 units separate it from Virginia (the label needs about 190).
    const gap = siteFrames(doc).get('na-west')!.x - (siteFrames(doc).get('na-east')!.x + siteFrames(doc).get('na-east')!.width);
    const layout = { ...doc.layout };
    for (const n of doc.nodes) if (n.siteId === 'na-west') layout[n.id] = { ...layout[n.id]!, x: layout[n.id]!.x - (gap - 80) };
    doc.layout = layout;
    const frames = siteFrames(doc);
    const r = routeSiteLinks(doc, frames).get('wan-1')!;
    const top = Math.min(frames.get('na-east')!.y, frames.get('na-west')!.y);
    expect(r.points[0]!.y).toBe(frames.get('na-east')!.y);
    expect(Math.min(...r.points.map((p) => p.y))).toBeLessThan(top);
    // Close over the frames, not far above them.
    expect(Math.min(...r.points.map((p) => p.y))).toBeGreaterThan(top - 80);
  });

  it('draws nothing for a link to a site without a frame, or from a site to itself', () => {
    const doc = globalWithWan();
    doc.siteLinks = [link('w1', 'na-east', 'nowhere'), link('w2', 'na-east', 'na-east')];
    expect(routeSiteLinks(doc, siteFrames(doc)).size).toBe(0);
  });

  it('is deterministic', () => {
    const doc = globalWithWan();
    expect(routeSiteLinks(doc, siteFrames(doc))).toEqual(routeSiteLinks(globalWithWan(), siteFrames(globalWithWan())));
  });

  it('keeps clear of frames, cards and labels for any set of WAN links on any reference design (property)', () => {
    const designs = REFERENCE_DESIGNS.map((d) => d.build()).filter((d) => d.sites.length >= 2);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: designs.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (k, picks) => {
          const doc = structuredClone(designs[k]!);
          const sites = doc.sites.map((s) => s.id);
          const seen = new Set<string>();
          doc.siteLinks = picks.flatMap(([i, j, fast, secured, resilient], n) => {
            const a = sites[i % sites.length]!;
            const b = sites[j % sites.length]!;
            const key = [a, b].sort().join('|');
            if (a === b || seen.has(key)) return [];
            seen.add(key);
            return [link(`wan-${n}`, a, b, { fast, secured, resilient })];
          });
          expect(problems(doc)).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
