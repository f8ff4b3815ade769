/**
 * The Export menu's files, built in the browser from the same pure renderer as
 * `topo render`: native SVG (app/export/render-svg.ts), PNG drawn from that SVG, and,
 * loaded only when asked for, the PDF report and the PowerPoint deck.
 */
import { embedInPng } from './export/png';
import { renderDesignSvg } from './export/render-svg';
import type { DiagramThemeName } from './export/diagram-style';
import { docUrl } from './model/doc-url';
import type { Topology } from './model/schema';
import { findingsNow } from './store/selectors';
import { selectSteps } from './store/plan-selectors';

export interface ExportedFile {
  data: BlobPart;
  type: string;
}

/** The theme the canvas shows now: the drawing is exported as the user sees it. */
export function currentTheme(): DiagramThemeName {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function designSvg(doc: Topology, date = new Date()): string {
  return renderDesignSvg(doc, { theme: currentTheme(), findings: findingsNow(doc), date });
}

export async function exportSvg(doc: Topology): Promise<ExportedFile> {
  return { data: designSvg(doc), type: 'image/svg+xml' };
}

/** Twice the drawing's size (crisp in a document), within what a canvas can hold. */
const PNG_SCALE = 2;
const MAX_SIDE = 8192;
const MAX_PIXELS = 40_000_000;

export async function exportPng(doc: Topology): Promise<ExportedFile> {
  const svg = designSvg(doc);
  const png = await rasterize(svg);
  const embedded = embedInPng(png, doc);
  if (!embedded.ok) throw new Error(embedded.error.message);
  return { data: embedded.value as Uint8Array<ArrayBuffer>, type: 'image/png' };
}

/** The SVG drawn into a canvas: the PNG is the SVG's look, pixel for pixel. */
export async function rasterize(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the diagram could not be drawn as an image'));
      img.src = url;
    });
    const w = img.naturalWidth || img.width;
    const h = img.naturalHeight || img.height;
    const s = Math.min(scale, MAX_SIDE / Math.max(w, h), Math.sqrt(MAX_PIXELS / (w * h)));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * s));
    canvas.height = Math.max(1, Math.round(h * s));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw the image');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the image could not be encoded');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The PDF report: the drawing on page 1, then findings, deployment steps, failover runbooks. */
export async function exportPdf(doc: Topology): Promise<ExportedFile> {
  const { renderDesignPdf } = await import('./export/render-pdf');
  const plan = selectSteps(doc);
  const bytes = await renderDesignPdf(
    doc,
    { findings: findingsNow(doc), steps: plan.steps, runbooks: plan.runbooks, docUrl },
    { date: new Date() },
  );
  return { data: bytes as Uint8Array<ArrayBuffer>, type: 'application/pdf' };
}

/** The PowerPoint deck: the diagram as editable shapes and connectors, the findings, one slide per runbook. */
export async function exportPptx(doc: Topology): Promise<ExportedFile> {
  const { renderDesignPptx } = await import('./export/render-pptx');
  const plan = selectSteps(doc);
  const bytes = await renderDesignPptx(
    doc,
    { findings: findingsNow(doc), steps: plan.steps, runbooks: plan.runbooks, docUrl },
    { date: new Date() },
  );
  return {
    data: bytes as Uint8Array<ArrayBuffer>,
    type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  };
}
