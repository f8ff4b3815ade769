import { runRules, summarize } from '../../rules/engine';
import { elementLabels, findingsCsv, findingsMarkdown } from '../../rules/findings-report';
import type { Finding } from '../../rules/types';
import type { Topology } from '../../model/schema';
import { oneLine } from '../../lib/text';
import { plainWords } from '../../model/plain-words';
import { readInput } from '../input';
import { parseArgs, type CommandIo } from '../command';

const FORMATS = ['text', 'json', 'md', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);
const USAGE = '(usage: validate <input> [--json | --format text|json|md|csv])';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = parseArgs(args, ['json'], ['format']);
  if (a.error || a.positional.length !== 1) {
    io.err(`topo validate: ${a.error ?? 'expected one <input>'} ${USAGE}`);
    return 2;
  }
  // --json is the original spelling of --format json; both may not disagree.
  const format = a.options.format === undefined ? (a.options.json ? 'json' : 'text') : String(a.options.format);
  if (!isFormat(format)) {
    io.err(
      `topo validate: unknown format "${format.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}"; use text, json, md or csv ${USAGE}`,
    );
    return 2;
  }
  if (a.options.json && format !== 'json') {
    io.err(`topo validate: --json and --format ${format} disagree ${USAGE}`);
    return 2;
  }
  const input = await readInput(a.positional[0]);
  if (!input.ok) {
    io.err(`topo validate: ${input.error}`);
    return 2;
  }
  for (const w of input.value.warnings) io.err(`warning: ${w}`);
  const doc = input.value.topology;
  const findings = runRules(doc);
  const summary = summarize(findings);
  switch (format) {
    case 'json':
      io.out(JSON.stringify({ findings, summary }, null, 2));
      break;
    case 'md':
      io.out(findingsMarkdown(doc, findings));
      break;
    case 'csv':
      io.out(findingsCsv(doc, findings)); // its rows end with CRLF, the last one too
      break;
    case 'text':
      io.out(formatText(doc, findings, summary));
      break;
  }
  return summary.error > 0 ? 1 : 0;
}

const MARK = { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' } as const;

export function formatText(
  doc: Topology,
  findings: readonly Finding[],
  summary: Record<'error' | 'warning' | 'info', number>,
): string {
  const label = elementLabels(doc);
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${MARK[f.severity]} ${f.ruleId}${f.inferred ? ' (inferred)' : ''}: ${oneLine(plainWords(f.message))}`);
    const where = [...f.nodeIds, ...f.siteIds].map(label);
    if (where.length) lines.push(`         on: ${where.map(oneLine).join(', ')}`);
    lines.push(`         fix: ${oneLine(plainWords(f.fix))}`);
  }
  const total = `${summary.error} error${summary.error === 1 ? '' : 's'}, ${summary.warning} warning${summary.warning === 1 ? '' : 's'}, ${summary.info} info`;
  lines.push(findings.length ? `\n${oneLine(doc.name)}: ${total}` : `${oneLine(doc.name)}: no findings`);
  return lines.join('\n');
}

/** User text on one terminal line: no control characters or escape sequences. */
