/**
 * What the exports look like outside the browser, for a person to judge: each reference
 * design (or the designs named on the command line) as the PowerPoint deck converted by
 * LibreOffice and as the SVG drawing rendered by Inkscape, each page a PNG.
 *
 * `npx tsx scripts/render-preview.ts [--out DIR] [--only pptx|svg] [design.json …]`
 *
 * Needs Debian's `libreoffice-impress` (soffice), `poppler-utils` (pdftoppm) and
 * `inkscape`; a missing one is named and its part skipped. Writes DIR/<design>.pptx,
 * DIR/<design>-slide-<n>.png, DIR/<design>-<theme>.svg and DIR/<design>-<theme>.png
 * (default DIR: reports/render-preview) and prints the PNG files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDesignPptx } from '../app/export/render-pptx';
import { renderDesignSvg } from '../app/export/render-svg';
import { docUrl } from '../app/model/doc-url';
import { parseTopology } from '../app/model/parse';
import { REFERENCE_DESIGNS } from '../app/model/samples/index';
import type { Topology } from '../app/model/schema';
import { runRules } from '../app/rules/engine';
import { generateSteps } from '../app/steps/index';

const DATE = '2026-01-31';

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message || `exit ${r.status}`}`);
}

function designs(files: string[]): { id: string; doc: Topology }[] {
  if (files.length === 0) return REFERENCE_DESIGNS.map((d) => ({ id: d.id, doc: d.build() }));
  return files.map((f) => {
    const parsed = parseTopology(JSON.parse(fs.readFileSync(f, 'utf8')));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.error.message}`);
    return { id: path.basename(f).replace(/\.json$/i, ''), doc: parsed.value };
  });
}

async function main(argv: string[]): Promise<number> {
  let out = path.join('reports', 'render-preview');
  let only: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') out = argv[++i] ?? out;
    else if (a === '--only') only = argv[++i];
    else files.push(a);
  }
  fs.mkdirSync(out, { recursive: true });
  const pngs: string[] = [];
  const pptxTools = has('soffice') && has('pdftoppm');
  if (only !== 'svg' && !pptxTools)
    console.error('skip PowerPoint: needs soffice (apt-get install libreoffice-impress) and pdftoppm (poppler-utils)');
  if (only !== 'pptx' && !has('inkscape')) console.error('skip SVG: needs inkscape (apt-get install inkscape)');
  for (const { id, doc } of designs(files)) {
    const findings = runRules(doc);
    if (only !== 'svg' && pptxTools) {
      const plan = generateSteps(doc);
      const pptx = path.join(out, `${id}.pptx`);
      fs.writeFileSync(
        pptx,
        await renderDesignPptx(doc, { findings, steps: plan.steps, runbooks: plan.runbooks, docUrl }, { date: DATE }),
      );
      // LibreOffice keeps one profile per user: a fresh one lets this run beside an open LibreOffice.
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'render-preview-lo-'));
      try {
        run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, pptx]);
      } finally {
        fs.rmSync(profile, { recursive: true, force: true });
      }
      run('pdftoppm', ['-png', '-r', '80', path.join(out, `${id}.pdf`), path.join(out, `${id}-slide`)]);
      pngs.push(
        ...fs
          .readdirSync(out)
          .filter((f) => f.startsWith(`${id}-slide`) && f.endsWith('.png'))
          .map((f) => path.join(out, f)),
      );
    }
    if (only !== 'pptx' && has('inkscape'))
      for (const theme of ['light', 'dark'] as const) {
        const svg = path.join(out, `${id}-${theme}.svg`);
        const png = path.join(out, `${id}-${theme}.png`);
        fs.writeFileSync(svg, renderDesignSvg(doc, { theme, findings, date: DATE }));
        run('inkscape', [svg, '--export-type=png', `--export-filename=${png}`, '--export-width=1800']);
        pngs.push(png);
      }
  }
  for (const p of pngs) console.log(p);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
