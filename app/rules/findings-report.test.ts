import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbTopology, HOSTILE_NAMES } from '../model/arbitrary-test-kit';
import { pair2015Mirroring, pair2019AlwaysOn } from '../model/samples';
import { runRules } from './engine';
import { csvField, findingsCsv, findingsMarkdown } from './findings-report';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** RFC 4180 rows, for checking what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') throw new Error(`unquoted field at ${i}`);
    let j = i + 1;
    let value = '';
    for (;;) {
      const q = text.indexOf('"', j);
      if (q < 0) throw new Error('unterminated field');
      value += text.slice(j, q);
      if (text[q + 1] === '"') {
        value += '"';
        j = q + 2;
      } else {
        j = q + 1;
        break;
      }
    }
    row.push(value);
    if (text.startsWith(',', j)) i = j + 1;
    else if (text.startsWith('\r\n', j)) {
      rows.push(row);
      row = [];
      i = j + 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[j])} at ${j}`);
  }
  return rows;
}

describe('the findings report', () => {
  // The 2015 mirrored pair with one pool moved to 2019: errors, warnings and information.
  const doc = pair2015Mirroring();
  doc.nodes = doc.nodes.map((n) =>
    n.kind === 'frontEndPool' && n.id === doc.nodes.find((x) => x.kind === 'frontEndPool')!.id
      ? { ...n, productVersion: '2019' as const, os: 'WS2019' as const, cumulativeUpdate: 'CU8' }
      : n,
  );
  const findings = runRules(doc);

  it('Markdown: counts, one section per severity, every finding with its rule id, the elements by name and id, the fix and its sources', () => {
    const md = findingsMarkdown(doc, findings);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(md).toContain(`# Findings: ${doc.name}`);
    expect(errors.length).toBeGreaterThan(0);
    expect(md).toContain(`${errors.length} error`);
    expect(md).toContain(`## Errors (${errors.length})`);
    for (const f of findings) expect(md).toContain(`### \`${f.ruleId}\``);
    const first = errors[0]!;
    const node = doc.nodes.find((n) => n.id === first.nodeIds[0])!;
    expect(md).toContain(`${node.name} (${node.id})`);
    expect(md).toContain('https://learn.microsoft.com/skypeforbusiness/');
    // Errors come before information.
    expect(md.indexOf('## Errors')).toBeLessThan(md.indexOf('## Information'));
  });

  it('names a WAN link by the sites it joins, in Markdown and CSV', () => {
    const d = pair2019AlwaysOn();
    d.siteLinks = [{ id: 'wan-x', from: 'dc1', to: 'dc2', fast: true, secured: false, resilient: true }];
    const f = runRules(d).filter((x) => x.ruleId === 'PAIR-LINK-SECURED');
    expect(f).toHaveLength(1);
    expect(findingsMarkdown(d, f)).toContain('WAN link Amsterdam – Dublin (wan-x)');
    expect(findingsCsv(d, f)).toContain('WAN link Amsterdam – Dublin (wan-x)');
  });

  it('Markdown for a design with no findings says so', () => {
    const empty = { ...pair2019AlwaysOn(), nodes: [], links: [], sites: [] };
    expect(findingsMarkdown(empty, [])).toContain('No findings');
  });

  it('CSV: a header and one row of six fields per finding, errors first, CRLF line ends', () => {
    const rows = parseCsv(findingsCsv(doc, findings));
    expect(rows[0]).toEqual(['Severity', 'Rule', 'Message', 'Concerns', 'Fix', 'Sources']);
    expect(rows).toHaveLength(findings.length + 1);
    for (const r of rows) expect(r).toHaveLength(6);
    const order = rows.slice(1).map((r) => ['error', 'warning', 'info'].indexOf(r[0]!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('names typed by users stay data: escaped in Markdown, and never a formula in a spreadsheet', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const c of ['+1', '-1', '@SUM(A1)']) expect(csvField(c).startsWith(`"'`)).toBe(true);
    expect(csvField('line one\nline two')).toBe('"line one line two"');
    const hostile = pair2015Mirroring();
    hostile.nodes = hostile.nodes.map((n, i) => ({ ...n, name: HOSTILE_NAMES[i % HOSTILE_NAMES.length]! }));
    hostile.name = '<script>alert(1)</script>\n# injected';
    const f = runRules(hostile);
    const md = findingsMarkdown(hostile, f);
    expect(md).not.toMatch(/<script/i);
    expect(md.split('\n').filter((l) => l.startsWith('# '))).toHaveLength(1);
    const rows = parseCsv(findingsCsv(hostile, f));
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('whatever the design: the CSV reads back as a header and one six-field row per finding, and Markdown has no raw HTML', () => {
    fc.assert(
      fc.property(arbTopology({ maxNodes: 8, maxLinks: 10 }), (d) => {
        const f = runRules(d);
        const rows = parseCsv(findingsCsv(d, f));
        expect(rows).toHaveLength(f.length + 1);
        for (const r of rows) expect(r).toHaveLength(6);
        // Raw HTML would be "<" outside a link destination "(<https://…>)".
        expect(findingsMarkdown(d, f)).not.toMatch(/(?<!\()<[a-z!/]/i);
      }),
      { numRuns: RUNS },
    );
  });
});
