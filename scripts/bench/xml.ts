/**
 * `npm run bench -- --only xml/`: the importer's XML reader (app/import/xml.ts) next to the
 * two maintained parsers it could switch to, saxes 6 and fast-xml-parser 5, each behind the
 * importer's signature with the same guards (scripts/xml-oracles.ts).
 *
 *  - xml/node/<input>/<parser>: median parse time in Node on a small real-shaped document
 *    and on Topology Builder exports of the 500- and 2,000-node generated designs.
 *  - xml/browser/<input>/<parser>: the same in headless Chromium (bench/xml-parsers.html).
 *  - xml/hostile/<case>/<parser>: what each does with hostile input, and how long it
 *    takes: the adapters, and each library with its defaults (what a switch starts from).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { exportTopologyBuilder } from '../../app/export/topology-builder/export-topology-builder';
import { decodeXmlBytes, parseXml } from '../../app/import/xml';
import { parseWithFastXmlParser, parseWithSaxes } from '../xml-oracles';
import { generatedDoc } from './core';
import { round, summarizeTimes, time, type BenchContext } from './measure';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(REPO, 'node_modules', '.cache', 'bench-xml');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

type Parse = (text: string) => { ok: boolean };
const PARSERS: Record<string, Parse> = { ours: parseXml, saxes: parseWithSaxes, fastXmlParser: parseWithFastXmlParser };

/** Each library as it comes, no guard of ours: what a switch would start from. */
const DEFAULTS: Record<string, Parse> = {
  saxesDefaults: (text) => {
    const p = new SaxesParser({ xmlns: true });
    let elements = 0;
    p.on('opentag', () => elements++);
    try {
      p.write(text).close();
      return { ok: true };
    } catch {
      return { ok: false };
    }
  },
  fastXmlParserDefaults: (text) => {
    try {
      const out = new XMLParser({ ignoreAttributes: false }).parse(text) as unknown;
      return { ok: true, size: JSON.stringify(out).length } as { ok: boolean };
    } catch {
      return { ok: false };
    }
  },
};

function inputs(): { name: string; text: string }[] {
  const fixture = decodeXmlBytes(
    new Uint8Array(fs.readFileSync(path.join(REPO, 'app', 'import', 'fixtures', 'published-enterprise-ag.xml'))),
  );
  if (!fixture.ok) throw new Error(fixture.error.message);
  return [
    { name: 'fixture-enterprise-ag', text: fixture.value.text },
    { name: 'export-generated-500', text: exportTopologyBuilder(generatedDoc(500), { shape: 'published' }).xml },
    { name: 'export-generated-100', text: exportTopologyBuilder(generatedDoc(100), { shape: 'published' }).xml },
  ];
}

function hostile(): { name: string; text: string }[] {
  const lol = [
    '<!ENTITY lol0 "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`),
  ].join('');
  const big = 'x'.repeat(50_000);
  return [
    { name: 'billion-laughs', text: `<?xml version="1.0"?><!DOCTYPE lolz [${lol}]><lolz>&lol9;</lolz>` },
    { name: 'quadratic-blowup', text: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${big}">]><r>${'&a;'.repeat(50_000)}</r>` },
    { name: 'external-entity', text: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>` },
    // saxes has no depth cap and is quadratic in depth (20,000 levels take about 20 s with its
    // defaults): 10,000 keeps the bench short and still shows it.
    { name: 'deep-nesting-10000', text: '<a>'.repeat(10_000) + '</a>'.repeat(10_000) },
    { name: 'elements-1000000', text: `<r>${'<e/>'.repeat(1_000_000)}</r>` },
    { name: 'attributes-50000', text: `<r ${Array.from({ length: 50_000 }, (_, i) => `a${i}="x"`).join(' ')}/>` },
    { name: 'prototype-names', text: '<r __proto__="x" constructor="y"><__proto__ polluted="yes"/></r>' },
  ];
}

export async function runXml(ctx: BenchContext): Promise<void> {
  const docs = inputs();
  ctx.note(`xml: inputs ${docs.map((d) => `${d.name} ${(d.text.length / 1e6).toFixed(2)} M chars`).join(', ')}`);
  for (const d of docs)
    for (const [parser, parse] of Object.entries(PARSERS)) {
      const name = `xml/node/${d.name}/${parser}`;
      if (!ctx.wants(name)) continue;
      await ctx.attempt(name, () => {
        if (!parse(d.text).ok) throw new Error('refused the document');
        const big = d.text.length > 1e6;
        ctx.emit({ name, ...time(() => parse(d.text), big ? { minRuns: 8, budgetMs: 4_000 } : {}), chars: d.text.length });
      });
    }
  for (const h of hostile())
    for (const [parser, parse] of Object.entries({ ...PARSERS, ...DEFAULTS })) {
      const name = `xml/hostile/${h.name}/${parser}`;
      if (!ctx.wants(name)) continue;
      await ctx.attempt(name, () => {
        const t = performance.now();
        const r = parse(h.text) as { ok: boolean; size?: number; error?: { tag: string } };
        const ms = round(performance.now() - t, 1);
        ctx.emit({
          name,
          outcome: r.ok ? 'accepted' : `refused${r.error ? ` (${r.error.tag})` : ''}`,
          ms,
          ...(r.size !== undefined ? { outputChars: r.size } : {}),
        });
      });
    }
  if (docs.some((d) => Object.keys(PARSERS).some((p) => ctx.wants(`xml/browser/${d.name}/${p}`)))) await runInBrowser(ctx, docs);
}

async function runInBrowser(ctx: BenchContext, docs: { name: string; text: string }[]): Promise<void> {
  const playwright = await import('@playwright/test');
  const { build, preview } = await import('vite');
  await build({
    root: path.join(REPO, 'bench'),
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { outDir: OUT, emptyOutDir: true, rolldownOptions: { input: path.join(REPO, 'bench', 'xml-parsers.html') } },
  });
  const server = await preview({
    root: REPO,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { outDir: OUT },
    preview: { host: '127.0.0.1', port: 4391, strictPort: false, open: false },
  });
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(new URL('xml-parsers.html', server.resolvedUrls!.local[0]).href);
    await page.waitForFunction(() => document.title === 'ready');
    for (const d of docs) {
      const result = await page.evaluate(([text, budget]) => window.xmlBench(text, budget), [
        d.text,
        d.text.length > 1e6 ? 4_000 : 1_500,
      ] as const);
      for (const [parser, r] of Object.entries(result)) {
        const name = `xml/browser/${d.name}/${parser}`;
        if (!ctx.wants(name)) continue;
        ctx.emit(r.ok ? { name, ...summarizeTimes(r.times), chars: d.text.length } : { name, error: 'refused the document' });
      }
    }
    ctx.note(`xml: ${docs.length} inputs timed in Chromium`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
