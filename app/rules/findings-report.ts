/**
 * The findings as a document for a design review: Markdown to paste into a report, CSV
 * for a spreadsheet or a tracker. Every finding with its rule id, severity, message, the
 * elements it concerns (by name and id), the fix and its Microsoft sources.
 * Names are typed by users: escaped for Markdown, quoted for CSV, and a cell that a
 * spreadsheet would run as a formula (=, +, -, @) is written as text.
 */
import { mdCode, mdText, oneLine } from '../lib/markdown-text';
import { docTitle, docUrl } from '../model/doc-url';
import type { Topology } from '../model/schema';
import type { Finding, Severity } from './types';

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Information' };

/** "Name (id)" for every element a finding names, in the order it names them. */
function concerned(doc: Topology, f: Finding): string[] {
  const names = new Map<string, string>();
  for (const s of doc.sites) names.set(s.id, s.name);
  for (const n of doc.nodes) names.set(n.id, n.name);
  const label = (id: string) => {
    const name = names.get(id);
    return name && name !== id ? `${name} (${id})` : id;
  };
  return [...f.nodeIds.map(label), ...f.siteIds.map(label), ...f.linkIds.map((id) => `link ${id}`)];
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function findingsMarkdown(doc: Topology, findings: readonly Finding[]): string {
  const by = (s: Severity) => findings.filter((f) => f.severity === s);
  const out: string[] = [
    `# Findings: ${mdText(doc.name || 'Untitled design')}`,
    '',
    `${count(by('error').length, 'error')} · ${count(by('warning').length, 'warning')} · ${by('info').length} information`,
    '',
  ];
  if (findings.length === 0) out.push('No findings: every rule of the catalogue passes for this design.', '');
  for (const s of ORDER) {
    const list = by(s);
    if (list.length === 0) continue;
    out.push(`## ${HEADINGS[s]} (${list.length})`, '');
    for (const f of list) {
      out.push(`### ${mdCode(f.ruleId)}`, '', mdText(f.message), '');
      const who = concerned(doc, f);
      if (who.length) out.push(`- **Concerns:** ${who.map(mdText).join(', ')}`);
      if (f.fix) out.push(`- **Fix:** ${mdText(f.fix)}`);
      if (f.docs.length) out.push(`- **Source:** ${f.docs.map((d) => `[${mdText(docTitle(d))}](<${docUrl(d).replace(/[<>\s]/g, encodeURIComponent)}>)`).join(', ')}`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** One CSV field: quoted, quotes doubled, and never read as a formula. */
export function csvField(value: string): string {
  const text = oneLine(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function findingsCsv(doc: Topology, findings: readonly Finding[]): string {
  const rows = [['Severity', 'Rule', 'Message', 'Concerns', 'Fix', 'Sources']];
  const sorted = [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  for (const f of sorted) rows.push([f.severity, f.ruleId, f.message, concerned(doc, f).join('; '), f.fix, f.docs.map(docUrl).join(' ')]);
  // CRLF, as RFC 4180 and spreadsheets expect.
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
