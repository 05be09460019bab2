// A Web Test Runner reporter that counts results and prints one plain `N passed, N failed, N skipped`
// line when the process exits (after the default reporter's last block). With
// TEST_SUMMARY_FILE set it also writes the counts there as JSON for scripts/test.mjs.
import { writeFileSync } from 'node:fs';

/**
 * @typedef {{ name: string, passed: boolean, skipped: boolean }} TestResult
 * @typedef {{ name: string, tests: TestResult[], suites: Suite[] }} Suite
 */

/** @param {Suite | undefined} suite @param {{ passed: number, failed: number, skipped: number }} counts */
function count(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites) count(child, counts);
}

export function countingReporter() {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  return {
    /** @param {{ sessions: Array<{ testResults?: Suite, errors?: unknown[], passed?: boolean }> }} args */
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        const before = counts.failed;
        count(session.testResults, counts);
        // A file that failed to load, or failed outside any test, counts as one failure.
        if (session.passed === false && counts.failed === before) counts.failed++;
      }
      const file = process.env.TEST_SUMMARY_FILE;
      if (file) writeFileSync(file, JSON.stringify(counts));
      process.once('exit', () => {
        if (!file) console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
      });
    },
  };
}
