/**
 * The findings as a document for a design review: Markdown to paste into a report, CSV
 * for a spreadsheet or a tracker. Every finding with its rule id, severity, message, the
 * elements it concerns (by name and id), the fix and its Microsoft sources.
 * Names are typed by users: escaped for Markdown, quoted for CSV, and a cell that a
 * spreadsheet would run as a formula (=, +, -, @) is written as text.
 */
import { plainWords } from '../model/plain-words';
import { mdCode, mdText } from '../lib/markdown-text';
import { oneLine } from '../lib/text';
import { docTitle, docUrl } from '../model/doc-url';
import type { Topology } from '../model/schema';
import { num, plural } from './rule-text';
import type { Finding, Severity } from './types';

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Information' };

/**
 * "Name (id)" for a node or site id (the id alone when it has no other name), and
 * "WAN link Virginia – Oregon (id)" for a site link. Built once per report.
 */
export function elementLabels(doc: Topology): (id: string) => string {
  const labels = new Map<string, string>();
  for (const e of [...doc.sites, ...doc.nodes]) labels.set(e.id, e.name && e.name !== e.id ? `${e.name} (${e.id})` : e.id);
  const siteNames = new Map(doc.sites.map((s) => [s.id, s.name || s.id]));
  const site = (id: string) => siteNames.get(id) ?? id;
  for (const l of doc.siteLinks ?? []) labels.set(l.id, `WAN link ${site(l.from)} – ${site(l.to)} (${l.id})`);
  return (id) => labels.get(id) ?? id;
}

/** Every element a finding names, in the order it names them. */
function concerned(label: (id: string) => string, f: Finding): string[] {
  return [
    ...f.nodeIds.map(label),
    ...f.siteIds.map(label),
    ...f.linkIds.map((id) => {
      const l = label(id);
      return l === id ? `link ${id}` : l;
    }),
  ];
}

export function findingsMarkdown(doc: Topology, findings: readonly Finding[]): string {
  const by = (s: Severity) => findings.filter((f) => f.severity === s);
  const label = elementLabels(doc);
  const out: string[] = [
    `# Findings: ${mdText(doc.name || 'Untitled design')}`,
    '',
    `${plural(by('error').length, 'error')} · ${plural(by('warning').length, 'warning')} · ${num(by('info').length)} information`,
    '',
  ];
  if (findings.length === 0) out.push('No findings: every rule of the catalogue passes for this design.', '');
  for (const s of ORDER) {
    const list = by(s);
    if (list.length === 0) continue;
    out.push(`## ${HEADINGS[s]} (${list.length})`, '');
    for (const f of list) {
      out.push(`### ${mdCode(f.ruleId)}`, '', mdText(plainWords(f.message)), '');
      const who = concerned(label, f);
      if (who.length) out.push(`- **Concerns:** ${who.map(mdText).join(', ')}`);
      if (f.fix) out.push(`- **Fix:** ${mdText(plainWords(f.fix))}`);
      if (f.docs.length)
        out.push(
          `- **Source:** ${f.docs.map((d) => `[${mdText(docTitle(d))}](<${docUrl(d).replace(/[<>\s]/g, encodeURIComponent)}>)`).join(', ')}`,
        );
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
  const label = elementLabels(doc);
  for (const f of sorted)
    rows.push([
      f.severity,
      f.ruleId,
      plainWords(f.message),
      concerned(label, f).join('; '),
      plainWords(f.fix),
      f.docs.map(docUrl).join(' '),
    ]);
  // CRLF, as RFC 4180 and spreadsheets expect.
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
