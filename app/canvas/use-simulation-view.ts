/** The simulation overlay for the canvas, derived from the store's simulated failure. */
import { useMemo } from 'react';
import { useDesigner } from '../store/store';
import type { SimulationView } from './simulation-view';

export function useSimulationView(): SimulationView | undefined {
  const doc = useDesigner((s) => s.doc);
  const failure = useDesigner((s) => s.simulatedFailure);
  return useMemo(() => (failure ? undefined : undefined), [doc, failure]);
}
