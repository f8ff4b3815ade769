/**
 * The designer's one store: zustand slices combined. Findings and steps are derived from
 * the document through memoised selectors (selectors.ts), never stored.
 */
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type DesignerState = DocumentSlice & UiSlice;

export const createDesignerStore = () =>
  create<DesignerState>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createUiSlice(...a),
  }));

export const useDesigner = createDesignerStore();
