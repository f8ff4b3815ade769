/**
 * Fuzzing the command line (`main([...], io)`, docs/cli.md) on random file
 * contents written to a temporary file: random bytes and text, valid documents, valid
 * documents with hostile edits, cut JSON, Topology Builder samples, share links.
 * Properties: every command resolves (never throws) with exit code 0, 1 or 2; 1 only
 * from validate; exit 2 prints exactly one line on stderr and nothing on stdout; no
 * output carries a raw control character or ANSI escape that came from user text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyMutations,
  applyTextMutations,
  arbMutatedDocument,
  arbTextMutation,
  arbTopology,
  HOSTILE_NAMES,
} from '../model/arbitrary-test-kit';
import { FIXTURE_FILES, fixtureBytes } from '../import/fixture-test-kit';
import { pair2019AlwaysOn } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { shareLink } from '../share/index';
import { main } from './main';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SAMPLE_BYTES = [...FIXTURE_FILES].sort().map(fixtureBytes);
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-fuzz-'));
const FILE = path.join(DIR, 'input');
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

/** C0 and C1 controls other than tab and line feed: escape sequences, NUL, CR, backspace... */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

interface Run {
  args: string[];
  code: number;
  out: string[];
  err: string[];
}

async function topo(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  } catch (e) {
    throw new Error(`main threw for ${JSON.stringify(args)}: ${e instanceof Error ? e.stack : String(e)}`);
  }
  return { args, code, out, err };
}

/** The exit-code contract of cli.md: codes, which stream, a message for unusable input, no defect. */
function contractProblems(command: string, r: Run): string[] {
  const problems: string[] = [];
  const at = r.args.slice(2).join(' ');
  if (![0, 1, 2].includes(r.code)) problems.push(`${at}: exit code ${r.code}`);
  if (r.code === 1 && command !== 'validate') problems.push(`${at}: ${command} exited 1`);
  if (r.code === 2) {
    if (!r.err.length || r.err[r.err.length - 1]!.trim() === '') problems.push(`${at}: exit 2 without a message`);
    if (r.out.length) problems.push(`${at}: exit 2 with output on stdout`);
    if (/internal error/.test(r.err.join(' '))) problems.push(`${at}: a defect surfaced: ${r.err.join(' ').slice(0, 400)}`);
  } else if (r.out.join('').trim() === '') problems.push(`${at}: exit ${r.code} with nothing on stdout`);
  return problems;
}

/** What reaches the terminal (cli.md): exit 2 is exactly one line on stderr; no output line has a raw control character. */
function terminalProblems(r: Run): string[] {
  const problems: string[] = [];
  const at = r.args.slice(2).join(' ');
  if (r.code === 2 && r.err.length !== 1)
    problems.push(
      `${at}: exit 2 with ${r.err.length} messages on stderr, the last: ${JSON.stringify(r.err[r.err.length - 1] ?? '').slice(0, 300)}`,
    );
  if (r.code === 2 && r.err.join('\n').replace(/\n$/, '').includes('\n'))
    problems.push(`${at}: exit 2 message spans lines: ${JSON.stringify(r.err).slice(0, 300)}`);
  for (const line of [...r.out, ...r.err])
    if (CONTROL.test(line))
      problems.push(
        `${at}: raw control character in output: ${JSON.stringify(line.match(/.{0,40}[\u0000-\u0008\u000b-\u001f\u007f-\u009f].{0,40}/s)?.[0])}`,
      );
  return problems;
}

type Content = { kind: string; bytes: Uint8Array; doc?: Topology };
const text = (kind: string, s: string, doc?: Topology): Content => ({
  kind,
  bytes: new TextEncoder().encode(s),
  ...(doc ? { doc } : {}),
});

const arbContent: fc.Arbitrary<Content> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ kind: 'bytes', bytes })),
  fc.string({ maxLength: 200 }).map((s) => text('text', s)),
  arbTopology({ maxNodes: 10, extremeCounts: false }).map((doc) => text('json', JSON.stringify(doc, null, 2), doc)),
  arbMutatedDocument({ maxNodes: 8, extremeCounts: false }).map(({ original, mutations }) => {
    try {
      return text('mutated', JSON.stringify(applyMutations(original, mutations)) ?? 'undefined');
    } catch {
      return text('mutated', 'null'); // too deep for JSON.stringify
    }
  }),
  fc
    .tuple(arbTopology({ maxNodes: 8, extremeCounts: false }), fc.array(arbTextMutation, { minLength: 1, maxLength: 3 }))
    .map(([doc, edits]) => text('cut', applyTextMutations(JSON.stringify(doc), edits))),
  fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 })).map(([i, edits]) => {
    const bytes = SAMPLE_BYTES[i % SAMPLE_BYTES.length]!.slice();
    for (const [at, v] of edits) bytes[at % bytes.length] = v;
    return { kind: 'xml', bytes };
  }),
  arbTopology({ maxNodes: 8, extremeCounts: false }).map((doc) => text('link', shareLink(doc), doc)),
);

const arbCommand = fc.oneof(
  fc.constant(['validate']),
  fc.constant(['validate', '--json']),
  fc.constantFrom(['steps'], ['steps', '--format', 'md'], ['steps', '--format', 'ps1'], ['steps', '--format', 'json']),
  fc.constant(['link']),
  fc.constant(['simulate', '--fail-site']),
);

/** Writes the content and runs the command on it; `simulate` gets a site of the document most of the time. */
async function runOn(
  content: Content,
  command: readonly string[],
  pick: number,
  siteArg: string | undefined,
): Promise<{ name: string; r: Run }> {
  fs.writeFileSync(FILE, content.bytes);
  const [name, ...options] = command;
  const args = [name!, FILE, ...options];
  if (name === 'simulate') {
    const sites = content.doc?.sites ?? [];
    args.push(siteArg === undefined && sites.length ? sites[pick % sites.length]!.id : (siteArg ?? 'dc1'));
  }
  return { name: name!, r: await topo(args) };
}

const arbSiteArg = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 }));

describe('topo on random file contents', () => {
  it('every command: exit 0/1/2, never a throw, never a defect, a message on stderr and nothing on stdout for exit 2', async () => {
    await fc.assert(
      fc.asyncProperty(arbContent, arbCommand, fc.nat(), arbSiteArg, async (content, command, pick, siteArg) => {
        const { name, r } = await runOn(content, command, pick, siteArg);
        expect(contractProblems(name, r)).toEqual([]);
        // A valid document is never refused.
        if (content.doc && name !== 'simulate') expect(r.code, r.err.join('\n')).not.toBe(2);
      }),
      { numRuns: RUNS },
    );
  });

  it('what reaches the terminal is clean: exit 2 is exactly one line on stderr, no raw control characters', async () => {
    await fc.assert(
      fc.asyncProperty(arbContent, arbCommand, fc.nat(), arbSiteArg, async (content, command, pick, siteArg) => {
        const { r } = await runOn(content, command, pick, siteArg);
        expect(terminalProblems(r)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('CLI text output carries no control characters, escapes or bidi overrides from user text', () => {
  it('validate (text), steps (md, ps1) and simulate with a hostile name on every node and site', async () => {
    const problems: string[] = [];
    for (const name of [...HOSTILE_NAMES, 'x\u001b]0;pwned\u0007y', 'a\u009b31mb', 'tab\there', 'back\bspace']) {
      const base = pair2019AlwaysOn();
      const doc: Topology = {
        ...base,
        name,
        sites: base.sites.map((s) => ({ ...s, name })),
        nodes: base.nodes.map((n) => ({ ...n, name })),
      };
      fs.writeFileSync(FILE, JSON.stringify(doc));
      for (const command of [
        ['validate', FILE],
        ['steps', FILE, '--format', 'md'],
        ['steps', FILE, '--format', 'ps1'],
        ['simulate', FILE, '--fail-site', 'dc1'],
      ]) {
        const r = await topo(command);
        problems.push(
          ...[...contractProblems(command[0]!, r), ...terminalProblems(r)].map(
            (p) => `${command[0]} ${JSON.stringify(name).slice(0, 30)}: ${p}`,
          ),
        );
        // Bidi overrides make a terminal line read differently from what it is ("Trojan Source").
        for (const line of [...r.out, ...r.err])
          if (/[\u202a-\u202e\u2066-\u2069]/.test(line))
            problems.push(`${command[0]} ${command[3] ?? ''}: a bidi override from the name reaches the terminal`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('an unusable file is one clean line on stderr even when its text is hostile', async () => {
    const problems: string[] = [];
    const hostileJson = [
      '\u0000',
      '{"format":"sfb-topology","version":1,\n\u001b[31m',
      JSON.stringify({ ...pair2019AlwaysOn(), nodes: [{ id: 'a\n\u001b[31mb', kind: 'frontEndPool' }] }),
      JSON.stringify({ ...pair2019AlwaysOn(), nodes: [{ id: '\u202Eevil', kind: 'mystery' }] }),
    ];
    for (const content of hostileJson) {
      fs.writeFileSync(FILE, content);
      for (const command of [
        ['validate', FILE],
        ['steps', FILE],
        ['link', FILE],
        ['simulate', FILE, '--fail-site', 'dc1'],
      ]) {
        const r = await topo(command);
        expect(r.code).toBe(2);
        problems.push(
          ...[...contractProblems(command[0]!, r), ...terminalProblems(r)].map(
            (p) => `${command[0]} on ${JSON.stringify(content).slice(0, 40)}: ${p}`,
          ),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('simulate on a Topology Builder file with an unknown site: exit 2 with one line, not the import warnings first', async () => {
    fs.writeFileSync(FILE, SAMPLE_BYTES[0]!);
    const r = await topo(['simulate', FILE, '--fail-site', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.err, 'cli.md: input that cannot be used exits 2 with one line on stderr').toHaveLength(1);
    expect(r.err[0]).toMatch(/nowhere/);
  });
});
