/**
 * Where each link runs, outside React Flow's edges. A route is not part of an edge's
 * data: a drag re-routes the moved card's links on every frame, and a new edge object
 * means a new edges array, which React Flow answers by rebuilding its connection index
 * over every link (a few ms per frame at 800 links, more than the rest of the frame's
 * script). Instead the edges stay the same objects and each edge reads its own route here,
 * re-rendering only when that route changes.
 *
 * When many routes change at once (a large design's routing finishing, a layout), the
 * links are told a batch per task: telling 1,600 links at once re-rendered all of them in
 * one task of a third of a second. Until its turn, a link keeps the route it had.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { LinkRoute } from '../model/link-routing';

/** Links told per task when many routes change (a fifth of the 1,600 links that were one task of a third of a second). */
export const ROUTE_BATCH = 300;

export interface PublishOptions {
  /** At most this many links are told now; the rest in later tasks (none held back by default). */
  batch?: number;
  /** Runs work in a later task; returns a cancel. */
  schedule?: (work: () => void) => () => void;
  /** Called once every link shows the routes published (after the last held batch). */
  onDone?: () => void;
}

export class RouteBoard {
  private routes: ReadonlyMap<string, LinkRoute> = new Map();
  private listeners = new Map<string, Set<() => void>>();
  /** Links still showing an older route (the value here) until their batch comes. */
  private held = new Map<string, LinkRoute | undefined>();
  private cancelNext: (() => void) | undefined;

  get(id: string): LinkRoute | undefined {
    return this.held.has(id) ? this.held.get(id) : this.routes.get(id);
  }

  /** How many links still show an older route. */
  get pending(): number {
    return this.held.size;
  }

  /** Takes the routes as the canvas draws them now; tells only the links whose route changed. */
  publish(routes: ReadonlyMap<string, LinkRoute>, options: PublishOptions = {}): void {
    const { batch = Infinity, schedule, onDone } = options;
    if (this.routes === routes && this.held.size === 0) return;
    this.cancelNext?.();
    this.cancelNext = undefined;
    const changed: string[] = [];
    for (const id of this.listeners.keys()) if (this.get(id) !== routes.get(id)) changed.push(id);
    const later = schedule && changed.length > batch ? changed.slice(batch) : [];
    const shownBefore = new Map(later.map((id) => [id, this.get(id)]));
    this.routes = routes;
    this.held = shownBefore;
    this.tell(later.length ? changed.slice(0, batch) : changed);
    if (later.length) this.next(batch, schedule!, onDone);
  }

  /** Stops telling held links later (the board is gone); they are told nothing more. */
  dispose(): void {
    this.cancelNext?.();
    this.cancelNext = undefined;
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  private next(batch: number, schedule: NonNullable<PublishOptions['schedule']>, onDone?: () => void): void {
    this.cancelNext = schedule(() => {
      this.cancelNext = undefined;
      const now: string[] = [];
      for (const id of this.held.keys()) {
        if (now.length >= batch) break;
        now.push(id);
      }
      for (const id of now) this.held.delete(id);
      this.tell(now);
      if (this.held.size) this.next(batch, schedule, onDone);
      else onDone?.();
    });
  }

  private tell(ids: readonly string[]): void {
    for (const id of ids) {
      const set = this.listeners.get(id);
      if (set) for (const l of [...set]) l();
    }
  }
}

export const RouteBoardContext = createContext<RouteBoard>(new RouteBoard());

/** The route of the link `id`, as the canvas last published it. */
export function useRoute(id: string): LinkRoute | undefined {
  const board = useContext(RouteBoardContext);
  const subscribe = useCallback((l: () => void) => board.subscribe(id, l), [board, id]);
  return useSyncExternalStore(
    subscribe,
    () => board.get(id),
    () => board.get(id),
  );
}
