/**
 * Topology Builder import: XML text (published `<Topology>` or a saved `.tbxml`) in,
 * a format-v1 topology and warnings out. Pure; never throws.
 * STUB: filled in by the import work (issue 7).
 */
import { err, type Result } from '../lib/result';
import type { Topology } from '../model/schema';

export interface ImportWarning {
  /** Where in the XML (element path or id), when known. */
  where?: string;
  message: string;
  /** Values the XML does not hold and the importer defaulted: the user should confirm them. */
  confirm?: boolean;
}

export interface ImportError {
  tag: 'notXml' | 'notTopologyBuilder' | 'tooLarge' | 'unsafeXml' | 'invalidResult';
  message: string;
}

export interface ImportResult {
  topology: Topology;
  warnings: ImportWarning[];
}

/** Accepts text, or raw bytes (UTF-8 or UTF-16 with or without BOM). */
export function importTopologyXml(_input: string | Uint8Array): Result<ImportResult, ImportError> {
  return err({ tag: 'notTopologyBuilder', message: 'Topology Builder import is not available yet' });
}

/** Cheap test: does this text look like XML (so callers know which door to use)? */
export function looksLikeXml(text: string): boolean {
  return /^\s*(\uFEFF)?\s*</.test(text);
}
