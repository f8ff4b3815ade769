/** `topo export-tb` through main(), as the command line runs it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tbView } from '../../export/topology-builder/tb-test-kit';
import { importTopologyXml } from '../../import/index';
import { REFERENCE_DESIGNS } from '../../model/samples/index';
import type { Topology } from '../../model/schema';
import { runRules } from '../../rules/engine';
import { main } from '../main';

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-export-tb-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

async function topo(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return {
    code,
    out: out.join('\n'),
    errLines: err
      .join('\n')
      .split('\n')
      .filter((l) => l !== ''),
  };
}

function designFile(name: string, doc: Topology): string {
  const file = path.join(TMP, name);
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** A reference design with an error finding: its AlwaysOn Back End switched to SQL mirroring on 2019. */
function invalidDesign(): Topology {
  const d = REFERENCE_DESIGNS.find((r) => r.id === 'pair-2019-ag')!.build();
  d.nodes = d.nodes.map((n) =>
    n.kind === 'sqlStore' && n.haMode === 'alwaysOnAg' ? { ...n, haMode: 'mirroring', ag: undefined } : n,
  ) as Topology['nodes'];
  return JSON.parse(JSON.stringify(d)) as Topology;
}

describe('topo export-tb', () => {
  it.each(REFERENCE_DESIGNS.map((r) => r.id))(
    '%s: a published topology on stdout that imports back to the same design, notes on stderr, exit 0',
    async (id) => {
      const d = REFERENCE_DESIGNS.find((r) => r.id === id)!.build();
      const r = await topo('export-tb', designFile(`${id}.json`, d));
      expect(r.code).toBe(0);
      expect(r.out).toContain('<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"');
      expect(r.errLines.length).toBeGreaterThan(0);
      expect(r.errLines.every((l) => l.startsWith('note: '))).toBe(true);
      const back = importTopologyXml(r.out);
      expect(back.ok && tbView(back.value.topology)).toEqual(tbView(d));
    },
  );

  it('--shape tbxml writes the saved Topology Builder file', async () => {
    const r = await topo('export-tb', designFile('a.json', REFERENCE_DESIGNS[0]!.build()), '--shape', 'tbxml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<TopologyBuilder ');
  });

  it('refuses a design with error findings (exit 1, nothing on stdout, one line naming the rules)', async () => {
    const d = invalidDesign();
    expect(runRules(d).some((f) => f.severity === 'error')).toBe(true);
    const r = await topo('export-tb', designFile('bad.json', d));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.errLines.join('\n')).toMatch(/error finding.*BE-MIRROR-2019.*--force/s);
  });

  it('--force exports a design with errors and lists them at the top of the file', async () => {
    const r = await topo('export-tb', designFile('bad.json', invalidDesign()), '--force');
    expect(r.code).toBe(0);
    const head = r.out.slice(0, r.out.indexOf('-->'));
    expect(head).toContain('WARNING: the design has');
    expect(head).toContain('BE-MIRROR-2019');
  });

  it('exit 2 with one line for an unknown shape, a missing file or no input', async () => {
    for (const args of [
      ['export-tb', designFile('a.json', REFERENCE_DESIGNS[0]!.build()), '--shape', 'visio'],
      ['export-tb', path.join(TMP, 'none.json')],
      ['export-tb'],
    ]) {
      const r = await topo(...args);
      expect(r.code).toBe(2);
      expect(r.errLines).toHaveLength(1);
      expect(r.out).toBe('');
    }
  });
});
