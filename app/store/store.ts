/**
 * The designer's store: zustand slices combined, one store per designer (the page makes
 * one, each test its own). React reads it through the provider (designer-context.tsx);
 * code outside React receives it as an argument. Findings and steps are derived from the
 * document through memoised selectors (selectors.ts), never stored.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createDocumentSlice, type DocumentSlice, type DocumentSliceOptions } from './document-slice';
import { DesignSession } from './storage/session';
import { createUiSlice, type UiSlice } from './ui-slice';

export interface ServicesSlice {
  /** This designer's link to the browser database: autosave, the tab's design, the library. */
  autosave: DesignSession;
}

export type DesignerState = DocumentSlice & UiSlice & CompareSlice & ServicesSlice;
export type DesignerStore = StoreApi<DesignerState>;

export interface DesignerStoreOptions extends DocumentSliceOptions {
  autosave?: DesignSession;
}

/** Keys of the document slice that change the design: refused while the tab shows it read-only. */
const DOCUMENT_KEYS = ['doc', 'history', 'revision', 'loadSeq'] as const;

export function createDesignerStore(options: DesignerStoreOptions = {}): DesignerStore {
  const autosave = options.autosave ?? new DesignSession();
  return createStore<DesignerState>()((set, get, api) => {
    // A read-only tab (another tab owns the design) keeps every edit out of the document;
    // what else the edit changes (the end of a drag preview) still applies.
    const guarded: typeof set = ((partial: unknown, replace?: boolean) => {
      if (!autosave.isReadOnly()) return (set as (p: unknown, r?: boolean) => void)(partial, replace);
      const value =
        typeof partial === 'function'
          ? (partial as (s: DesignerState) => Partial<DesignerState>)(get())
          : (partial as Partial<DesignerState>);
      if (!DOCUMENT_KEYS.some((k) => k in value)) return set(value);
      autosave.blockedEdit();
      const rest: Partial<DesignerState> = { ...value };
      for (const k of DOCUMENT_KEYS) delete rest[k];
      if (Object.keys(rest).length) set(rest);
    }) as typeof set;
    return {
      ...createDocumentSlice(options)(guarded as Parameters<ReturnType<typeof createDocumentSlice>>[0], get, api),
      ...createUiSlice(set, get, api),
      ...createCompareSlice(
        set as Parameters<typeof createCompareSlice>[0],
        get,
        api as Parameters<typeof createCompareSlice>[2],
      ),
      autosave,
    };
  });
}
