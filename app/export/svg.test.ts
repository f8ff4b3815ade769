import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../import/xml';
import { arbTopology, HOSTILE_STRINGS } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import {
  appendTitleBlock,
  embedInSvg,
  extractFromSvg,
  isSvgText,
  svgTitleBlock,
  titleBlockInfo,
  TOPOLOGY_NAMESPACE,
} from './svg';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Property tests share two cores with other work: allow time in proportion to the runs. */
const PROPERTY_TIMEOUT = 20_000 + RUNS * 100;
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="10" height="10"/></svg>';

function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

function hostileDoc(): Topology {
  const doc = REFERENCE_DESIGNS[0]!.build();
  doc.name = '</title><script>alert(1)</script>]]>';
  doc.description = HOSTILE_STRINGS.join('\n');
  doc.nodes.forEach((n, i) => (n.name = HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!));
  return doc;
}

describe('embedInSvg / extractFromSvg', () => {
  for (const d of REFERENCE_DESIGNS)
    it(`${d.id}: embed → extract → parseTopology gives the same document`, () => {
      const doc = d.build();
      const svg = embedInSvg(SVG, doc);
      expect(svg.ok).toBe(true);
      if (!svg.ok) return;
      const back = extractFromSvg(svg.value);
      expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(doc));
    });

  it('hostile names never produce markup: no <script, the SVG stays well-formed, the title is the name as text', () => {
    const doc = hostileDoc();
    const svg = embedInSvg(SVG, doc);
    if (!svg.ok) throw new Error(svg.error.message);
    expect(svg.value.toLowerCase()).not.toContain('<script');
    expect(svg.value).not.toContain(']]>');
    const tree = parseXml(svg.value);
    if (!tree.ok) throw new Error(tree.error.message);
    const names: string[] = [];
    walk(tree.value, (e) => names.push(e.local));
    expect(names).not.toContain('script');
    expect(tree.value.children[0]!.local).toBe('title');
    expect(tree.value.children[0]!.text).toBe(doc.name);
    const meta = tree.value.children[1]!;
    expect(meta.local).toBe('metadata');
    expect(meta.children[0]!.ns).toBe(TOPOLOGY_NAMESPACE);
    expect(JSON.parse(meta.children[0]!.text)).toEqual(JSON.parse(JSON.stringify(doc)));
    const back = extractFromSvg(svg.value);
    expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(doc));
  });

  it(
    'random documents round-trip and the result is always well-formed XML',
    () => {
      fc.assert(
        fc.property(arbTopology({ maxNodes: 6, extraNames: HOSTILE_STRINGS, codecPredictions: true }), (doc) => {
          const svg = embedInSvg(SVG, doc);
          if (!svg.ok) throw new Error(svg.error.message);
          expect(parseXml(svg.value).ok).toBe(true);
          // A file carries JSON: -0 comes back as 0, like any JSON file.
          const back = extractFromSvg(svg.value);
          expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(JSON.parse(JSON.stringify(doc))));
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('re-embedding replaces the earlier topology and title instead of adding a second', () => {
    const a = REFERENCE_DESIGNS[0]!.build();
    const b = REFERENCE_DESIGNS[2]!.build();
    const once = embedInSvg(SVG, a);
    const twice = once.ok ? embedInSvg(once.value, b) : once;
    if (!twice.ok) throw new Error('embed failed');
    expect(twice.value.match(/<metadata/g)).toHaveLength(1);
    expect(twice.value.match(/<title/g)).toHaveLength(1);
    const back = extractFromSvg(twice.value);
    expect(back.ok && (back.value as Topology).name).toBe(b.name);
  });

  it('finds the root element after a declaration, comments and a doctype; handles a self-closing root and ">" in attributes', () => {
    const doc = REFERENCE_DESIGNS[2]!.build();
    const inputs = [
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by <svg> tools -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [ <!ENTITY x "y"> ]>\n${SVG}`,
      '<svg xmlns="http://www.w3.org/2000/svg" data-note="a > b"/>',
      '\uFEFF  <svg\n  xmlns="http://www.w3.org/2000/svg"\n  width="1"\n>\n</svg>',
    ];
    for (const input of inputs) {
      const svg = embedInSvg(input, doc);
      if (!svg.ok) throw new Error(svg.error.message);
      const back = extractFromSvg(svg.value);
      expect(back.ok && (back.value as Topology).name, input.slice(0, 30)).toBe(doc.name);
    }
    const selfClosed = embedInSvg(inputs[1]!, doc);
    expect(selfClosed.ok && selfClosed.value.endsWith('</svg>')).toBe(true);
    expect(selfClosed.ok && selfClosed.value.startsWith('<svg xmlns="http://www.w3.org/2000/svg" data-note="a > b"><title')).toBe(
      true,
    );
  });

  it('reads metadata that another tool re-saved with CDATA or entities', () => {
    const doc = REFERENCE_DESIGNS[2]!.build();
    const json = JSON.stringify(doc);
    const cdata = `<svg xmlns="http://www.w3.org/2000/svg"><metadata><t:topology xmlns:t="${TOPOLOGY_NAMESPACE}"><![CDATA[${json}]]></t:topology></metadata></svg>`;
    const entities = `<svg xmlns="http://www.w3.org/2000/svg"><metadata><topology xmlns="${TOPOLOGY_NAMESPACE}">${json.replace(/"/g, '&quot;')}</topology></metadata></svg>`;
    for (const svg of [cdata, entities]) {
      const back = extractFromSvg(svg);
      expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(doc));
    }
  });

  it('says what is wrong: not SVG, no topology, damaged topology', () => {
    expect(embedInSvg('<html><body/></html>', REFERENCE_DESIGNS[2]!.build())).toMatchObject({
      ok: false,
      error: { tag: 'notSvg' },
    });
    expect(extractFromSvg('{"format":"sfb-topology"}')).toMatchObject({ ok: false, error: { tag: 'notSvg' } });
    expect(extractFromSvg(SVG)).toMatchObject({
      ok: false,
      error: { tag: 'noTopology', message: expect.stringMatching(/no topology/) },
    });
    expect(
      extractFromSvg(`<svg><metadata><topology xmlns="${TOPOLOGY_NAMESPACE}">{"format": </topology></metadata></svg>`),
    ).toMatchObject({ ok: false, error: { tag: 'corrupt' } });
    expect(isSvgText(SVG)).toBe(true);
    expect(isSvgText('<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"/>')).toBe(false);
  });
});

describe('svgTitleBlock', () => {
  const summary = { error: 2, warning: 1, info: 5 };

  it('shows name, versions, findings in words and the date', () => {
    const doc = REFERENCE_DESIGNS[1]!.build();
    const block = svgTitleBlock(titleBlockInfo(doc, summary, new Date(Date.UTC(2025, 0, 31))), { x: 10, y: 20, width: 480 });
    const tree = parseXml(`<svg xmlns="http://www.w3.org/2000/svg">${block.svg}</svg>`);
    if (!tree.ok) throw new Error(tree.error.message);
    const texts: string[] = [];
    walk(tree.value, (e) => e.local === 'text' && texts.push(e.text));
    expect(texts[0]).toBe(doc.name);
    expect(texts).toContain('Skype for Business Server 2015');
    expect(texts).toContain('2 errors · 1 warning · 5 advice');
    expect(texts).toContain(`${doc.sites.length} sites · ${doc.nodes.length} nodes · ${doc.links.length} links`);
    expect(texts.at(-1)).toMatch(/^2025-01-31 · /);
    expect(block.svg).toContain('translate(10 20)');
    expect(block.width).toBe(480);
    expect(block.height).toBeGreaterThan(5 * 12);
  });

  it('lists both versions of a mixed design', () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    doc.nodes.push({
      ...(doc.nodes[0] as Extract<Topology['nodes'][number], { kind: 'frontEndPool' }>),
      id: 'old',
      productVersion: '2015',
    });
    expect(titleBlockInfo(doc, summary, '').productVersions).toEqual(['2015', '2019']);
  });

  it(
    'hostile names stay text: escaped, on one line, cut to fit',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom(...HOSTILE_STRINGS),
            fc.string({ unit: 'binary', maxLength: 300 }),
            fc.constant('\u202E'.repeat(3) + 'x'.repeat(10_000)),
          ),
          (name) => {
            const block = svgTitleBlock({ name, date: name, productVersions: [name], findings: summary });
            expect(block.svg.toLowerCase()).not.toContain('<script');
            const tree = parseXml(`<svg xmlns="http://www.w3.org/2000/svg">${block.svg}</svg>`);
            expect(tree.ok).toBe(true);
            if (!tree.ok) return;
            walk(tree.value, (e) => {
              if (e.local !== 'text') return;
              expect(e.text).not.toMatch(/[\n\r\u202a-\u202e]/);
              expect(Array.from(e.text).length).toBeLessThanOrEqual(140);
            });
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('appendTitleBlock', () => {
  const info = titleBlockInfo(REFERENCE_DESIGNS[0]!.build(), { error: 0, warning: 2, info: 1 }, '2025-02-03');
  // What html-to-image's toSvg produces.
  const shot =
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600"><foreignObject x="0" y="0" width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml">diagram</div></foreignObject></svg>';
  const root = (svg: string) => {
    const tree = parseXml(svg);
    if (!tree.ok) throw new Error(tree.error.message);
    return tree.value;
  };
  const attrOf = (el: XmlElement, name: string) => el.attrs.find((a) => a.local === name)?.value;

  it('grows the drawing by a band holding the block, keeps the drawing, and still takes the topology', () => {
    const r = appendTitleBlock(shot, info);
    if (!r.ok) throw new Error(r.error.message);
    const el = root(r.value);
    const h = Number(attrOf(el, 'height'));
    expect(h).toBeGreaterThan(600 + 100);
    expect(attrOf(el, 'width')).toBe('800');
    expect(attrOf(el, 'viewBox')).toBe(`0 0 800 ${h}`);
    expect(el.children.map((c) => c.local)).toEqual(['foreignObject', 'g']);
    expect(r.value).toContain('translate(0 600)');
    const texts: string[] = [];
    walk(el, (e) => e.local === 'text' && texts.push(e.text));
    expect(texts).toContain(REFERENCE_DESIGNS[0]!.build().name);
    const embedded = embedInSvg(r.value, REFERENCE_DESIGNS[0]!.build());
    const back = embedded.ok ? extractFromSvg(embedded.value) : embedded;
    expect(back.ok && (back.value as Topology).name).toBe(REFERENCE_DESIGNS[0]!.build().name);
  });

  it('works without a viewBox and with a self-closing root; refuses an SVG without a size', () => {
    const a = appendTitleBlock('<svg xmlns="http://www.w3.org/2000/svg" width="500px" height="300"><rect/></svg>', info);
    expect(a.ok && Number(attrOf(root(a.value), 'height'))).toBeGreaterThan(300);
    expect(a.ok && attrOf(root(a.value), 'viewBox')).toBeUndefined();
    const b = appendTitleBlock("<svg xmlns='http://www.w3.org/2000/svg' viewBox='10 20 400 200'/>", info);
    expect(b.ok && attrOf(root(b.value), 'viewBox')).toMatch(/^10 20 400 \d+/);
    expect(appendTitleBlock('<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>', info)).toMatchObject({
      ok: false,
      error: { tag: 'notSvg' },
    });
    expect(appendTitleBlock('<div/>', info)).toMatchObject({ ok: false, error: { tag: 'notSvg' } });
  });

  it('a hostile name in the block stays text', () => {
    const r = appendTitleBlock(shot, { ...info, name: '</text><script>x</script>' }, { background: '"/><script>' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.toLowerCase()).not.toContain('<script');
    expect(parseXml(r.value).ok).toBe(true);
  });
});
