/** What opening a design takes and gives (open-job.ts, open-work.ts and the worker), and the small readers both use. */
import type { OpenWarning } from '../export/index';
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';

export type OpenJob =
  { kind: 'link'; link: string } | { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'design'; text: string };

export type OpenJobResult =
  { ok: true; topology: Topology; warnings: OpenWarning[]; opened: string } | { ok: false; message: string };

export interface OpenProgress {
  label: string;
  /** 0 to 1. */
  fraction: number;
}

/** A stored design's text: parsed and validated against the schema. Never throws. */
export function openDesignText(text: string): OpenJobResult {
  try {
    const r = parseTopology(text);
    return r.ok ? { ok: true, topology: r.value, warnings: [], opened: 'design' } : { ok: false, message: r.error.message };
  } catch (e) {
    return { ok: false, message: `could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

export const withoutName = (name: string, message: string): string =>
  message.startsWith(name) ? message.slice(name.length).replace(/^[:\s]+/, '') : message;

/** The importer's warnings as lines, the ones to confirm first. */
export function warningLines(warnings: readonly OpenWarning[]): string[] {
  const line = (w: { where?: string; message: string }) => (w.where ? `${w.where}: ${w.message}` : w.message);
  return [
    ...warnings.filter((w) => w.confirm).map((w) => `Please confirm: ${line(w)}`),
    ...warnings.filter((w) => !w.confirm).map(line),
  ];
}
