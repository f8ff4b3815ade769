/** Align and distribute the selected cards, as one undoable change. */
import { alignPositions, distributePositions, type AlignMode, type DistributeAxis } from '../model/arrange';
import type { Position } from '../model/schema';
import type { DesignerStore } from './store';

function apply(
  store: DesignerStore,
  move: (layout: Readonly<Record<string, Position>>, ids: string[]) => Record<string, Position>,
): void {
  const s = store.getState();
  // Only cards move: sites and links in the selection do not align.
  const nodeIds = new Set(s.doc.nodes.map((n) => n.id));
  const ids = s.selectedIds.filter((id) => nodeIds.has(id));
  const moved = move(s.doc.layout ?? {}, ids);
  if (Object.keys(moved).length === 0) return; // already in line: no empty undo step
  s.commit((d) => ({ ...d, layout: { ...d.layout, ...moved } }));
}

export function alignSelection(store: DesignerStore, mode: AlignMode): void {
  apply(store, (layout, ids) => alignPositions(layout, ids, mode));
}

export function distributeSelection(store: DesignerStore, axis: DistributeAxis): void {
  apply(store, (layout, ids) => distributePositions(layout, ids, axis));
}
