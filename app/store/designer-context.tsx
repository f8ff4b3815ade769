/**
 * The store reaches components through React context, as React Flow's does: each
 * <DesignerProvider> holds its own store, so two designers (or two tests) never share
 * state. Components read with `useDesigner(selector)`; event handlers get the store with
 * `useDesignerStore()` and read it when they run.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignerState, DesignerStore } from './store';

const DesignerContext = createContext<DesignerStore | null>(null);

export function DesignerProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  return <DesignerContext.Provider value={store}>{children}</DesignerContext.Provider>;
}

/** The store of the enclosing provider (for event handlers and effects). */
export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerContext);
  if (!store) throw new Error('useDesigner needs a <DesignerProvider> around the component.');
  return store;
}

/** A slice of the designer's state; the component re-renders when it changes. */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}
