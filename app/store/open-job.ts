/**
 * Opening large input off the main thread: a share link, a file's bytes or a stored
 * design's text is decoded, parsed and validated in a worker (open-worker.ts), so the
 * page keeps answering and shows progress; small input is read at once, here. Both take
 * the same path (`performOpen`), so the worker changes where the work runs, never what
 * it accepts. The readers of files and links (open-work.ts) are loaded on first use: a
 * stored design, read at every start, needs only the schema.
 */
import {
  openDesignText,
  ResultAssembler,
  type OpenJob,
  type OpenJobResult,
  type OpenMessage,
  type OpenProgress,
} from './open-result';

export { warningLines, withoutName, type OpenJob, type OpenJobResult, type OpenProgress } from './open-result';

/**
 * Input this large goes to the worker (a design of some 600 nodes): decoding, parsing and
 * checking more on the page is a task of over 100 ms. Below it, starting a worker costs
 * more than it saves.
 */
export const OFF_THREAD_CHARS = 300_000;

/** A share link is compressed: it holds some 20 to 30 times its length of design (a 290,000-character link, 8 MB). */
export const LINK_EXPANSION = 20;

/** About how many characters of design the job reads. */
const sizeOf = (job: OpenJob): number =>
  job.kind === 'link' ? job.link.length * LINK_EXPANSION : job.kind === 'file' ? job.bytes.length : job.text.length;

/** Runs the job in a worker when it is large and workers exist, else here. */
export async function runOpen(
  job: OpenJob,
  progress: (p: OpenProgress | undefined) => void = () => undefined,
): Promise<OpenJobResult> {
  if (sizeOf(job) < OFF_THREAD_CHARS || typeof Worker === 'undefined')
    return job.kind === 'design' ? openDesignText(job.text) : (await import('./open-work')).performOpen(job);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./open-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return (await import('./open-work')).performOpen(job);
  }
  progress({ label: 'Opening the design', fraction: 0.05 });
  try {
    return await new Promise<OpenJobResult>((resolve) => {
      const parts = new ResultAssembler();
      worker.onmessage = (e: MessageEvent<OpenMessage>) => {
        switch (e.data.type) {
          case 'progress':
            progress(e.data.progress);
            break;
          case 'part':
            parts.add(e.data);
            break;
          case 'done':
            resolve(parts.result(e.data.result));
            break;
        }
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
