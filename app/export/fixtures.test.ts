/**
 * Files the designer exported stay openable: the SVG of the html-to-image era (a
 * foreignObject, the design in its metadata) and the native SVG that replaced it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { pairStandardEdition } from '../model/samples/index';
import { openDocumentBytes } from './open';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(here, 'fixtures', name)));
const expected = parseTopology(pairStandardEdition());

describe('exported files of every era reopen', () => {
  for (const name of ['format1-foreignobject-export.svg', 'format1-native-export.svg'])
    it(name, () => {
      const r = openDocumentBytes(name, fixture(name));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.kind).toBe('svg');
      expect(r.value.topology).toEqual(expected.ok && expected.value);
    });

  it('the old export is the foreignObject kind, the new one is native shapes', () => {
    const old = new TextDecoder().decode(fixture('format1-foreignobject-export.svg'));
    const native = new TextDecoder().decode(fixture('format1-native-export.svg'));
    expect(old).toContain('<foreignObject');
    expect(native).not.toContain('foreignObject');
    expect(native).toContain('<text ');
  });
});
