/** The simulation overlay for the canvas, derived from the store's simulated failure. */
import { useEffect, useMemo, useState } from 'react';
import { useDesigner } from '../store/designer-context';
import { loadRuleEngine } from '../store/selectors';
import type { SimulatedState } from './flow-types';
import type { SimulationView } from './simulation-view';
import { num } from '../lib/text';

type PlanSelectors = typeof import('../store/plan-selectors');
let loaded: PlanSelectors | undefined;

/**
 * The simulator is loaded when a failure is first simulated (it is not part of the first
 * load); until it arrives the canvas shows the design as it is.
 */
export function useSimulationView(): SimulationView | undefined {
  const doc = useDesigner((s) => s.doc);
  const failure = useDesigner((s) => s.simulatedFailure);
  const [selectors, setSelectors] = useState<PlanSelectors | undefined>(loaded);
  useEffect(() => {
    if (!failure || selectors) return;
    let live = true;
    void Promise.all([import('../store/plan-selectors'), loadRuleEngine()]).then(([m]) => {
      loaded = m;
      if (live) setSelectors(m);
    });
    return () => {
      live = false;
    };
  }, [failure, selectors]);
  return useMemo(() => {
    const r = selectors?.selectSimulation(doc, failure);
    if (!r?.ok) return undefined;
    const { outcome, bars } = r;
    const lostNodes = new Set(outcome.lostNodes);
    const lostSites = new Set(outcome.failedSite ? [outcome.failedSite] : []);
    const nodes = new Map<string, SimulatedState>();
    for (const id of lostNodes) nodes.set(id, { lost: true });
    for (const b of bars) nodes.set(b.id, { load: { fraction: b.barFraction, over: b.over, text: b.text } });
    const failovers = outcome.failovers.map((f) => ({
      from: f.pool,
      to: f.to,
      label: `fails over · ${num(f.usersMoved)} users`,
    }));
    const failoverLinks = new Set(outcome.failovers.map((f) => f.pairingLink).filter((x): x is string => x !== null));
    return { lostSites, lostNodes, nodes, failovers, failoverLinks };
  }, [doc, failure, selectors]);
}
