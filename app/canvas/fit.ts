/** The view that shows a whole design, computed without React Flow's store (first render). */
import { getNodesBounds, getViewportForBounds, type FitViewOptions, type Node, type Rect, type Viewport } from '@xyflow/react';

type Padding = NonNullable<FitViewOptions['padding']>;
import type { FlowNode } from './flow-types';

export const EMPTY_VIEWPORT: Viewport = { x: 40, y: 40, zoom: 1 };
/** As the designer's canvas is configured (minZoom) and as fitView is called. */
export const MIN_ZOOM = 0.05;
export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.2 } as const;

/**
 * The minimap (bottom right) and the zoom buttons (bottom left) must not cover the design
 * at the fit view: the fit keeps a band free for them, along the bottom or down the right
 * side, whichever costs the design less zoom.
 */
const ROOM_BELOW: Padding = { top: '6%', left: '6%', right: '6%', bottom: '150px' };
const ROOM_RIGHT: Padding = { top: '6%', left: '80px', right: '226px', bottom: '6%' };

export function fitPadding(bounds: Rect, width: number, height: number): Padding {
  const below = getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_OPTIONS.maxZoom, ROOM_BELOW);
  const right = getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_OPTIONS.maxZoom, ROOM_RIGHT);
  return right.zoom > below.zoom ? ROOM_RIGHT : ROOM_BELOW;
}

/** The viewport React Flow's fitView would choose for these nodes in a width × height pane. */
export function fittedViewport(nodes: readonly FlowNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return EMPTY_VIEWPORT;
  const bounds = getNodesBounds([...nodes]);
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_OPTIONS.maxZoom, fitPadding(bounds, width, height));
}

/** fitView's options for the design now on the canvas (the pane is `.canvas-wrap`). */
export function fitOptions(nodes: readonly Node[], duration?: number): FitViewOptions {
  const box = typeof document === 'undefined' ? undefined : document.querySelector('.canvas-wrap')?.getBoundingClientRect();
  const padding = box && nodes.length > 0 ? fitPadding(getNodesBounds([...nodes]), box.width, box.height) : FIT_OPTIONS.padding;
  return { maxZoom: FIT_OPTIONS.maxZoom, padding, duration };
}
