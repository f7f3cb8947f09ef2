// `npm run test:browser`: the browser suite, through web-test-runner, in every engine installed.
// Chromium and Firefox run in one web-test-runner; WebKit (where installed) in a second one beside
// it (its output follows the first's), so the suite takes Chromium's time, not the sum.
//
// WebKitGTK's media backend (GStreamer, here with software rendering, no sound device and a virtual
// display) fails now and then in ways the page cannot cause or cure: its web process freezes (gdb
// shows the main thread and the video sink each waiting for the other; web-test-runner.config.mjs
// closes such a page at once), or a new video's pipeline never starts. So the WebKit files that
// fail run once more, in a new MiniBrowser each, and that run decides; what failed the first time
// stays in the output above it. A failure in Chromium or Firefox, or a WebKit file failing twice,
// fails the suite.
//
// Arguments (`npm run test:browser -- --group firefox`) make it one web-test-runner with them.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engines } from './engines.mjs';
import { freePort } from './local-ports.mjs';

// The package's bin (its exports name no path to it).
const runnerPath = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));

/**
 * Runs web-test-runner with these arguments and environment. Its output goes to the terminal, or,
 * with `output` (an array), into it. Resolves to its exit code.
 */
function runTests({ args = [], env = {}, output = null }) {
  const child = spawn(process.execPath, [runnerPath, ...args], { stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit'], env: { ...process.env, ...env } });
  if (output) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

/** WebKit's group, and once more its files that failed; its exit code. */
async function runWebKit(output) {
  // Its own port: both runners would otherwise look for a free one from 8000 at the same moment.
  const port = String(await freePort());
  const reportDirectory = mkdtempSync(join(tmpdir(), 'browser-tests-'));
  const reportPath = join(reportDirectory, 'failed-files.json');
  let exitCode = await runTests({ args: ['--group', 'webkit', '--port', port], env: { FAILED_FILES_REPORT: reportPath }, output });
  let report = null;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    // No report: web-test-runner stopped before its end; the exit code says it failed.
  }
  rmSync(reportDirectory, { recursive: true, force: true });
  if (exitCode !== 0 && report && report.webKitFiles.length > 0 && report.otherFailures === 0) {
    const { webKitFiles, frozenWebKitFiles } = report;
    const frozen = frozenWebKitFiles.length > 0 ? ` (its page froze in ${frozenWebKitFiles.join(', ')})` : '';
    output.push(`\nWebKit failed in ${webKitFiles.join(', ')}${frozen}. Running ${webKitFiles.length === 1 ? 'that file' : 'those files'} once more in WebKit; this run decides:\n\n`);
    exitCode = await runTests({ args: ['--group', 'webkit', '--port', port], env: { WEBKIT_FILES: webKitFiles.join(',') }, output });
  }
  return exitCode;
}

const args = process.argv.slice(2);
if (args.length > 0) process.exit(await runTests({ args }));

const webKitOutput = [];
const [othersExitCode, webKitExitCode] = await Promise.all([
  runTests({ env: { WITHOUT_WEBKIT: '1' } }),
  engines.webkit.installed() ? runWebKit(webKitOutput) : 0,
]);
if (webKitOutput.length > 0) {
  process.stdout.write('\nWebKit (WebKitGTK\'s MiniBrowser), run beside Chromium and Firefox:\n\n');
  for (const chunk of webKitOutput) process.stdout.write(chunk);
}
process.exit(othersExitCode || webKitExitCode);
