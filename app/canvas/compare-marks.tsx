/**
 * Comparison with the current deployment on the canvas: which cards are new, changed or on
 * a new product version, and a legend that says so (with what is removed, which the open
 * design cannot show).
 */
import { Panel } from '@xyflow/react';
import { useMemo } from 'react';
import type { CompareMark } from '../store/comparison';
import { useComparisonModule } from '../store/comparison-module';
import { useDesigner } from '../store/designer-context';

/** The marks while comparing with the marks shown; undefined otherwise. */
export function useCompareMarks(): ReadonlyMap<string, CompareMark> | undefined {
  const baseline = useDesigner((s) => s.baseline);
  const doc = useDesigner((s) => s.doc);
  const on = useDesigner((s) => s.compareMarks);
  const mod = useComparisonModule(Boolean(baseline && on));
  const diff = baseline && on && mod ? mod.selectComparison({ baseline, doc }) : undefined;
  return useMemo(() => (diff && mod ? mod.compareMarks(diff) : undefined), [diff, mod]);
}

export const MARK_WORDS: Record<CompareMark, string> = {
  added: 'new',
  changed: 'changed',
  version: 'new version',
};

export function CompareLegend() {
  const baseline = useDesigner((s) => s.baseline);
  const doc = useDesigner((s) => s.doc);
  const on = useDesigner((s) => s.compareMarks);
  const setOn = useDesigner((s) => s.setCompareMarks);
  const setBottomTab = useDesigner((s) => s.setBottomTab);
  const mod = useComparisonModule(Boolean(baseline));
  const diff = baseline && mod ? mod.selectComparison({ baseline, doc }) : undefined;
  if (!baseline || !diff) return null;
  const removed = diff.counts.removed;
  const count = (m: CompareMark) =>
    diff.nodes.filter(
      (n) =>
        n.targetId !== undefined &&
        (m === 'added'
          ? n.status === 'added'
          : m === 'version'
            ? Boolean(n.version)
            : n.status === 'changed' && n.classes.length > 0 && !n.version),
    ).length;
  return (
    <Panel position="top-left" className="compare-legend" data-testid="compare-legend">
      <span className="compare-legend-title" title={baseline.source}>
        Compared with <strong>{baseline.topology.name}</strong>
      </span>
      {on && (
        <ul aria-label="Comparison marks">
          {(['added', 'changed', 'version'] as const).map((m) => (
            <li key={m}>
              <span className={`compare-swatch diff-${m}`} aria-hidden="true" />
              {count(m)} {MARK_WORDS[m]}
            </li>
          ))}
          <li>
            <span className="compare-swatch diff-removed" aria-hidden="true" />
            <button className="linklike" onClick={() => setBottomTab('compare')}>
              {removed} removed
            </button>
          </li>
        </ul>
      )}
      <label className="compare-legend-toggle">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> Mark changes
      </label>
    </Panel>
  );
}
