// The last lines of the browser suite (dev/browser-tests.mjs) when Chromium or Firefox failed: CI keeps
// only the end of a run's output, and WebKit's output comes after theirs.

/**
 * What failed in Chromium and Firefox (their run's failed-files report, or null when it stopped
 * before its end): one line per file, with its browser and why.
 * @param {{ others: { browser: string, file: string, failedTests: string[], errors: string[] }[] } | null} report
 */
export function describeOtherFailures(report) {
  if (!report || report.others.length === 0) return 'Chromium\'s and Firefox\'s run failed before its end, or outside its test files (its output is above).';
  const lines = report.others.map(({ browser, file, failedTests, errors }) => `  ${browser}, ${file}: ${failedTests.length > 0 ? `failed: ${failedTests.join('; ')}` : `${errors[0] ?? 'no test result came back'}`}`);
  return `Chromium and Firefox failed in:\n${lines.join('\n')}`;
}
