// The closing line of a test run, as CI reads it: "N passed, N failed[, N skipped]", from uvu's
// own summary. Shared by scripts/test.mjs and its test.

/**
 * @param {string} output uvu's standard output (without colors)
 * @param {number | null} exitCode uvu's exit code
 * @returns {{ line: string, ok: boolean, finished: boolean }}
 */
export function closingLine(output, exitCode) {
  const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? NaN);
  const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? NaN);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(output)?.[1] ?? 0);
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    // uvu died before its summary (a suite threw at import): count that as a failure.
    return { line: '0 passed, 1 failed', ok: false, finished: false };
  }
  // uvu's Total counts the tests that ran; skipped ones are counted apart.
  const failed = total - passed;
  return { line: `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`, ok: failed === 0 && exitCode === 0, finished: true };
}
