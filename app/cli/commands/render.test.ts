import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDesignSvg } from '../../export/render-svg';
import { extractFromSvg } from '../../export/svg';
import { parseTopology } from '../../model/parse';
import { REFERENCE_DESIGNS } from '../../model/samples/index';
import { runRules } from '../../rules/engine';
import { main } from '../main';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-render-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function topo(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const bytes: Uint8Array[] = [];
  const code = await main(['render', ...argv], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    outBytes: (b) => bytes.push(b),
  });
  return { code, out: out.join(''), err: err.join('\n'), bytes };
}

const doc = REFERENCE_DESIGNS[0]!.build();
const file = path.join(dir, 'design.json');
fs.writeFileSync(file, JSON.stringify(doc, null, 2));

describe('topo render', () => {
  it('--format svg prints what the designer exports for the same design, theme and date, byte for byte', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const r = await topo(file, '--format', 'svg', '--theme', theme, '--date', '2026-01-31');
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      // The designer's export: the store's document (any key order) and its findings.
      const shuffled = JSON.parse(JSON.stringify(doc, Object.keys(doc).reverse())) as typeof doc;
      expect(r.out).toBe(renderDesignSvg({ ...shuffled, ...doc }, { theme, findings: runRules(doc), date: '2026-01-31' }));
      expect(r.out).not.toMatch(/foreignObject/);
      const back = extractFromSvg(r.out);
      expect(back.ok && parseTopology(back.value)).toEqual(parseTopology(doc));
    }
  });

  it('svg is the default format; --no-badges leaves the finding badges out', async () => {
    const plain = await topo(file, '--date', '2026-01-31');
    const bare = await topo(file, '--date', '2026-01-31', '--no-badges');
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('class="badge"');
    expect(bare.out).not.toContain('class="badge"');
  });

  it('--format pdf writes a PDF report: the drawing, the findings, the steps and the runbooks', async () => {
    const r = await topo(file, '--format', 'pdf', '--date', '2026-01-31');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const pdf = Buffer.concat(r.bytes).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf)?.[1]);
    // Drawing, findings, deployment steps and one runbook per paired pool at least.
    expect(pages).toBeGreaterThanOrEqual(5);
  });

  it('--format pptx writes the PowerPoint deck: the diagram, the findings and one slide per failover runbook', async () => {
    const r = await topo(file, '--format', 'pptx', '--date', '2026-01-31');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(Buffer.concat(r.bytes));
    const slides = Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides.length).toBeGreaterThanOrEqual(3);
    // The diagram's cards are native shapes named after the design's nodes.
    const first = strFromU8(files['ppt/slides/slide1.xml']!);
    for (const n of doc.nodes) expect(first).toContain(`node:${n.id}`);
  });

  it('refuses what it cannot do with one line saying why', async () => {
    expect((await topo(file, '--format', 'png')).err).toMatch(/unknown format "png"; use svg, pdf or pptx/);
    expect((await topo(file, '--theme', 'blue')).err).toMatch(/unknown theme "blue"/);
    expect((await topo(file, '--date', 'tomorrow')).err).toMatch(/not a date/);
    expect((await topo()).code).toBe(2);
    for (const format of ['pdf', 'pptx']) {
      const err: string[] = [];
      expect(await main(['render', file, '--format', format], { out: () => {}, err: (t) => err.push(t) })).toBe(2);
      expect(err.join('')).toMatch(/binary: redirect the output to a file/);
    }
  });
});
