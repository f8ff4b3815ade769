/**
 * Waits for `promise`, but never longer than `ms`. React Flow's animated viewport changes
 * (fitView with a duration) resolve when the animation ends, and never when a pan or zoom
 * by the user interrupts it: whatever waits on one must not wait forever.
 */
export function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return Promise.race([promise.then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}
