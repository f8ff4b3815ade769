/**
 * Opening large input off the main thread: a share link, a file's bytes or a stored
 * design's text is decoded, parsed and validated in a worker (open-worker.ts), so the
 * page keeps answering and shows progress; small input is read at once, here. Both take
 * the same path (`performOpen`), so the worker changes where the work runs, never what
 * it accepts. The readers of files and links (open-work.ts) are loaded on first use: a
 * stored design, read at every start, needs only the schema.
 */
import type { OpenWarning } from '../export/index';
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';

export type OpenJob = { kind: 'link'; link: string } | { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'design'; text: string };

export type OpenJobResult = { ok: true; topology: Topology; warnings: OpenWarning[]; opened: string } | { ok: false; message: string };

export interface OpenProgress {
  label: string;
  /** 0 to 1. */
  fraction: number;
}

/** Input this large goes to the worker (about 1 MB: a design of some 2,000 nodes); below it, starting a worker costs more than it saves. */
export const OFF_THREAD_CHARS = 1_000_000;

const sizeOf = (job: OpenJob): number => (job.kind === 'link' ? job.link.length : job.kind === 'file' ? job.bytes.length : job.text.length);

/** Runs the job in a worker when it is large and workers exist, else here. */
export async function runOpen(job: OpenJob, progress: (p: OpenProgress | undefined) => void = () => undefined): Promise<OpenJobResult> {
  if (sizeOf(job) < OFF_THREAD_CHARS || typeof Worker === 'undefined') return job.kind === 'design' ? openDesignText(job.text) : (await import('./open-work')).performOpen(job);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./open-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return (await import('./open-work')).performOpen(job);
  }
  progress({ label: 'Opening the design', fraction: 0.05 });
  try {
    return await new Promise<OpenJobResult>((resolve) => {
      worker.onmessage = (e: MessageEvent<{ type: 'progress'; progress: OpenProgress } | { type: 'done'; result: OpenJobResult }>) => {
        if (e.data.type === 'progress') progress(e.data.progress);
        else resolve(e.data.result);
      };
      // A worker that cannot start (a strict policy, an old browser): do the work here instead.
      worker.onerror = (e) => {
        e.preventDefault();
        void import('./open-work').then((m) => resolve(m.performOpen(job)));
      };
      worker.postMessage(job);
    });
  } finally {
    worker.terminate();
    progress(undefined);
  }
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

export const withoutName = (name: string, message: string): string => (message.startsWith(name) ? message.slice(name.length).replace(/^[:\s]+/, '') : message);

/** The importer's warnings as lines, the ones to confirm first. */
export function warningLines(warnings: readonly OpenWarning[]): string[] {
  const line = (w: { where?: string; message: string }) => (w.where ? `${w.where}: ${w.message}` : w.message);
  return [...warnings.filter((w) => w.confirm).map((w) => `Please confirm: ${line(w)}`), ...warnings.filter((w) => !w.confirm).map(line)];
}
