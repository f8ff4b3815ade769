// The one summary line of `npm test`, summed from the vitest and Playwright JSON reports
// plus one check each for typecheck, lint, format and build. Skipped tests (the optional suite
// over ../shared/samples when that folder is absent) count as neither passed nor failed.

/**
 * @param {{ checks: { passed: number, failed: number }, unit: any, e2e: any, unitOk: boolean, e2eOk: boolean }} r
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
export function summarize({ checks, unit, e2e, unitOk, e2eOk }) {
  let passed = checks.passed;
  let failed = checks.failed;
  if (unit) {
    passed += unit.numPassedTests ?? 0;
    failed += (unit.numFailedTests ?? 0) + ((unit.numRuntimeErrorTestSuites ?? 0) ? 1 : 0);
  } else failed += 1;
  if (e2e?.stats) {
    passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
    failed += e2e.stats.unexpected ?? 0;
    if ((e2e.errors ?? []).length) failed += 1;
  } else failed += 1;
  if (!unitOk && unit && (unit.numFailedTests ?? 0) === 0 && !(unit.numRuntimeErrorTestSuites ?? 0)) failed += 1; // a suite that failed to load
  if (!e2eOk && e2e?.stats && (e2e.stats.unexpected ?? 0) === 0 && !(e2e.errors ?? []).length) failed += 1;
  const skipped = (unit ? (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0) : 0) + (e2e?.stats?.skipped ?? 0);
  return { passed, failed, skipped };
}
