/**
 * How long a move of the view (fit, Find, a finding, a change in Compare) glides. A small
 * design glides, so the eye follows where it went. A large one jumps: each frame of a glide
 * that crosses a detail level (canvas/detail-level.ts) draws every card and link again, and
 * React Flow mounts or drops hundreds of them as culling turns on or off. On 1,000 cards, Find's
 * glide from the fit view to a node had a task of 220–240 ms; its jump has one of about 135 ms
 * (`npm run bench -- --only freeze/find-1000`).
 */

/** Designs up to this many nodes glide; larger ones jump. */
export const GLIDE_UP_TO_NODES = 100;

/** The duration to give a move of the view of `ms` on a design of `nodeCount` nodes. */
export function viewMoveMs(nodeCount: number, ms: number): number {
  return nodeCount > GLIDE_UP_TO_NODES ? 0 : ms;
}
