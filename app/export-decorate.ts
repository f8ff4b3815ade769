/**
 * Turns a captured diagram into the exported file: a title block (name, date, product
 * versions, counts of findings) and the topology embedded so the file reopens the design.
 * Filled in with app/export's pure helpers once they land.
 */
import type { Topology } from './model/schema';
import type { Severity } from './rules/types';

export async function decorateExport(format: 'png' | 'svg', shot: { data: string; width: number; height: number }, _doc: Topology, _summary: Record<Severity, number>): Promise<{ data: BlobPart; type: string }> {
  if (format === 'svg') {
    const svg = decodeURIComponent(shot.data.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    return { data: svg, type: 'image/svg+xml' };
  }
  const bin = atob(shot.data.split(',')[1] ?? '');
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return { data: bytes, type: 'image/png' };
}
