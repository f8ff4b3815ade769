/**
 * Output safety of the step formatters (issue 9, part 3), checked with a tokenizer of
 * our own (independent of steps-test-kit.ts): a hostile name in every user field never
 * breaks out of a PowerShell single-quoted literal or comment, never lands in a
 * double-quoted (expanding) string, never starts a line of its own; in Markdown it
 * never becomes markup (no HTML tag, no heading, no unbalanced code span or fence).
 */
import { describe, expect, it } from 'vitest';
import { HOSTILE_NAMES } from '../model/arbitrary-test-kit';
import { parseTopology } from '../model/parse';
import { pair2015Mirroring, pair2019AlwaysOn } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { generateSteps, toJson, toMarkdown, toPowerShell } from './index';

const NAMES = [
  ...HOSTILE_NAMES,
  "'; Remove-Item C:\\ -Recurse; '",
  '"; Remove-Item C:\\ -Recurse; "',
  '#> Remove-Item C:\\ <#',
  '<<# x ##>>',
  '\u2019; Remove-Item C:\\ -Recurse; \u2018',
  'x\n```\nRemove-Item C:\\\n```',
];
/** Pieces of the names above that would be code if they escaped their literal (ASCII: the .ps1 spells other characters as [char]). */
const PS_MARKERS = ['Remove-Item', '$(whoami)', '<script>'];
/** Text after a line break in a name: it must never begin a line of the output. */
const INJECTED_LINES = ['line two', 'PS C:\\> Remove-Item', '# injected heading', 'Remove-Item C:\\'];

function withName(base: Topology, name: string): Topology {
  return {
    ...base,
    name,
    description: name,
    sites: base.sites.map((s) => ({ ...s, name, region: name })),
    nodes: base.nodes.map((n) => ({
      ...n,
      name,
      ...(n.kind === 'fileStore' && name ? { share: name } : {}),
      ...('domain' in n && n.domain !== undefined ? { domain: name || 'contoso.com' } : {}),
    })),
  };
}

// ---------------------------------------------------------------- PowerShell

type Region = { start: number; end: number; kind: 'single' | 'double' | 'comment' };
const SQ = "'\u2018\u2019\u201a\u201b";
const DQ = '"\u201c\u201d\u201e';

/** Strings and comments of one line of PowerShell (the generator writes no multi-line strings). */
function psRegions(line: string): { regions: Region[]; error?: string } {
  const regions: Region[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '#') {
      regions.push({ start: i, end: line.length, kind: 'comment' });
      return { regions };
    }
    if (c === '<' && line[i + 1] === '#') {
      const end = line.indexOf('#>', i + 2);
      if (end < 0) return { regions, error: `block comment opened at column ${i + 1} and not closed on the line` };
      regions.push({ start: i, end: end + 2, kind: 'comment' });
      i = end + 2;
      continue;
    }
    if (SQ.includes(c) || DQ.includes(c)) {
      const quotes = SQ.includes(c) ? SQ : DQ;
      const start = i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (quotes === DQ && d === '`') {
          i += 2;
          continue;
        }
        if (quotes.includes(d)) {
          const next = line[i + 1];
          if (next !== undefined && quotes.includes(next)) {
            i += 2;
            continue;
          }
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) return { regions, error: `string opened at column ${start + 1} is not closed` };
      regions.push({ start, end: i + 1, kind: quotes === SQ ? 'single' : 'double' });
      i++;
      continue;
    }
    i++;
  }
  return { regions };
}

function ps1Problems(ps1: string, name: string): string[] {
  const problems: string[] = [];
  if (/[^\x09\x0a\x0d\x20-\x7e]/.test(ps1)) problems.push('the .ps1 has a non-ASCII or control character');
  const markers = PS_MARKERS.filter((m) => name.includes(m));
  ps1.split('\n').forEach((line, n) => {
    const { regions, error } = psRegions(line);
    if (error) problems.push(`line ${n + 1}: ${error}: ${line.slice(0, 120)}`);
    for (const m of markers)
      for (let at = line.indexOf(m); at >= 0; at = line.indexOf(m, at + 1)) {
        const region = regions.find((r) => at > r.start && at + m.length <= r.end);
        if (!region) problems.push(`line ${n + 1}: ${JSON.stringify(m)} outside any string or comment: ${line.slice(0, 160)}`);
        else if (region.kind === 'double')
          problems.push(`line ${n + 1}: ${JSON.stringify(m)} inside a double-quoted (expanding) string: ${line.slice(0, 160)}`);
      }
    for (const injected of INJECTED_LINES)
      if (name.includes(`\n${injected}`) && line.trimStart().startsWith(injected))
        problems.push(`line ${n + 1} starts with the injected text: ${line.slice(0, 120)}`);
    // Comments carry no block-comment delimiter (psComment's promise): inside a <# … #> block, "#>" would end it.
    for (const r of regions)
      if (r.kind === 'comment' && /<#|#>/.test(line.slice(r.start + 1, r.end)))
        problems.push(`line ${n + 1}: a block-comment delimiter inside a comment: ${line.slice(0, 120)}`);
  });
  return problems;
}

// ---------------------------------------------------------------- Markdown

/** The Markdown outside fenced blocks and code spans, with the problems found (unclosed fence or span). */
function mdOutsideCode(md: string): { lines: string[]; problems: string[] } {
  const problems: string[] = [];
  const lines: string[] = [];
  let fence: string | undefined;
  md.split('\n').forEach((line, n) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = undefined;
      return;
    }
    if (m) {
      fence = m[1];
      return;
    }
    let out = '';
    let i = 0;
    while (i < line.length) {
      if (line[i] === '\\') {
        out += line.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (line[i] === '`') {
        let j = i;
        while (line[j] === '`') j++;
        const run = j - i;
        let k = j;
        let close = -1;
        while (k < line.length) {
          if (line[k] !== '`') {
            k++;
            continue;
          }
          let e = k;
          while (line[e] === '`') e++;
          if (e - k === run) {
            close = k;
            break;
          }
          k = e;
        }
        if (close < 0) {
          problems.push(`line ${n + 1}: a code span is not closed: ${line.slice(0, 120)}`);
          break;
        }
        out += ' ';
        i = close + run;
        continue;
      }
      out += line[i];
      i++;
    }
    lines.push(out);
  });
  if (fence) problems.push('a fenced block is not closed');
  return { lines, problems };
}

function mdProblems(md: string, name: string): string[] {
  const { lines, problems } = mdOutsideCode(md);
  lines.forEach((line, n) => {
    // The generator's own links, `[text](<https://…>)`, are the only angle brackets allowed.
    const text = line.replace(/\]\(<https:\/\/[^<>\s]*>\)/g, '](link)');
    if (/<\/?[A-Za-z!]/.test(text)) problems.push(`line ${n + 1}: raw markup outside code: ${line.slice(0, 160)}`);
    for (const injected of INJECTED_LINES)
      if (name.includes(`\n${injected}`) && line.trimStart().startsWith(injected))
        problems.push(`line ${n + 1} starts with the injected text: ${line.slice(0, 120)}`);
  });
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(md))
    problems.push('the Markdown has a control character or bidi override');
  return problems;
}

// ---------------------------------------------------------------- tests

describe.each([
  ['2019 AlwaysOn pair', pair2019AlwaysOn],
  ['2015 mirrored pair', pair2015Mirroring],
])('%s with a hostile name in every field', (_design, build) => {
  it.each(NAMES.map((n) => [JSON.stringify(n).slice(0, 48), n]))('%s', (_label, name) => {
    const doc = withName(build(), name);
    const valid = parseTopology(doc);
    expect(valid.ok, valid.ok ? '' : valid.error.message).toBe(true);
    const plan = generateSteps(doc);
    expect(plan.runbooks.length).toBeGreaterThan(0);
    expect(ps1Problems(toPowerShell(plan), name)).toEqual([]);
    expect(mdProblems(toMarkdown(plan), name)).toEqual([]);
    const json = JSON.parse(toJson(plan)) as { topologyName: string };
    expect(json.topologyName).toBe(name);
  });
});

describe('the tokenizer itself catches breakouts', () => {
  it('flags text outside literals, in double quotes, and unclosed strings', () => {
    expect(ps1Problems("Write-Host 'a'; Remove-Item x", 'Remove-Item')).toHaveLength(1);
    expect(ps1Problems('Write-Host "a $(Remove-Item x)"', 'Remove-Item')).toHaveLength(1);
    expect(ps1Problems("Write-Host 'a''; Remove-Item x'", 'Remove-Item')).toEqual([]);
    expect(ps1Problems("Write-Host 'a", 'x')).toHaveLength(1);
    expect(ps1Problems('# Remove-Item', 'Remove-Item')).toEqual([]);
    expect(mdProblems('text <script>alert(1)</script>', '')).not.toEqual([]);
    expect(mdProblems('`<script>`', '')).toEqual([]);
    expect(mdProblems('a\n# injected heading', 'x\n# injected heading')).toHaveLength(1);
  });
});
