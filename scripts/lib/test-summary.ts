// The last line of `npm test`: "N passed, N failed", read from vitest's JSON report.

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
}

/**
 * A test file that failed without a failing test of its own (it did not load, or a beforeAll threw and its tests
 * were skipped) counts as one failure, so a broken file can never read as "0 failed".
 */
export function summarise(report: VitestReport | undefined): {
  passed: number;
  failed: number;
  skipped: number;
  brokenFiles: string[];
  line: string;
} {
  if (!report)
    return {
      passed: 0,
      failed: 1,
      skipped: 0,
      brokenFiles: [],
      line: '0 passed, 1 failed (no test report was written)',
    };
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'),
  );
  const passed = report.numPassedTests;
  const failed = report.numFailedTests + brokenFiles.length;
  const skipped = report.numPendingTests + report.numTodoTests;
  return {
    passed,
    failed,
    skipped,
    brokenFiles: brokenFiles.map((f) => f.name),
    line: `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  };
}
