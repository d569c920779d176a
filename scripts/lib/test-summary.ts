// The last line of `npm test`: "N passed, N failed", read from vitest's JSON report.

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
}

/** A check run beside vitest (Biome's format and lint): one pass or one failure in the line. */
export interface Check {
  name: string;
  ok: boolean;
}

/**
 * A test file that failed without a failing test of its own (it did not load, or a beforeAll threw and its tests
 * were skipped) counts as one failure, so a broken file can never read as "0 failed". Each check counts once.
 */
export function summarise(
  report: VitestReport | undefined,
  checks: Check[] = [],
): {
  passed: number;
  failed: number;
  skipped: number;
  brokenFiles: string[];
  failedChecks: string[];
  line: string;
} {
  const failedChecks = checks.filter((c) => !c.ok).map((c) => c.name);
  const passedChecks = checks.length - failedChecks.length;
  if (!report) {
    const failed = 1 + failedChecks.length;
    return {
      passed: passedChecks,
      failed,
      skipped: 0,
      brokenFiles: [],
      failedChecks,
      line: `${passedChecks} passed, ${failed} failed (no test report was written)`,
    };
  }
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'),
  );
  const passed = report.numPassedTests + passedChecks;
  const failed = report.numFailedTests + brokenFiles.length + failedChecks.length;
  const skipped = report.numPendingTests + report.numTodoTests;
  return {
    passed,
    failed,
    skipped,
    brokenFiles: brokenFiles.map((f) => f.name),
    failedChecks,
    line: `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  };
}
