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

/**
 * Above this many cards a design opens on its first site, not fitted: fitting 10,000 cards
 * draws every one of them at once (seconds of the browser's work with nothing to read),
 * whereas at a readable zoom the canvas draws only what is in view. The minimap shows the
 * whole design, and zooming out or Find reach the rest.
 */
export const OPEN_AT_SITE_ABOVE = 1_000;
/** The zoom a large design opens at: full cards (detail-level.ts). */
export const OPEN_AT_SITE_ZOOM = 0.5;
const SITE_MARGIN = 40;

/** Whether a design of this many cards opens on its first site rather than fitted. */
export const opensAtSite = (nodes: readonly Node[]): boolean =>
  nodes.reduce((n, x) => (x.type === 'topology' ? n + 1 : n), 0) > OPEN_AT_SITE_ABOVE;

/**
 * The view a design opens at in a width × height pane: fitted, or for a large one its
 * first site's top left corner at a readable zoom (the whole site when it fits).
 */
export function openingViewport(nodes: readonly Node[], width: number, height: number): Viewport {
  if (!opensAtSite(nodes) || width <= 0 || height <= 0) return fittedViewport(nodes as readonly FlowNode[], width, height);
  const site = nodes.find((n) => n.type === 'site');
  const first = site ?? nodes.find((n) => n.type === 'topology')!;
  const w = first.width ?? first.measured?.width ?? 0;
  const h = first.height ?? first.measured?.height ?? 0;
  const fits = Math.min((width - 2 * SITE_MARGIN) / Math.max(w, 1), (height - 2 * SITE_MARGIN) / Math.max(h, 1));
  const zoom = Math.min(FIT_OPTIONS.maxZoom, Math.max(OPEN_AT_SITE_ZOOM, fits));
  return { x: SITE_MARGIN - first.position.x * zoom, y: SITE_MARGIN - first.position.y * zoom, zoom };
}
