/** Align and distribute the selected cards, as one undoable change. */
import { alignPositions, distributePositions, type AlignMode, type DistributeAxis } from '../model/arrange';
import type { Position } from '../model/schema';
import { useDesigner } from './store';

/** The selected ids that are nodes (sites and links do not align). */
export function selectedNodeIds(selectedIds: readonly string[], nodeIds: ReadonlySet<string>): string[] {
  return selectedIds.filter((id) => nodeIds.has(id));
}

function apply(move: (layout: Readonly<Record<string, Position>>, ids: string[]) => Record<string, Position>): void {
  const s = useDesigner.getState();
  const ids = selectedNodeIds(s.selectedIds, new Set(s.doc.nodes.map((n) => n.id)));
  const moved = move(s.doc.layout ?? {}, ids);
  if (Object.keys(moved).length === 0) return; // already in line: no empty undo step
  s.commit((d) => ({ ...d, layout: { ...d.layout, ...moved } }));
}

export function alignSelection(mode: AlignMode): void {
  apply((layout, ids) => alignPositions(layout, ids, mode));
}

export function distributeSelection(axis: DistributeAxis): void {
  apply((layout, ids) => distributePositions(layout, ids, axis));
}
