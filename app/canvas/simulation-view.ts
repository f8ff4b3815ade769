/** What the canvas shows while a site failure is simulated (derived, never stored). */
import type { SimulatedState } from './flow-types';

export interface SimulationView {
  lostSites: ReadonlySet<string>;
  lostNodes: ReadonlySet<string>;
  nodes: ReadonlyMap<string, SimulatedState>;
  failovers: readonly { from: string; to: string; label: string }[];
  failoverLinks: ReadonlySet<string>;
}
