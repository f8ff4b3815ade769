/**
 * Diagram capture with html-to-image 1.11.11 (later versions drop React Flow edges):
 * the whole topology fitted into an image, following React Flow's own export recipe
 * (getNodesBounds + getViewportForBounds on the viewport element).
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

export interface CaptureOptions {
  nodes: Node[];
  background: string;
  format: 'png' | 'svg';
  /** Pixels of margin around the diagram. */
  margin?: number;
  maxSide?: number;
}

export async function captureDiagram(o: CaptureOptions): Promise<{ data: string; width: number; height: number }> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('the canvas is not on screen');
  const bounds = getNodesBounds(o.nodes);
  const margin = o.margin ?? 40;
  const maxSide = o.maxSide ?? 4000;
  const scale = Math.min(1.5, maxSide / Math.max(bounds.width + 2 * margin, bounds.height + 2 * margin));
  const width = Math.max(320, Math.round((bounds.width + 2 * margin) * scale));
  const height = Math.max(240, Math.round((bounds.height + 2 * margin) * scale));
  const vp = getViewportForBounds(bounds, width, height, 0.05, 2, margin / Math.max(width, height));
  const options = {
    backgroundColor: o.background,
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
    filter: (el: HTMLElement) => !(el.classList?.contains('react-flow__minimap') || el.classList?.contains('react-flow__controls') || el.classList?.contains('legend-panel') || el.classList?.contains('topo-handle')),
  };
  const data = o.format === 'png' ? await toPng(viewport, { ...options, pixelRatio: 1 }) : await toSvg(viewport, options);
  return { data, width, height };
}
