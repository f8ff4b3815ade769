/**
 * The command line on input that never ends or is not a file: each exits 2 with one line,
 * at once (a FIFO with no writer, /dev/zero, an endless stdin), and bytes that are not
 * UTF-8 are refused with the offset of the first bad byte, as the designer refuses them.
 * Run as real processes: the point is that the process ends.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDocumentBytes } from '../export/open';
import { LIMITS } from '../model/limits';
import { readInput, stdinCap } from './input';

const here = path.dirname(new URL(import.meta.url).pathname);
const topo = path.resolve(here, '../../scripts/topo.mjs');
/** Far above the 2 s these take on an idle machine: only a hang fails (timings: npm run bench). */
const KILL_AFTER_MS = 20_000;

function runShell(cmd: string) {
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: KILL_AFTER_MS });
  return { status: r.status, signal: r.signal, stdout: r.stdout, lines: r.stderr.trim().split('\n') };
}

describe('topo on input that is not a plain file', () => {
  beforeAll(() => {
    spawnSync(process.execPath, [topo, '--help']); // builds the bundle once
  }, 120_000);

  it('a named pipe is refused without opening it (no writer needed)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-fifo-'));
    const fifo = path.join(dir, 'in.json');
    execFileSync('mkfifo', [fifo]);
    const r = runShell(`node ${JSON.stringify(topo)} validate ${JSON.stringify(fifo)}`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/is not a regular file \(a named pipe\)/);
  }, 60_000);

  it('/dev/zero as a file and as stdin', () => {
    for (const cmd of [
      `node ${JSON.stringify(topo)} validate /dev/zero`,
      `node ${JSON.stringify(topo)} validate - < /dev/zero`,
    ]) {
      const r = runShell(cmd);
      expect(r.signal, cmd).toBeNull();
      expect(r.status, cmd).toBe(2);
      expect(r.lines, cmd).toHaveLength(1);
    }
  }, 60_000);

  it('endless stdin: text, random bytes, nesting and a stream of JSON documents', () => {
    for (const source of ['yes', 'cat /dev/urandom', "yes '{'", `yes '{"a":1}'`]) {
      const r = runShell(`${source} | node ${JSON.stringify(topo)} validate -`);
      expect(r.signal, source).toBeNull();
      expect(r.status, source).toBe(2);
      expect(r.lines, source).toHaveLength(1);
      expect(r.lines[0], source).toMatch(/^topo validate: stdin: /);
    }
  }, 120_000);

  it('an endless stream that looks like JSON stops at the cap', async () => {
    // One endless string: nothing to refuse early, so reading stops at the design limit.
    const child = spawn(process.execPath, [topo, 'validate', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const block = Buffer.alloc(1 << 16, 0x61);
    child.stdin.on('error', () => undefined);
    child.stdin.write('{"name":"');
    let open = true;
    const pump = () => {
      while (open && child.stdin.write(block));
      if (open) child.stdin.once('drain', pump);
    };
    pump();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    open = false;
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/more than 48,000,000 bytes/);
  }, 120_000);
});

describe('strict UTF-8, the same in the command line and the designer', () => {
  const bytes = new TextEncoder().encode('{"format":"sfb-topology","name":"Z?rich"}');
  bytes[35] = 0xfc; // "ü" written as Latin-1

  it('the CLI exits 2 naming the byte offset', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-utf8-'));
    const file = path.join(dir, 'latin1.json');
    fs.writeFileSync(file, bytes);
    for (const cmd of [
      `node ${JSON.stringify(topo)} validate ${JSON.stringify(file)}`,
      `node ${JSON.stringify(topo)} validate - < ${JSON.stringify(file)}`,
    ]) {
      const r = runShell(cmd);
      expect(r.status, cmd).toBe(2);
      expect(r.lines, cmd).toHaveLength(1);
      expect(r.lines[0], cmd).toContain('is not UTF-8 text: byte 35 (0xfc)');
    }
  }, 60_000);

  it('the designer refuses the same bytes with the same words', () => {
    const r = openDocumentBytes('latin1.json', bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('is not UTF-8 text: byte 35 (0xfc)');
  });

  it('stdin is sized by what it starts with', () => {
    const cap = (s: string | number[]) => stdinCap(typeof s === 'string' ? new TextEncoder().encode(s) : Uint8Array.from(s));
    expect(cap('  {"format"')).toEqual({ ok: true, value: 48_000_000 });
    expect(cap('<?xml version="1.0"?>')).toEqual({ ok: true, value: 80_000_000 });
    expect(cap([0xff, 0xfe, 0x3c, 0])).toEqual({ ok: true, value: 80_000_000 });
    expect(cap('https://designer.example/#t1.abc').ok).toBe(true);
    expect(cap([0, 0, 0, 0]).ok).toBe(false);
    expect(cap('y\ny\n').ok).toBe(false);
  });
});

describe('one set of limits: the designer and the command line read the same numbers', () => {
  it('a file one byte over LIMITS.maxInputBytes is refused by both, each naming that size', async () => {
    const over = LIMITS.maxInputBytes + 1;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-limit-'));
    const file = path.join(dir, 'big.json');
    // A sparse file: its size is what is checked, before anything is read.
    fs.writeFileSync(file, '');
    fs.truncateSync(file, over);
    try {
      const cli = await readInput(file);
      expect(cli.ok).toBe(false);
      if (!cli.ok) expect(cli.error).toContain(`the limit is ${LIMITS.maxInputBytes.toLocaleString('en-US')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const browser = openDocumentBytes('big.json', new Uint8Array(over));
    expect(browser.ok || browser.error.tag).toBe('tooLarge');
    if (!browser.ok) expect(browser.error.message).toContain(over.toLocaleString('en-US'));
  }, 60_000);
});
