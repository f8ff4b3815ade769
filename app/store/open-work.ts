/**
 * What open-job.ts runs, here or in its worker: a share link decoded, a file read as
 * whatever it holds (JSON, Topology Builder XML, an exported image), a stored design parsed.
 */
import { openDocumentBytes } from '../export/index';
import { decodeShareLink } from '../share/index';
import type { Topology } from '../model/schema';
import { openDesignText, warningLines, withoutName, type OpenJob, type OpenJobResult, type OpenProgress } from './open-result';

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
        return r.ok
          ? { ok: true, topology: r.value.topology, warnings: r.value.warnings, opened: r.value.kind }
          : { ok: false, message: r.error.message };
      }
      case 'design': {
        progress({ label: 'Checking the stored design', fraction: 0.2 });
        return openDesignText(job.text);
      }
    }
  } catch (e) {
    return { ok: false, message: `could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

type ReadResult = { ok: true; topology: Topology; warnings: string[]; kind: string } | { ok: false; message: string };

/** Content decides, not the extension: JSON, Topology Builder XML, an exported SVG/PNG, a share link. */
export function readDocumentBytes(name: string, bytes: Uint8Array): ReadResult {
  const r = openDocumentBytes(name, bytes);
  if (!r.ok) return { ok: false, message: withoutName(name, r.error.message) };
  return { ok: true, topology: r.value.topology, kind: r.value.kind, warnings: warningLines(r.value.warnings) };
}
