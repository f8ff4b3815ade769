/**
 * `render <input> --format svg|pdf|pptx [--theme light|dark] [--date YYYY-MM-DD] [--no-badges]`:
 * the diagram from the same pure renderer as the designer's Export menu, so CI and docs
 * can draw designs without a browser. SVG is byte-identical to the browser's export of
 * the same design, theme and date; PDF is the report (drawing, findings, steps, runbooks);
 * PPTX the PowerPoint deck (diagram, findings, one slide per failover runbook).
 */
import { renderDesignPdf } from '../../export/render-pdf';
import { renderDesignPptx } from '../../export/render-pptx';
import { renderDesignSvg } from '../../export/render-svg';
import { docUrl } from '../../model/doc-url';
import { runRules } from '../../rules/engine';
import { generateSteps } from '../../steps/index';
import { readInput } from '../input';
import { parseArgs, type CommandIo } from '../command';

const USAGE = '(usage: render <input> --format svg|pdf|pptx [--theme light|dark] [--date YYYY-MM-DD] [--no-badges])';
const clean = (s: string) => s.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, ['no-badges'], ['format', 'theme', 'date']);
  if (a.error || a.positional.length !== 1) {
    io.err(`topo render: ${a.error ?? 'expected one <input>'} ${USAGE}`);
    return 2;
  }
  const format = a.options.format === undefined ? 'svg' : String(a.options.format);
  if (format !== 'svg' && format !== 'pdf' && format !== 'pptx') {
    io.err(`topo render: unknown format "${clean(format)}"; use svg, pdf or pptx ${USAGE}`);
    return 2;
  }
  const theme = a.options.theme === undefined ? 'light' : String(a.options.theme);
  if (theme !== 'light' && theme !== 'dark') {
    io.err(`topo render: unknown theme "${clean(theme)}"; use light or dark ${USAGE}`);
    return 2;
  }
  const date = a.options.date === undefined ? new Date() : String(a.options.date);
  if (typeof date === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    io.err(`topo render: --date "${clean(date)}" is not a date like 2026-01-31 ${USAGE}`);
    return 2;
  }
  if (format !== 'svg' && !io.outBytes) {
    io.err(`topo render: ${format.toUpperCase()} is binary: redirect the output to a file (> design.${format})`);
    return 2;
  }
  const input = await readInput(a.positional[0]);
  if (!input.ok) {
    io.err(`topo render: ${input.error}`);
    return 2;
  }
  for (const w of input.value.warnings) io.err(`warning: ${w}`);
  const doc = input.value.topology;
  const findings = runRules(doc);
  if (format === 'svg') {
    io.out(renderDesignSvg(doc, { theme, findings, date, ...(a.options['no-badges'] ? { badges: false } : {}) }));
    return 0;
  }
  const plan = generateSteps(doc);
  const report = { findings, steps: plan.steps, runbooks: plan.runbooks, docUrl };
  io.outBytes!(format === 'pdf' ? await renderDesignPdf(doc, report, { date }) : await renderDesignPptx(doc, report, { date }));
  return 0;
}
