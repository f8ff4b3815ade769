/**
 * Files the designer exported stay openable: the SVG of the html-to-image era (a
 * foreignObject, the design in its metadata) and the native SVG that replaced it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { openDocumentBytes } from './open';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(here, 'fixtures', name)));
const FILES = ['format1-foreignobject-export.svg', 'format1-native-export.svg'];

function reopen(name: string) {
  const r = openDocumentBytes(name, fixture(name));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('exported files of every era reopen', () => {
  // Both files were exported from the same design (the Standard Edition reference design of
  // their day): golden files, compared with each other, not with today's reference design.
  for (const name of FILES)
    it(name, () => {
      const opened = reopen(name);
      expect(opened.kind).toBe('svg');
      expect(parseTopology(opened.topology).ok).toBe(true);
      expect(opened.topology.name).toBe('Northwind: paired Standard Edition servers');
      expect(
        opened.topology.nodes
          .filter((n) => n.kind === 'standardEditionServer')
          .map((n) => n.id)
          .sort(),
      ).toEqual(['se-dr', 'se-hq']);
    });

  it('both eras give the same design back', () => {
    expect(reopen(FILES[0]!).topology).toEqual(reopen(FILES[1]!).topology);
  });

  it('the old export is the foreignObject kind, the new one is native shapes', () => {
    const old = new TextDecoder().decode(fixture('format1-foreignobject-export.svg'));
    const native = new TextDecoder().decode(fixture('format1-native-export.svg'));
    expect(old).toContain('<foreignObject');
    expect(native).not.toContain('foreignObject');
    expect(native).toContain('<text ');
  });
});
