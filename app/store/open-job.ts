/**
 * Opening large input off the main thread: a share link, a file's bytes or a stored
 * design's text is decoded, parsed and validated in a worker (open-worker.ts), so the
 * page keeps answering and shows progress; small input is read at once, here. Both take
 * the same path (`performOpen`), so the worker changes where the work runs, never what
 * it accepts.
 */
import { openDocumentBytes, type OpenWarning } from '../export/index';
import { parseTopology } from '../model/parse';
import type { Topology } from '../model/schema';
import { decodeShareLink } from '../share/index';

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

/** The work itself, wherever it runs. Never throws. */
export function performOpen(job: OpenJob, progress: (p: OpenProgress) => void = () => undefined): OpenJobResult {
  try {
    switch (job.kind) {
      case 'link': {
        progress({ label: 'Unpacking and checking the shared design', fraction: 0.2 });
        const r = decodeShareLink(job.link);
        return r.ok ? { ok: true, topology: r.value, warnings: [], opened: 'link' } : { ok: false, message: r.error.message };
      }
      case 'file': {
        progress({ label: `Reading and checking ${job.name}`, fraction: 0.2 });
        const r = openDocumentBytes(job.name, job.bytes);
        return r.ok ? { ok: true, topology: r.value.topology, warnings: r.value.warnings, opened: r.value.kind } : { ok: false, message: r.error.message };
      }
      case 'design': {
        progress({ label: 'Checking the stored design', fraction: 0.2 });
        const r = parseTopology(job.text);
        return r.ok ? { ok: true, topology: r.value, warnings: [], opened: 'design' } : { ok: false, message: r.error.message };
      }
    }
  } catch (e) {
    return { ok: false, message: `could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Runs the job in a worker when it is large and workers exist, else here. */
export async function runOpen(job: OpenJob, progress: (p: OpenProgress | undefined) => void = () => undefined): Promise<OpenJobResult> {
  if (sizeOf(job) < OFF_THREAD_CHARS || typeof Worker === 'undefined') return performOpen(job);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./open-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return performOpen(job);
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
        resolve(performOpen(job));
      };
      worker.postMessage(job);
    });
  } finally {
    worker.terminate();
    progress(undefined);
  }
}
