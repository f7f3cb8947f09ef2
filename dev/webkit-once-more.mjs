// WebKit's decision rule (dev/browser-tests.mjs): the WebKit files that fail run once more, in a new
// MiniBrowser each, and that run decides. What it reports names every file that failed and why,
// a lost or frozen page included, so a run never ends on an error that names no file.
//
// One exception, for what only the engine does: a file whose page froze in both runs, with no test
// failing in either, is left undecided by WebKit (Chromium's and Firefox's runs of the same file
// still decide). A frozen page's main thread ran nothing at all for 30 s, which no script can
// cause (a script that loops runs); gdb shows it blocked inside GStreamer (README, "WebKit").
// At most one file may be left so in a run: more would leave WebKit untested.

/**
 * One line per failed WebKit file of a failed-files report (web-test-runner.config.mjs): its name
 * and why it failed: its failed tests, a page that froze, or a page lost with no test result.
 * @param {{ webKit: { file: string, frozen: boolean, failedTests: string[], errors: string[] }[] }} report
 */
export function describeWebKitFailures(report) {
  return report.webKit.map(({ file, frozen, failedTests, errors }) => {
    const why = frozen ? 'its page froze (its threads\' stacks are above)'
      : failedTests.length > 0 ? `failed: ${failedTests.join('; ')}`
      : `its page was lost: ${errors[0] ?? 'no test result came back'}`;
    return `  ${file}: ${why}`;
  }).join('\n');
}

/** The files whose page froze in both runs, with no failed test in either. */
function frozenTwice(firstReport, againReport) {
  const frozenOnly = (report) => new Set(report.webKit.filter(({ frozen, failedTests }) => frozen && failedTests.length === 0).map(({ file }) => file));
  const before = frozenOnly(firstReport);
  return [...frozenOnly(againReport)].filter((file) => before.has(file));
}

/**
 * Runs WebKit's group, then once more the files that failed in it; that run decides. `runOnce({ files })`
 * runs the group (or these files) and resolves to its exit code and its failed-files report (null
 * when web-test-runner stopped before its end); `say(text)` reports. Resolves to the exit code.
 * @param {{ runOnce(options: { files?: string[] }): Promise<{ exitCode: number, report: object | null }>, say(text: string): void }} options
 */
export async function runWebKitOnceMore({ runOnce, say }) {
  const first = await runOnce({});
  if (first.exitCode === 0) return 0;
  if (!first.report || first.report.webKit.length === 0 || first.report.otherFailures > 0) {
    say('\nWebKit\'s run stopped before its end, or failed outside its test files: no once-more run, the suite fails.\n');
    return first.exitCode || 1;
  }
  const files = first.report.webKit.map(({ file }) => file);
  say(`\nWebKit failed in:\n${describeWebKitFailures(first.report)}\nRunning ${files.length === 1 ? 'that file' : 'those files'} once more in WebKit; this run decides:\n\n`);
  const again = await runOnce({ files });
  if (again.exitCode === 0) {
    say(`\nWebKit's once-more run passed: ${files.join(', ')}.\n`);
    return 0;
  }
  const undecided = again.report ? frozenTwice(first.report, again.report) : [];
  if (again.report && undecided.length === 1 && undecided.length === again.report.webKit.length) {
    say(`\nWebKit could not decide ${undecided[0]}: its page froze in both runs, with no test failing in either (the engine: README, "WebKit"). Chromium's and Firefox's runs of it decide.\n`);
    return 0;
  }
  if (again.report && again.report.webKit.length > 0) {
    say(`\nWebKit failed twice, so the suite fails:\n${describeWebKitFailures(again.report)}\n`);
  } else {
    say(`\nWebKit's once-more run of ${files.join(', ')} stopped before its end, so the suite fails.\n`);
  }
  return again.exitCode || 1;
}
