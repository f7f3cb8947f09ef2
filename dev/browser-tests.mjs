// `npm run test:browser`: the browser suite, through web-test-runner, in every engine installed.
//
// WebKitGTK's media backend (GStreamer, here with software rendering, no sound device and a virtual
// display) fails now and then in ways the page cannot cause or cure: its web process freezes (gdb
// shows the main thread and the video sink each waiting for the other; web-test-runner.config.mjs
// closes such a page at once), or a new video's pipeline never starts. So when the only failures of
// a run are WebKit files, those files run once more, in a new MiniBrowser each, and that run
// decides; what failed the first time stays in the output above it. A failure in Chromium or
// Firefox, or a WebKit file failing twice, fails the suite.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's bin (its exports name no path to it).
const runnerPath = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));
const reportDirectory = mkdtempSync(join(tmpdir(), 'browser-tests-'));
const reportPath = join(reportDirectory, 'failed-files.json');

/** Runs web-test-runner with these arguments and environment; its exit code. */
function runTests(args, env) {
  const { status } = spawnSync(process.execPath, [runnerPath, ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  return status ?? 1;
}

/** What the first run's reporter wrote: the WebKit files that failed, and failures elsewhere. */
function readReport() {
  try {
    return JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return null;
  }
}

// Arguments after `npm run test:browser --` go to the first run (e.g. `--group webkit`).
let exitCode = runTests(process.argv.slice(2), { FAILED_FILES_REPORT: reportPath });
const report = readReport();
rmSync(reportDirectory, { recursive: true, force: true });
if (exitCode !== 0 && report && report.webKitFiles.length > 0 && report.otherFailures === 0) {
  const { webKitFiles, frozenWebKitFiles } = report;
  const frozen = frozenWebKitFiles.length > 0 ? ` (its page froze in ${frozenWebKitFiles.join(', ')})` : '';
  console.warn(`\nOnly WebKit failed, in ${webKitFiles.join(', ')}${frozen}. Running ${webKitFiles.length === 1 ? 'that file' : 'those files'} once more in WebKit; this run decides:\n`);
  exitCode = runTests(['--group', 'webkit'], { WEBKIT_FILES: webKitFiles.join(','), FAILED_FILES_REPORT: '' });
}
process.exit(exitCode);
