/** `npm test`'s last line: skipped tests are never counted as passed, and nothing that failed is lost. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { summarize } from './test-summary.mjs';

const ok = { checks: { passed: 3, failed: 0 }, unitOk: true, e2eOk: true };
const unit = (passed: number, failed = 0, pending = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
});
const e2e = (expected: number, unexpected = 0, skipped = 0) => ({
  stats: { expected, unexpected, flaky: 0, skipped },
  errors: [],
});

describe('npm test summary', () => {
  it('sums the three checks, the unit tests and the journeys', () => {
    expect(summarize({ ...ok, unit: unit(100), e2e: e2e(20) })).toEqual({ passed: 123, failed: 0, skipped: 0 });
  });

  it('counts skipped tests apart, never as passed', () => {
    expect(summarize({ ...ok, unit: unit(100, 0, 13), e2e: e2e(20, 0, 1) })).toEqual({ passed: 123, failed: 0, skipped: 14 });
  });

  it('counts failures, a missing report and a suite that failed to load', () => {
    expect(summarize({ ...ok, unit: unit(100, 2), e2e: e2e(20, 1) }).failed).toBe(3);
    expect(summarize({ ...ok, unit: undefined, e2e: e2e(20) }).failed).toBe(1);
    expect(summarize({ ...ok, unitOk: false, unit: unit(100), e2e: e2e(20) }).failed).toBe(1);
    expect(summarize({ ...ok, unit: { ...unit(100), numRuntimeErrorTestSuites: 1 }, e2e: e2e(20) }).failed).toBe(1);
  });
});
