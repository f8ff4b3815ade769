import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTopology } from '../../model/parse';
import { pairStandardEdition } from '../../model/samples/index';
import { decodeShareLink, DEFAULT_BASE } from '../../share/index';
import { main } from '../main';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-link-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function topo(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['link', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const doc = pairStandardEdition();
const file = path.join(dir, 'pair-se.json');
fs.writeFileSync(file, JSON.stringify(doc, null, 2));

describe('topo link', () => {
  it('prints a link with the default base that opens the same topology', async () => {
    const r = await topo(file);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.startsWith(`${DEFAULT_BASE}#t1.`)).toBe(true);
    expect(r.out.split('\n')).toHaveLength(1);
    const back = decodeShareLink(r.out);
    const expected = parseTopology(doc);
    expect(back.ok && expected.ok && back.value).toEqual(expected.ok && expected.value);
  });

  it('uses --base (both spellings) and accepts a share link as input', async () => {
    const a = await topo(file, '--base', 'https://designer.example.com/sfb/');
    const b = await topo(`--base=https://designer.example.com/sfb/`, file);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out.startsWith('https://designer.example.com/sfb/#t1.')).toBe(true);
    const again = await topo(a.out, '--base', 'https://designer.example.com/sfb/');
    expect(again).toEqual({ code: 0, out: a.out, err: '' });
  });

  it('exits 2 with one line on stderr and nothing on stdout for unusable input', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...doc, nodes: [{ id: 'x' }] }));
    for (const argv of [
      [path.join(dir, 'missing.json')],
      [bad],
      [],
      [file, 'extra'],
      [file, '--base', 'javascript:alert(1)'],
      [file, '--base'],
      [file, '--nope'],
      [`${DEFAULT_BASE}#t1.AAAA`],
    ]) {
      const r = await topo(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out, argv.join(' ')).toBe('');
      expect(r.err.split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.err.startsWith('topo link: '), r.err).toBe(true);
    }
  });

  it('names the problem: missing file, cut-off link', async () => {
    expect((await topo(path.join(dir, 'missing.json'))).err).toMatch(/no such file/);
    const link = (await topo(file)).out;
    expect((await topo(link.slice(0, link.length - 30))).err).toMatch(/cut off/);
  });
});
