/**
 * The derived data of the deployment steps and the failover simulation. Apart from
 * selectors.ts so that the first load does not carry the step generator and the
 * simulator: the panels that show them are loaded on first use.
 */
import type { Topology } from '../model/schema';
import { generateSteps, type StepPlan } from '../steps/index';
import { capacityBars, simulateFailure, type CapacityBar, type Failure, type SimulationOutcome } from '../simulate/index';
import { findingsNow, memoByContent } from './selectors';

export type SimulationResult = { ok: true; outcome: SimulationOutcome; bars: CapacityBar[] } | { ok: false; message: string };

let simCache: { doc: Topology; key: string; result: SimulationResult } | undefined;
/** The simulated failure's outcome (read-only: the document never changes). */
export function selectSimulation(doc: Topology, failure: Failure | null): SimulationResult | undefined {
  if (!failure) return undefined;
  const key = JSON.stringify(failure);
  if (simCache && simCache.doc === doc && simCache.key === key) return simCache.result;
  const r = simulateFailure(doc, failure);
  const result: SimulationResult = r.ok
    ? { ok: true, outcome: r.value, bars: capacityBars(doc, r.value) }
    : { ok: false, message: r.error.message };
  simCache = { doc, key, result };
  return result;
}

export const selectSteps = memoByContent((doc): StepPlan => generateSteps(doc, findingsNow(doc)));
