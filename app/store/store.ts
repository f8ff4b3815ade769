/**
 * The designer's store: zustand slices combined, one store per designer (the page makes
 * one, each test its own). React reads it through the provider (designer-context.tsx);
 * code outside React receives it as an argument. Findings and steps are derived from the
 * document through memoised selectors (selectors.ts), never stored.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createDocumentSlice, type DocumentSlice, type DocumentSliceOptions } from './document-slice';
import { Autosave } from './persistence';
import { createUiSlice, type UiSlice } from './ui-slice';

export interface ServicesSlice {
  /** This designer's autosave slot in the browser's storage. */
  autosave: Autosave;
}

export type DesignerState = DocumentSlice & UiSlice & ServicesSlice;
export type DesignerStore = StoreApi<DesignerState>;

export interface DesignerStoreOptions extends DocumentSliceOptions {
  autosave?: Autosave;
}

export function createDesignerStore(options: DesignerStoreOptions = {}): DesignerStore {
  const autosave = options.autosave ?? new Autosave();
  return createStore<DesignerState>()((...a) => ({
    ...createDocumentSlice(options)(...a),
    ...createUiSlice(...a),
    autosave,
  }));
}
