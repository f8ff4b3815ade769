/** The view that shows a whole design, computed without React Flow's store (first render). */
import {
  getNodesBounds,
  getViewportForBounds,
  type FitViewOptions,
  type Node,
  type ReactFlowInstance,
  type Rect,
  type Viewport,
} from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/grid-layout';
import { positionOf } from '../model/layout';
import type { Topology } from '../model/schema';
import { siteFrames } from '../model/site-frames';

type Padding = NonNullable<FitViewOptions['padding']>;
import type { FlowNode } from './flow-types';
import { viewMoveMs } from '../lib/view-move';
import { LARGE_DESIGN_NODES } from '../model/large-design';

export const EMPTY_VIEWPORT: Viewport = { x: 40, y: 40, zoom: 1 };
/**
 * As the designer's canvas is configured (minZoom) and as fitView is called. Low enough for
 * Fit to show the whole of a design at the 10,000-node limit (about 1% in a 1440 × 900
 * window): at 5%, a fitted 1,000-node design lost its top row of sites above the pane.
 */
export const MIN_ZOOM = 0.01;
export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.2 } as const;

/**
 * The minimap (bottom right) and the zoom buttons (bottom left) must not cover the design
 * at the fit view: the fit keeps a band free for them, along the bottom or down the right
 * side, whichever costs the design less zoom.
 */
const ROOM_BELOW = { top: '6%', left: '6%', right: '6%', bottom: '150px' } as const satisfies Padding;
const ROOM_RIGHT = { top: '6%', left: '80px', right: '226px', bottom: '6%' } as const satisfies Padding;
/** A windowed design fitted is one picture with a note along the top (overview-picture.tsx): a band is kept free for it too. */
const NOTE_ABOVE = { top: '64px' } as const;
const ROOMS = {
  plain: [ROOM_BELOW, ROOM_RIGHT],
  noteAbove: [
    { ...ROOM_BELOW, ...NOTE_ABOVE },
    { ...ROOM_RIGHT, ...NOTE_ABOVE },
  ],
} as const satisfies Record<string, readonly [Padding, Padding]>;

export function fitPadding(bounds: Rect, width: number, height: number, noteAbove = false): Padding {
  const [roomBelow, roomRight] = ROOMS[noteAbove ? 'noteAbove' : 'plain'];
  const below = getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_OPTIONS.maxZoom, roomBelow);
  const right = getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_OPTIONS.maxZoom, roomRight);
  return right.zoom > below.zoom ? roomRight : roomBelow;
}

/** The view that shows `bounds` whole in a width × height pane, clear of the minimap, the zoom buttons (and the note). */
function fitBounds(bounds: Rect, width: number, height: number, noteAbove = false): Viewport {
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_OPTIONS.maxZoom, fitPadding(bounds, width, height, noteAbove));
}

/** The viewport React Flow's fitView would choose for these nodes in a width × height pane. */
export function fittedViewport(nodes: readonly FlowNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return EMPTY_VIEWPORT;
  return fitBounds(getNodesBounds([...nodes]), width, height);
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

/**
 * Above this many cards React Flow holds only the part of the design in and around the view
 * (canvas-window.ts, loaded with the first such design). Handed whole, a fitted 1,000-card
 * design was 1,000 cards and 1,800 links for React Flow to take in (some twenty tasks of
 * 50–250 ms on opening) and for Chromium to repaint on every pan frame, at a zoom where
 * no card can be read; windowed, it is one picture until zoomed in.
 */
export const WINDOW_ABOVE_CARDS = LARGE_DESIGN_NODES;

/** Whether a design of this many cards is windowed; smaller ones are handed whole, as ever. */
export const windowed = (cards: number): boolean => cards > WINDOW_ABOVE_CARDS;

/** The cards among React Flow nodes (a very large design's canvas holds only some of them: say how many there are). */
const cardsAmong = (nodes: readonly Node[]): number => nodes.reduce((n, x) => (x.type === 'topology' ? n + 1 : n), 0);

/** Whether a design of this many cards opens on its first site rather than fitted. */
export const opensAtSite = (cards: number): boolean => cards > OPEN_AT_SITE_ABOVE;

/**
 * The view a design opens at in a width × height pane: fitted, or for a large one (of
 * `cards` cards, by default those among `nodes`) its first site's top left corner at a
 * readable zoom (the whole site when it fits).
 */
export function openingViewport(nodes: readonly Node[], width: number, height: number, cards = cardsAmong(nodes)): Viewport {
  if (!opensAtSite(cards) || width <= 0 || height <= 0) return fittedViewport(nodes as readonly FlowNode[], width, height);
  const first = nodes.find((n) => n.type === 'site') ?? nodes.find((n) => n.type === 'topology');
  if (!first) return fittedViewport(nodes as readonly FlowNode[], width, height);
  const w = first.width ?? first.measured?.width ?? 0;
  const h = first.height ?? first.measured?.height ?? 0;
  return viewAtBox({ x: first.position.x, y: first.position.y, width: w, height: h }, width, height);
}

/** A large design's opening view: its first box (site frame, or card) at a readable zoom, the whole box when it fits. */
export function viewAtBox(first: Rect, width: number, height: number): Viewport {
  const fits = Math.min(
    (width - 2 * SITE_MARGIN) / Math.max(first.width, 1),
    (height - 2 * SITE_MARGIN) / Math.max(first.height, 1),
  );
  const zoom = Math.min(FIT_OPTIONS.maxZoom, Math.max(OPEN_AT_SITE_ZOOM, fits));
  return { x: SITE_MARGIN - first.x * zoom, y: SITE_MARGIN - first.y * zoom, zoom };
}

/**
 * The view a windowed design opens at (canvas-window.ts): its canvas may not hold its first
 * site, or all of its cards, so both are taken from the document, as openingViewport takes
 * them from the canvas. Up to OPEN_AT_SITE_ABOVE cards it is fitted, by the document's bounds.
 */
export function openingViewportOf(doc: Topology, frames: ReadonlyMap<string, Rect>, width: number, height: number): Viewport {
  if (width <= 0 || height <= 0) return EMPTY_VIEWPORT;
  if (!opensAtSite(doc.nodes.length)) return fittedViewportOf(doc, width, height, frames);
  const site = doc.sites.map((s) => frames.get(s.id)).find((f) => f !== undefined);
  if (site) return viewAtBox(site, width, height);
  const card = doc.nodes.map((n) => positionOf(doc.layout, n.id)).find((p) => p !== undefined);
  return card ? viewAtBox({ ...card, width: NODE_WIDTH, height: NODE_HEIGHT }, width, height) : EMPTY_VIEWPORT;
}

/**
 * A windowed design, from its document, fitted into a width × height pane. Fitted, it is
 * always one picture (more cards in view than MAX_WINDOW_CARDS), whose note along the top
 * must not cover its first row of sites.
 */
export function fittedViewportOf(doc: Topology, width: number, height: number, frames?: ReadonlyMap<string, Rect>): Viewport {
  const bounds = designBounds(doc, frames);
  if (!bounds || width <= 0 || height <= 0) return EMPTY_VIEWPORT;
  return fitBounds(bounds, width, height, true);
}

/** The box holding a whole design: its site frames (computed unless given) and every card (a card outside any frame too). */
export function designBounds(doc: Topology, frames: ReadonlyMap<string, Rect> = siteFrames(doc)): Rect | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const add = (x: number, y: number, w: number, h: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + w);
    maxY = Math.max(maxY, y + h);
  };
  for (const f of frames.values()) add(f.x, f.y, f.width, f.height);
  for (const n of doc.nodes) {
    const p = positionOf(doc.layout, n.id);
    if (p) add(p.x, p.y, NODE_WIDTH, NODE_HEIGHT);
  }
  return minX === Infinity ? undefined : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Fits the whole design in view (the fit button, its shortcut and the canvas menu). A very
 * large design's canvas holds only the cards near the view (canvas-window.ts), so it is
 * fitted by the document's own bounds, not by what React Flow holds.
 */
export function fitWholeDesign(
  flow: Pick<ReactFlowInstance, 'fitView' | 'getNodes' | 'setViewport'>,
  doc: Topology,
  duration = viewMoveMs(doc.nodes.length, 200),
): Promise<boolean> {
  if (!windowed(doc.nodes.length)) return flow.fitView(fitOptions(flow.getNodes(), duration));
  const box = typeof document === 'undefined' ? undefined : document.querySelector('.canvas-wrap')?.getBoundingClientRect();
  const vp = box ? fittedViewportOf(doc, box.width, box.height) : EMPTY_VIEWPORT;
  // Nothing to fit, or no pane.
  if (vp === EMPTY_VIEWPORT) return Promise.resolve(false);
  return flow.setViewport(vp, { duration });
}
