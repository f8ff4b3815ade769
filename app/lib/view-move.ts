/**
 * How long a move of the view (fit, Find, a finding, a change in Compare) glides. A small
 * design glides, so the eye follows where it went. A large one jumps: each frame of a glide
 * that crosses a detail level (canvas/detail-level.ts) draws every card and link again, and
 * React Flow mounts or drops hundreds of them as culling turns on or off. At 1,000 cards that
 * made a jump from the fit view to a found node one task of 200 ms (`npm run bench -- --only
 * freeze/find-1000`).
 */

/** Designs up to this many nodes glide; larger ones jump. The same as the canvas's reveal batch, so a glide never crosses a batch. */
export const GLIDE_UP_TO_NODES = 100;

/** The duration to give a move of the view of `ms` on a design of `nodeCount` nodes. */
export function viewMoveMs(nodeCount: number, ms: number): number {
  return nodeCount > GLIDE_UP_TO_NODES ? 0 : ms;
}
