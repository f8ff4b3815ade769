/** The view that shows a whole design, computed without React Flow's store (first render). */
import { getNodesBounds, getViewportForBounds, type Viewport } from '@xyflow/react';
import { FIT_OPTIONS } from '../lib/fit-options';
import type { FlowNode } from './flow-types';

export const EMPTY_VIEWPORT: Viewport = { x: 40, y: 40, zoom: 1 };
/** As the designer's canvas is configured (minZoom) and as fitView is called. */
export const MIN_ZOOM = 0.05;
export { FIT_OPTIONS };

/** The viewport React Flow's fitView would choose for these nodes in a width × height pane. */
export function fittedViewport(nodes: readonly FlowNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return EMPTY_VIEWPORT;
  const bounds = getNodesBounds([...nodes]);
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
}
