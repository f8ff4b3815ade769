import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { attr, parseXml, type XmlElement } from '../import/xml';
import { HOSTILE_STRINGS } from '../model/arbitrary-test-kit';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import { glueConnectors, renderDesignPptx } from './render-pptx';
import type { ReportInput, ReportStep } from './report';

function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

const step = (title: string): ReportStep => ({ title, tool: 'Shell', commands: [`Invoke-CsPoolFailOver -PoolFqdn "${title}"`] });
const report = (doc: ReturnType<(typeof REFERENCE_DESIGNS)[number]['build']>): ReportInput => ({
  findings: [
    {
      severity: 'error',
      ruleId: 'PAIR-SAME-VERSION',
      message: 'Pool A and Pool B run different versions.',
      fix: 'Pair pools of one version.',
      nodeIds: [doc.nodes[0]!.id],
      linkIds: [],
      siteIds: [],
    },
    {
      severity: 'info',
      ruleId: 'CMS-FAILOVER-FIRST',
      message: 'Fail the CMS over first.',
      fix: 'None.',
      nodeIds: [],
      linkIds: [],
      siteIds: [],
    },
  ],
  steps: [step('Install SQL Server'), step('Publish the topology')],
  runbooks: [
    {
      title: 'Losing Amsterdam: fail Pool A over to Pool B',
      failover: [step('Fail over the CMS'), step('Fail the users over')],
      failback: [step('Fail the users back')],
    },
    {
      title: 'Losing Dublin: fail Pool B over to Pool A',
      failover: [step('Fail the users over')],
      failback: [step('Fail the users back')],
    },
  ],
});

async function slides(bytes: Uint8Array): Promise<{ files: Record<string, Uint8Array>; slide: (n: number) => XmlElement }> {
  const files = unzipSync(bytes);
  return {
    files,
    slide: (n) => {
      const x = parseXml(strFromU8(files[`ppt/slides/slide${n}.xml`]!));
      if (!x.ok) throw new Error(x.error.message);
      return x.value;
    },
  };
}

describe('renderDesignPptx', () => {
  it('one diagram slide of native shapes and glued connectors, one findings slide, one slide per runbook', async () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    const { files, slide } = await slides(await renderDesignPptx(doc, report(doc), { date: '2026-01-31' }));
    const count = Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
    expect(count).toBe(2 + 2);
    const s1 = slide(1);
    const byName = new Map<string, string>();
    const connectors: XmlElement[] = [];
    walk(s1, (e) => {
      if (e.local === 'cNvPr') byName.set(attr(e, 'name')!, attr(e, 'id')!);
      if (e.local === 'cxnSp') connectors.push(e);
    });
    // Every node is a shape of its own, with its name as text.
    for (const n of doc.nodes) expect(byName.has(`node:${n.id}`), n.id).toBe(true);
    // Every link is drawn: a connector glued to the shapes of its two nodes where PowerPoint
    // has one of its shape (straight, one elbow), a freeform line along the route otherwise.
    const freeforms = [...byName.keys()].filter((n) => n.startsWith('route:'));
    expect(connectors.length + freeforms.length).toBe(doc.links.length);
    expect(connectors.length).toBeGreaterThan(0);
    for (const c of connectors) {
      const found: Record<string, string> = {};
      walk(c, (e) => (e.local === 'stCxn' || e.local === 'endCxn') && (found[e.local] = attr(e, 'id')!));
      const name = [...byName].find(([, id]) => id === found.stCxn)?.[0];
      expect(name?.startsWith('node:')).toBe(true);
      expect(found.endCxn).toBeDefined();
    }
    const text = (el: XmlElement) => {
      const out: string[] = [];
      walk(el, (e) => e.local === 't' && out.push(e.text));
      return out.join(' ');
    };
    expect(text(s1)).toContain(doc.nodes[0]!.name);
    expect(text(slide(2))).toContain('PAIR-SAME-VERSION');
    expect(text(slide(3))).toContain('Losing Amsterdam');
    expect(text(slide(3))).toContain('Fail the users over');
  });

  it('draws the WAN links between the site frames, with their labels, as the canvas and the SVG do', async () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    doc.siteLinks = [{ id: 'wan-1', from: 'dc1', to: 'dc2', fast: true, secured: false, resilient: true }];
    const { slide } = await slides(await renderDesignPptx(doc, report(doc), { date: '2026-01-31' }));
    const names: string[] = [];
    const texts: string[] = [];
    walk(slide(1), (e) => {
      if (e.local === 'cNvPr') names.push(attr(e, 'name')!);
      if (e.local === 't') texts.push(e.text);
    });
    expect(names).toContain('wan:wan-1');
    expect(names).toContain('wan-label:wan-1');
    // Under the frames: before the first site's shape.
    expect(names.indexOf('wan:wan-1')).toBeLessThan(names.findIndex((n) => n.startsWith('site:')));
    expect(texts).toContain('WAN · fast, not secured, resilient');
  });

  it('hostile names stay text in every slide', async () => {
    const doc = REFERENCE_DESIGNS[0]!.build();
    doc.name = HOSTILE_STRINGS[5]!;
    doc.nodes.forEach((n, i) => (n.name = HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!));
    const r = report(doc);
    const { files } = await slides(
      await renderDesignPptx(
        doc,
        { ...r, runbooks: [{ ...r.runbooks[0]!, title: '<p:sp>injected</p:sp>' }] },
        { date: '2026-01-31' },
      ),
    );
    for (const [name, bytes] of Object.entries(files))
      if (name.endsWith('.xml')) {
        const x = parseXml(strFromU8(bytes));
        expect(x.ok, name).toBe(true);
        expect(strFromU8(bytes)).not.toContain('<script');
        expect(strFromU8(bytes)).not.toContain('<p:sp>injected');
      }
  });

  it('glueConnectors leaves other shapes alone', () => {
    const xml =
      '<p:spTree><p:sp><p:nvSpPr><p:cNvPr id="2" name="node:a"></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="label:x"></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr></p:sp></p:spTree>';
    expect(glueConnectors(xml)).toBe(xml);
  });
});
