/**
 * Turns a captured diagram into the exported file: a title block (name, date, product
 * versions, counts of findings) and the topology embedded (SVG metadata, PNG text
 * chunk), so dropping the file back on the designer reopens the design.
 */
import { appendTitleBlock, embedInPng, embedInSvg, titleBlockInfo } from './export/index';
import type { Topology } from './model/schema';
import type { Severity } from './rules/types';

export async function decorateExport(format: 'png' | 'svg', shot: { data: string; width: number; height: number }, doc: Topology, summary: Record<Severity, number>, background = '#ffffff'): Promise<{ data: BlobPart; type: string }> {
  const raw = decodeURIComponent(shot.data.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  const titled = appendTitleBlock(raw, titleBlockInfo(doc, summary, new Date()), { background });
  const svg = titled.ok ? titled.value : raw;
  if (format === 'svg') {
    const embedded = embedInSvg(svg, doc);
    if (!embedded.ok) throw new Error(embedded.error.message);
    return { data: embedded.value, type: 'image/svg+xml' };
  }
  const png = await rasterize(svg);
  const embedded = embedInPng(png, doc);
  if (!embedded.ok) throw new Error(embedded.error.message);
  return { data: embedded.value as Uint8Array<ArrayBuffer>, type: 'image/png' };
}

/** The SVG drawn into a canvas at its own size (what html-to-image's toPng does too). */
async function rasterize(svg: string): Promise<Uint8Array> {
  const img = new Image();
  img.decoding = 'sync';
  // A data URL, as html-to-image uses: the canvas stays untainted with foreignObject content.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the diagram could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth || img.width;
    canvas.height = img.naturalHeight || img.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the image could not be encoded');
    return new Uint8Array(await blob.arrayBuffer());
  }
}
