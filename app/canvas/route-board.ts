/**
 * Where each link runs, outside React Flow's edges. A route is not part of an edge's
 * data: a drag re-routes the moved card's links on every frame, and a new edge object
 * means a new edges array, which React Flow answers by rebuilding its connection index
 * over every link (a few ms per frame at 800 links, more than the rest of the frame's
 * script). Instead the edges stay the same objects and each edge reads its own route here,
 * re-rendering only when that route changes.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { LinkRoute } from '../model/link-routing';

export class RouteBoard {
  private routes: ReadonlyMap<string, LinkRoute> = new Map();
  private listeners = new Map<string, Set<() => void>>();

  get(id: string): LinkRoute | undefined {
    return this.routes.get(id);
  }

  /** Takes the routes as the canvas draws them now; tells only the links whose route changed. */
  publish(routes: ReadonlyMap<string, LinkRoute>): void {
    const before = this.routes;
    if (before === routes) return;
    this.routes = routes;
    for (const [id, set] of this.listeners) if (before.get(id) !== routes.get(id)) for (const l of set) l();
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
