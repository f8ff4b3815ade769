import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../import/xml';
import { arbTopology, HOSTILE_STRINGS } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { globalMultiSite, REFERENCE_DESIGNS } from '../model/samples/index';
import { boxesOverlap, segmentCrossesBox } from '../lib/orthogonal-router';
import type { Topology } from '../model/schema';
import { buildScene, nameLines, type DiagramFinding } from './diagram-scene';
import { renderDesignSvg } from './render-svg';
import { extractFromSvg } from './svg';
import { textWidth } from './text-metrics';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
// Each case renders, parses and reopens a whole drawing: seconds per case on a loaded two-core runner.
const PROPERTY_TIMEOUT = 60_000 + RUNS * 2_000;
const DATE = '2026-01-31';

/** Findings of every severity on nodes, links and sites (the rule engine is not this layer's to call). */
function runRules(doc: Topology): DiagramFinding[] {
  const sev = ['error', 'warning', 'info', 'info'] as const;
  return [
    ...doc.nodes.map((n, i) => ({ severity: sev[i % 4]!, nodeIds: [n.id], linkIds: [], siteIds: [] })),
    ...doc.links
      .filter((_, i) => i % 3 === 0)
      .map((l, i) => ({ severity: sev[i % 4]!, nodeIds: [], linkIds: [l.id], siteIds: [] })),
    ...doc.sites.map((s) => ({ severity: 'warning' as const, nodeIds: [], linkIds: [], siteIds: [s.id] })),
  ];
}

function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

function parsed(svg: string): XmlElement {
  const tree = parseXml(svg);
  if (!tree.ok) throw new Error(tree.error.message);
  return tree.value;
}

function texts(root: XmlElement): string[] {
  const out: string[] = [];
  walk(root, (e) => e.local === 'text' && out.push(e.text));
  return out;
}

describe('renderDesignSvg: the design as native SVG', () => {
  for (const d of REFERENCE_DESIGNS)
    for (const theme of ['light', 'dark'] as const)
      it(`${d.id} (${theme}): no foreignObject, well-formed XML, small, every card named, reopens as the same design`, () => {
        const doc = d.build();
        const svg = renderDesignSvg(doc, { theme, findings: runRules(doc), date: DATE });
        expect(svg).not.toMatch(/foreignObject/i);
        expect(svg.length).toBeLessThan(300_000);
        const root = parsed(svg);
        expect(root.local).toBe('svg');
        const names = new Set<string>();
        walk(root, (e) => names.add(e.local));
        for (const el of ['rect', 'path', 'text', 'metadata', 'title']) expect(names).toContain(el);
        for (const forbidden of ['foreignObject', 'script', 'image', 'use', 'style']) expect(names).not.toContain(forbidden);
        const shown = texts(root);
        for (const n of doc.nodes)
          expect(shown.some((t) => t === n.name || (t.endsWith('…') && n.name.startsWith(t.slice(0, -1))))).toBe(true);
        for (const s of doc.sites) expect(shown).toContain(s.name);
        const back = extractFromSvg(svg);
        expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(doc));
      });

  it('is deterministic: the same design, theme and date give the same bytes', () => {
    const doc = REFERENCE_DESIGNS[3]!.build();
    const a = renderDesignSvg(doc, { theme: 'dark', findings: runRules(doc), date: DATE });
    const b = renderDesignSvg(structuredClone(doc), { theme: 'dark', findings: runRules(doc), date: DATE });
    expect(a).toBe(b);
  });

  it('the two themes differ in colour only', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    const light = renderDesignSvg(doc, { theme: 'light', date: DATE });
    const dark = renderDesignSvg(doc, { theme: 'dark', date: DATE });
    expect(light).not.toBe(dark);
    const shape = (s: string) => s.replace(/#[0-9a-f]{6}/gi, '#').replace(/(fill|stroke)-opacity="[\d.]+"/g, '');
    expect(shape(light)).toBe(shape(dark));
  });

  it('hostile names stay text: no markup, well-formed, the name shown as typed (flattened to one line)', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    doc.name = '</title><script>alert(1)</script>]]>';
    doc.sites[0]!.name = '<svg onload=alert(1)>';
    doc.nodes.forEach((n, i) => (n.name = HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!));
    const svg = renderDesignSvg(doc, { findings: runRules(doc), date: DATE });
    expect(svg.toLowerCase()).not.toContain('<script');
    expect(svg).not.toContain('<svg onload');
    const root = parsed(svg);
    const names: string[] = [];
    walk(root, (e) => names.push(e.local));
    expect(names).not.toContain('script');
    expect(names.filter((n) => n === 'svg')).toHaveLength(1);
    const shown = texts(root);
    expect(shown).toContain('<svg onload=alert(1)>');
    expect(shown).toContain('<script>alert(1)</script>');
    // Bidi overrides and control characters never reach the drawing.
    expect(shown.join('')).not.toMatch(/[\u202a-\u202e\u0000-\u0008]/);
  });

  it(
    'any valid design renders as well-formed SVG that reopens as itself',
    () => {
      fc.assert(
        fc.property(arbTopology({ extraNames: HOSTILE_STRINGS }), (doc: Topology) => {
          const svg = renderDesignSvg(doc, { date: DATE });
          expect(svg).not.toMatch(/foreignObject/i);
          parsed(svg);
          const back = extractFromSvg(svg);
          // JSON has no -0: compare as JSON.
          expect(back.ok && JSON.stringify(parseTopology(back.value))).toBe(JSON.stringify(parseTopology(doc)));
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('buildScene', () => {
  it('fits every card text to its card and keeps every card inside the drawing', () => {
    const doc = REFERENCE_DESIGNS[3]!.build();
    doc.nodes[0]!.name = 'A very long pool name that could never fit on one card of the canvas';
    const scene = buildScene(doc, { findings: runRules(doc) });
    for (const c of scene.cards) {
      const right = c.box.x + c.box.width - 10;
      for (const t of [c.name, ...(c.name2 ? [c.name2] : []), c.fqdn, ...c.facts]) {
        expect(t.x + textWidth(t.text, t.size, t.style)).toBeLessThanOrEqual(right + 0.5);
        expect(t.y).toBeLessThanOrEqual(c.box.y + c.box.height - 10);
      }
      // The name's first line stops before the pills beside it.
      const pillsFrom = Math.min(...c.pills.map((p) => p.box.x));
      expect(c.name.x + textWidth(c.name.text, c.name.size, c.name.style)).toBeLessThanOrEqual(pillsFrom);
      expect(c.box.x).toBeGreaterThanOrEqual(scene.bounds.x);
      expect(c.box.y + c.box.height).toBeLessThanOrEqual(scene.bounds.y + scene.bounds.height);
    }
    // Too long for two lines: the second ends with an ellipsis (the full name is in the card's title).
    expect(scene.cards[0]!.name2!.text.endsWith('…')).toBe(true);
    expect(scene.cards[0]!.title).toContain(doc.nodes[0]!.name);
  });

  it('puts a name the pills leave no room for on two lines, whole, with "Sub. Ed." for Subscription Edition as on the canvas', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    const pool = doc.nodes.find((n) => n.kind === 'frontEndPool')!;
    if (pool.kind !== 'frontEndPool') throw new Error('the reference design has no Front End pool');
    pool.name = 'Pool NY (Subscription Edition)';
    pool.productVersion = 'SE';
    doc.deployment.cmsHost = pool.id;
    const card = buildScene(doc).cards.find((c) => c.id === pool.id)!;
    expect(card.pills.map((p) => p.text.text)).toEqual(['CMS', 'Sub. Ed.']);
    expect(card.name.text).toBe('Pool NY');
    expect(card.name2?.text).toBe('(Subscription Edition)');
    expect(nameLines('Pool NY', 60, 180)).toEqual(['Pool NY', undefined]);
    // Not even one word fits beside the pills: letters do, the rest below.
    const [a, b] = nameLines('Supercalifragilistic', 40, 180);
    expect(a + b).toBe('Supercalifragilistic');
  });

  it('badges show the count of the worst severity only', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    const id = doc.nodes[0]!.id;
    const f = (severity: 'error' | 'warning' | 'info') => ({ severity, nodeIds: [id], linkIds: [], siteIds: [] });
    const scene = buildScene(doc, { findings: [f('info'), f('error'), f('info'), f('warning'), f('info')] });
    const card = scene.cards.find((c) => c.id === id)!;
    expect(card.badge?.severity).toBe('error');
    expect(card.badge?.count.text).toBe('1');
    expect(
      buildScene(doc, { findings: [f('info'), f('error')], badges: false }).cards.find((c) => c.id === id)!.badge,
    ).toBeUndefined();
  });

  it('every link of the reference designs is drawn, orthogonal, from card border to card border', () => {
    for (const d of REFERENCE_DESIGNS) {
      const doc = d.build();
      const scene = buildScene(doc);
      expect(scene.links.map((l) => l.id).sort()).toEqual(doc.links.map((l) => l.id).sort());
      for (const l of scene.links)
        for (let i = 1; i < l.points.length; i++) {
          const [a, b] = [l.points[i - 1]!, l.points[i]!];
          expect(Math.min(Math.abs(a.x - b.x), Math.abs(a.y - b.y))).toBeLessThan(0.01);
        }
    }
  });
});

describe('site links (WAN) in the SVG', () => {
  it('draws each site link between its two frames with what the architect states about it', () => {
    const renderSvg = renderDesignSvg;
    const doc = REFERENCE_DESIGNS.find((d) => d.id === 'pair-2019-ag')!.build();
    delete doc.siteLinks;
    const without = renderSvg(doc, { date: '2026-01-01' });
    expect(without).not.toContain('class="site-link"');
    doc.siteLinks = [{ id: 'wan-1', from: 'dc1', to: 'dc2', fast: true, secured: true, resilient: false }];
    const svg = renderSvg(doc, { date: '2026-01-01' });
    expect(svg).toContain('id="site-link-wan-1"');
    expect(svg).toContain('WAN · fast, secured, single path');
    // Not resilient: dashed, in the warning colour.
    expect(svg).toMatch(/id="site-link-wan-1"><path [^>]*stroke-dasharray="10 6"/);
    doc.siteLinks = [{ ...doc.siteLinks[0]!, resilient: true }];
    expect(renderSvg(doc, { date: '2026-01-01' })).not.toMatch(/id="site-link-wan-1"><path [^>]*stroke-dasharray/);
  });
});

describe('WAN lines in the drawing (the bridges between sites)', () => {
  const wan = (id: string, from: string, to: string, resilient = true) => ({
    id,
    from,
    to,
    fast: true,
    secured: true,
    resilient,
  });
  const designs = () => {
    const global = globalMultiSite();
    global.siteLinks = [
      wan('wan-1', 'na-east', 'na-west'),
      wan('wan-2', 'eu-west', 'eu-central', false),
      wan('wan-3', 'na-east', 'eu-west', false),
      wan('wan-4', 'na-east', 'br-boston', false),
      wan('wan-5', 'eu-west', 'br-lyon'),
      wan('wan-6', 'na-west', 'br-lyon', false),
    ];
    const pair = REFERENCE_DESIGNS.find((d) => d.id === 'pair-2019-ag')!.build();
    pair.siteLinks = [wan('wan-1', 'dc1', 'dc2', false)];
    return [global, pair];
  };

  it('no WAN line crosses a card, a link label or another WAN label, and no WAN label covers a card or a label', () => {
    for (const doc of designs()) {
      const scene = buildScene(doc, { theme: 'light' });
      expect(scene.wan.length).toBe(doc.siteLinks!.length);
      const cards = scene.cards.map((c) => ({ what: `card ${c.id}`, box: c.box }));
      const labels = scene.links.flatMap((l) => (l.label ? [{ what: `label of ${l.id}`, box: l.label.box }] : []));
      const problems: string[] = [];
      for (const w of scene.wan) {
        const others = scene.wan.filter((o) => o.id !== w.id).map((o) => ({ what: `label of ${o.id}`, box: o.label.box }));
        for (let i = 0; i + 1 < w.points.length; i++)
          for (const t of [...cards, ...labels, ...others])
            if (segmentCrossesBox(w.points[i]!, w.points[i + 1]!, t.box)) problems.push(`${w.id} crosses the ${t.what}`);
        for (const t of [...cards, ...labels, ...others])
          if (boxesOverlap(w.label.box, t.box)) problems.push(`${w.id}'s label covers the ${t.what}`);
      }
      expect(problems, doc.name).toEqual([]);
    }
  });

  it('draws each WAN label above the server links, so a link crossing it does not strike its text through', () => {
    const svg = renderDesignSvg(designs()[0]!, { date: '2026-01-01' });
    expect(svg.indexOf('<g class="wan-labels">')).toBeGreaterThan(svg.indexOf('<g class="links">'));
    expect(svg.indexOf('<g class="wan">')).toBeLessThan(svg.indexOf('<g class="sites">'));
  });
});
