/**
 * Opening a file the user dropped or picked: told apart by its content, never by its
 * name, because files get renamed and mail programs change extensions. Every path ends
 * in parseTopology (directly, or inside the share-link decoder and the XML importer).
 */
import { importTopologyXml, looksLikeXml, type ImportWarning } from '../import/index';
import { err, ok, type Result } from '../lib/result';
import { decodeUtf8Strict } from '../lib/utf8';
import type { TopologyError } from '../model/errors';
import { parseTopology } from '../model/parse';
import { LIMITS } from '../model/limits';
import type { Topology } from '../model/schema';
import { decodeShareLink, findShareLink } from '../share/index';
import { displayText } from './escape';
import { extractFromPng, isPng } from './png';
import { extractFromSvg, isSvgText } from './svg';
import { num } from '../lib/text';

export type OpenedKind = 'json' | 'svg' | 'png' | 'topologyBuilder' | 'link';

export interface OpenWarning {
  where?: string;
  message: string;
  /** A value the importer had to assume: the user should confirm it. */
  confirm?: boolean;
}

export interface OpenedDocument {
  topology: Topology;
  warnings: OpenWarning[];
  kind: OpenedKind;
}

export type OpenErrorTag =
  'tooLarge' | 'unknownFormat' | 'noTopology' | 'corrupt' | 'versionTooNew' | 'invalidTopology' | 'importFailed';

export interface OpenError {
  tag: OpenErrorTag;
  /** One sentence for the user, starting with the file name. */
  message: string;
  cause?: TopologyError;
}

const WHAT_OPENS =
  'The designer opens topology files (.json), Topology Builder documents (.xml or .tbxml), SVG and PNG drawings it exported, and share links.';

export function openDocumentBytes(fileName: string, bytes: Uint8Array): Result<OpenedDocument, OpenError> {
  const name = displayText(typeof fileName === 'string' && fileName ? fileName : 'this file', 80);
  const fail = (tag: OpenErrorTag, message: string, cause?: TopologyError): Result<never, OpenError> =>
    err({ tag, message: `${name}: ${message}`, ...(cause ? { cause } : {}) });
  try {
    if (!(bytes instanceof Uint8Array)) return fail('unknownFormat', `expected the bytes of a file. ${WHAT_OPENS}`);
    if (bytes.length === 0) return fail('unknownFormat', `the file is empty. ${WHAT_OPENS}`);
    if (bytes.length > LIMITS.maxInputBytes)
      return fail('tooLarge', `the file is ${num(bytes.length)} bytes, more than any design; it was not opened.`);

    const fromParse = (value: unknown, kind: OpenedKind, warnings: OpenWarning[] = []): Result<OpenedDocument, OpenError> => {
      const r = parseTopology(value);
      if (r.ok) return ok({ topology: r.value, warnings, kind });
      const tag: OpenErrorTag =
        r.error.tag === 'versionTooNew' ? 'versionTooNew' : r.error.tag === 'tooLarge' ? 'tooLarge' : 'invalidTopology';
      return fail(tag, r.error.message, r.error);
    };

    if (isPng(bytes)) {
      const v = extractFromPng(bytes);
      if (!v.ok) return fail(v.error.tag === 'notPng' ? 'unknownFormat' : v.error.tag, v.error.message);
      return fromParse(v.value, 'png');
    }

    const text = decodeText(bytes);
    if (typeof text !== 'string')
      return fail(
        'unknownFormat',
        text.offset >= 0 ? `the file ${text.message}. ${WHAT_OPENS}` : `the file is neither text nor a PNG image. ${WHAT_OPENS}`,
      );
    const body = text.replace(/^\uFEFF/, '');
    const start = body.trimStart();

    if (start.startsWith('{')) return fromParse(body, 'json');

    if (looksLikeXml(start)) {
      if (isSvgText(start)) {
        const v = extractFromSvg(start);
        if (!v.ok) return fail(v.error.tag === 'notSvg' ? 'unknownFormat' : v.error.tag, v.error.message);
        return fromParse(v.value, 'svg');
      }
      const imported = importTopologyXml(bytes);
      if (!imported.ok) return fail(imported.error.tag === 'tooLarge' ? 'tooLarge' : 'importFailed', imported.error.message);
      const warnings: OpenWarning[] = imported.value.warnings.map((w: ImportWarning) => ({
        ...(w.where ? { where: w.where } : {}),
        message: w.message,
        ...(w.confirm ? { confirm: true } : {}),
      }));
      return ok({ topology: imported.value.topology, warnings, kind: 'topologyBuilder' });
    }

    const link = findShareLink(start);
    if (link) {
      const r = decodeShareLink(link);
      if (r.ok) return ok({ topology: r.value, warnings: [], kind: 'link' });
      const e = r.error;
      const tag: OpenErrorTag =
        e.tag === 'invalidTopology' || e.tag === 'versionTooNew' || e.tag === 'tooLarge'
          ? e.tag
          : e.tag === 'notALink'
            ? 'unknownFormat'
            : 'corrupt';
      return fail(tag, `the share link in it cannot be opened. ${e.message}`, e.cause);
    }
    return fail('unknownFormat', `this is not a file the designer can open. ${WHAT_OPENS}`);
  } catch (e) {
    // Defensive: a defect must never take the designer down with the user's work.
    return fail('corrupt', `the file could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** UTF-8 (with or without BOM) or UTF-16 (BOM, or the zero bytes of ASCII text); else where the UTF-8 goes wrong. */
function decodeText(bytes: Uint8Array): string | { offset: number; message: string } {
  const [b0, b1] = [bytes[0], bytes[1]];
  let encoding: 'utf-16le' | 'utf-16be' | undefined;
  let start = 0;
  if (b0 === 0xff && b1 === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (b0 === 0xfe && b1 === 0xff) [encoding, start] = ['utf-16be', 2];
  else if (bytes.length >= 2 && b0 === 0 && b1 !== 0) encoding = 'utf-16be';
  else if (bytes.length >= 2 && b0 !== 0 && b1 === 0) encoding = 'utf-16le';
  if (!encoding) {
    const r = decodeUtf8Strict(bytes);
    return r.ok ? r.value : r.error;
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    return { offset: -1, message: 'is not UTF-16 text' };
  }
}
