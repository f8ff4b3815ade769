/**
 * Failover simulation (pure): what happens when a site or a pool is lost.
 * See simulate.ts for the entry points and types.ts for the outcome's shape.
 */
export { simulateAllSites, simulateFailure, FAILABLE_KINDS } from './simulate';
export { capacityBars, poolLoad } from './capacity';
export type * from './types';
