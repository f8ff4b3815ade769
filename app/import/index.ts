/**
 * Topology Builder import: XML text (published `<Topology>` or a saved `.tbxml`) in,
 * a topology document and warnings out. Pure; never throws.
 *
 * bytes → text (xml.ts decodeXmlBytes) → element tree (xml.ts parseXml, safe: no DTD,
 * no entity expansion, bounded) → neutral reading of either document shape
 * (read-topology.ts) → topology + warnings (build-topology.ts) → parseTopology, the one
 * door every outside input goes through.
 */
import { err, ok, type Result } from '../lib/result';
import { parseTopology } from '../model/parse';
import { buildTopology } from './build-topology';
import { readTopologyDocument } from './read-topology';
import type { ImportError, ImportResult } from './types';
import { decodeXmlBytes, parseXml } from './xml';

export type { ImportError, ImportErrorTag, ImportResult, ImportWarning } from './types';

/** Accepts text, or raw bytes (UTF-8 or UTF-16 with or without BOM). */
export function importTopologyXml(input: string | Uint8Array): Result<ImportResult, ImportError> {
  try {
    return importUnsafe(input);
  } catch (e) {
    // Defensive: a defect in the mapping must not crash the designer or the CLI.
    return err({
      tag: 'invalidResult',
      message: `the import failed unexpectedly (${e instanceof Error ? e.message : String(e)}); please report it with the file`,
    });
  }
}

function importUnsafe(input: string | Uint8Array): Result<ImportResult, ImportError> {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeXmlBytes(input);
    if (!decoded.ok) return err(decoded.error);
    text = decoded.value.text;
  }
  const tree = parseXml(text);
  if (!tree.ok) {
    const prefix = tree.error.tag === 'notXml' && !tree.error.message.startsWith('not XML') ? 'not well-formed XML: ' : '';
    return err({ tag: tree.error.tag, message: `${prefix}${tree.error.message}` });
  }
  const shape = readTopologyDocument(tree.value);
  if (!shape.ok) return err(shape.error);
  const doc = shape.value;
  const built = buildTopology(doc);
  const parsed = parseTopology(built.topology);
  if (!parsed.ok) {
    // The element cap keeps the build itself bounded; the format's own limits decide the rest.
    if (parsed.error.tag === 'tooLarge')
      return err({ tag: 'tooLarge', message: `the imported design would be too large: ${parsed.error.message}` });
    return err({
      tag: 'invalidResult',
      message: `the imported topology is not valid (${parsed.error.message}); this is a defect of the importer, please report it with the file`,
    });
  }
  return ok({ topology: parsed.value, warnings: built.warnings });
}

/** Cheap test: does this text look like XML (so callers know which door to use)? */
export function looksLikeXml(text: string): boolean {
  return /^\s*(\uFEFF)?\s*</.test(text);
}
