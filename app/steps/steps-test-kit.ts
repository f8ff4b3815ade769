/**
 * Shared helpers for the step generator's tests: structural checks of the generated
 * PowerShell and Markdown (used by the escaping tests and the property test), and
 * small document builders on top of the reference designs.
 */
import { defaultNode, standaloneSqlStore } from '../model/defaults';
import { pair2015Mirroring } from '../model/samples/index';
import type { Link, Topology, TopologyNode } from '../model/schema';
import type { Step, StepPlan } from './types';

export const clone = <T>(x: T): T => structuredClone(x);

export function allSteps(plan: StepPlan): Step[] {
  return [...plan.steps, ...plan.runbooks.flatMap((r) => [...r.failover, ...r.failback])];
}

/** Index of the first step whose id starts with `prefix` (exact id when it has no trailing `*`). */
export function pos(steps: readonly Step[], id: string): number {
  return id.endsWith('*') ? steps.findIndex((s) => s.id.startsWith(id.slice(0, -1))) : steps.findIndex((s) => s.id === id);
}

export function node<T extends TopologyNode['kind']>(doc: Topology, id: string, kind: T): Extract<TopologyNode, { kind: T }> {
  const n = doc.nodes.find((x) => x.id === id);
  if (!n || n.kind !== kind) throw new Error(`test setup: no ${kind} ${id}`);
  return n as Extract<TopologyNode, { kind: T }>;
}

export function addLink(doc: Topology, link: Link): void {
  doc.links.push(link);
}

// ---------------------------------------------------------------- PowerShell structure

const SQ = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const DQ = new Set(['"', '\u201c', '\u201d', '\u201e']);

interface Region {
  start: number;
  end: number;
}

/**
 * Tokenises one line of PowerShell as far as strings and comments go. Returns the
 * single-quoted literal and comment regions, or an error when a string is still open
 * at the end of the line (the generator never writes multi-line strings).
 */
export function psLineRegions(line: string): { literals: Region[]; comment: Region | undefined; error?: string } {
  const literals: Region[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '#') return { literals, comment: { start: i, end: line.length } };
    if (SQ.has(c)) {
      const start = i;
      i++;
      let closed = false;
      while (i < line.length) {
        if (SQ.has(line[i]!)) {
          if (SQ.has(line[i + 1] ?? '')) {
            i += 2;
            continue;
          }
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) return { literals, comment: undefined, error: `unterminated single-quoted string at column ${start}` };
      literals.push({ start, end: i + 1 });
      i++;
      continue;
    }
    if (DQ.has(c)) {
      const start = i;
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '`') {
          i += 2;
          continue;
        }
        if (DQ.has(d)) {
          if (DQ.has(line[i + 1] ?? '')) {
            i += 2;
            continue;
          }
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) return { literals, comment: undefined, error: `unterminated double-quoted string at column ${start}` };
      i++;
      continue;
    }
    i++;
  }
  return { literals, comment: undefined };
}

/**
 * Problems in a generated .ps1: non-ASCII characters, strings left open, a block
 * comment opened outside a string, or any occurrence of one of `markers` (pieces of user text) outside a
 * single-quoted literal or a comment.
 */
export function ps1Problems(ps1: string, markers: readonly string[]): string[] {
  const problems: string[] = [];
  if (/[^\x00-\x7f]/.test(ps1)) problems.push('non-ASCII character in the script');
  ps1.split('\n').forEach((line, n) => {
    const r = psLineRegions(line);
    if (r.error) problems.push(`line ${n + 1}: ${r.error}`);
    const inLiteral = (at: number, len: number) => r.literals.some((x) => at > x.start && at + len < x.end);
    // Outside a string, `<#` would open a block comment that swallows code.
    for (let at = line.indexOf('<#'); at >= 0; at = line.indexOf('<#', at + 1))
      if (!inLiteral(at, 2)) problems.push(`line ${n + 1}: block comment opened`);
    for (const m of markers) {
      if (m === '') continue;
      for (let at = line.indexOf(m); at >= 0; at = line.indexOf(m, at + 1)) {
        const inside =
          r.literals.some((x) => at > x.start && at + m.length < x.end) || (r.comment !== undefined && at > r.comment.start);
        if (!inside)
          problems.push(`line ${n + 1}: user text ${JSON.stringify(m)} outside a literal or comment: ${line.slice(0, 160)}`);
      }
    }
  });
  return problems;
}

// ---------------------------------------------------------------- Markdown structure

/**
 * The Markdown with fenced code blocks and code spans removed, and the problems
 * found on the way (a fence opened and never closed).
 */
export function mdWithoutCode(md: string): { text: string; problems: string[] } {
  const problems: string[] = [];
  const lines = md.split('\n');
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const m = /^(`{3,})/.exec(line);
    if (fence) {
      if (m && m[1]!.length >= fence.length && line.trim() === m[1]) fence = undefined;
      continue;
    }
    if (m) {
      fence = m[1];
      continue;
    }
    kept.push(stripCodeSpans(line));
  }
  if (fence) problems.push('a fenced code block is never closed');
  return { text: kept.join('\n'), problems };
}

function stripCodeSpans(line: string): string {
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
      const run = line.slice(i, j);
      const close = findRun(line, j, run.length);
      if (close < 0) {
        out += run;
        i = j;
        continue;
      }
      out += ' ';
      i = close + run.length;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

function findRun(line: string, from: number, len: number): number {
  for (let k = from; k < line.length; k++) {
    if (line[k] !== '`') continue;
    let e = k;
    while (line[e] === '`') e++;
    if (e - k === len) return k;
    k = e;
  }
  return -1;
}

/** The 2015 design with a stretched Persistent Chat pool, mirrored store and log shipping to the other data center. */
export function withPersistentChat(): Topology {
  const doc = clone(pair2015Mirroring());
  const pcStore = {
    ...standaloneSqlStore({ id: 'sql-pc', siteId: 'nyc', name: 'PC store', fqdn: 'sql-pc.fabrikam.com', domain: 'fabrikam.com' }),
    sqlVersion: '2016' as const,
    sqlUpdateLevel: 'SP2',
  };
  const bak = {
    ...standaloneSqlStore({
      id: 'sql-pc-bak',
      siteId: 'chi',
      name: 'PC backup',
      fqdn: 'sql-pc-bak.fabrikam.com',
      domain: 'fabrikam.com',
    }),
    sqlVersion: '2016' as const,
    sqlUpdateLevel: 'SP2',
  };
  const pc = {
    ...defaultNode('persistentChatPool', { id: 'pc', siteId: 'nyc', name: 'Chat', fqdn: 'pc.fabrikam.com' }),
    servers: [
      { siteId: 'nyc', active: true },
      { siteId: 'chi', active: false },
    ],
  };
  doc.nodes.push(pcStore, bak, pc);
  doc.links.push(
    { id: 'pcl1', kind: 'store', from: 'pc', to: 'sql-pc', role: 'persistentChat' },
    { id: 'pcl2', kind: 'logShipping', from: 'sql-pc', to: 'sql-pc-bak' },
    { id: 'pcl3', kind: 'nextHop', from: 'pc', to: 'pool-ny' },
    { id: 'pcl4', kind: 'fileStore', from: 'pc', to: 'fs-ny' },
  );
  return doc;
}
