// `npm run test:browser`: the browser suite, through web-test-runner, in every engine installed.
// Chromium and Firefox run in one web-test-runner; WebKit (where installed) in a second one beside
// it (its output follows the first's), so the suite takes Chromium's time, not the sum.
//
// WebKitGTK fails now and then in ways a page cannot cause: its web process freezes in a seek of
// its own (gdb: blocked in GStreamer, no JavaScript on the stack; web-test-runner.config.mjs closes
// such a page and reports where it waited). So the WebKit files that fail run once more, in a new
// MiniBrowser each, and that run decides (dev/webkit-once-more.mjs); what failed the first time
// stays in the output above it. A failure in Chromium or Firefox, or a WebKit file failing twice,
// fails the suite (a file frozen twice with no failed test is left to Chromium and Firefox), and
// the last lines name each file that failed and why, a lost page included.
//
// Arguments (`npm run test:browser -- --group firefox`) make it one web-test-runner with them.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engines } from './engines.mjs';
import { freePort } from './local-ports.mjs';
import { describeOtherFailures } from './other-failures.mjs';
import { runWebKitOnceMore } from './webkit-once-more.mjs';

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

/**
 * Runs web-test-runner as runTests does, with a failed-files report (web-test-runner.config.mjs);
 * its exit code, and the report (null when web-test-runner stopped before its end).
 */
async function runWithReport({ args = [], env = {}, output = null }) {
  const reportDirectory = mkdtempSync(join(tmpdir(), 'browser-tests-'));
  const reportPath = join(reportDirectory, 'failed-files.json');
  const exitCode = await runTests({ args, env: { ...env, FAILED_FILES_REPORT: reportPath }, output });
  let report = null;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    // No report: web-test-runner stopped before its end; the exit code says it failed.
  }
  rmSync(reportDirectory, { recursive: true, force: true });
  return { exitCode, report };
}

/** Runs WebKit's group, or these of its files, with a failed-files report. */
function runWebKitFiles({ port, files, output }) {
  return runWithReport({ args: ['--group', 'webkit', '--port', port], env: files ? { WEBKIT_FILES: files.join(',') } : {}, output });
}

/** WebKit's group, and once more its files that failed (dev/webkit-once-more.mjs); its exit code. */
async function runWebKit(output) {
  // Its own port: both runners would otherwise look for a free one from 8000 at the same moment.
  const port = String(await freePort());
  return runWebKitOnceMore({ runOnce: ({ files }) => runWebKitFiles({ port, files, output }), say: (text) => output.push(text) });
}

const args = process.argv.slice(2);
if (args.length > 0) process.exit(await runTests({ args }));

const webKitOutput = [];
const [others, webKitExitCode] = await Promise.all([
  runWithReport({ env: { WITHOUT_WEBKIT: '1' } }),
  engines.webkit.installed() ? runWebKit(webKitOutput) : 0,
]);
if (webKitOutput.length > 0) {
  process.stdout.write('\nWebKit (WebKitGTK\'s MiniBrowser), run beside Chromium and Firefox:\n\n');
  for (const chunk of webKitOutput) process.stdout.write(chunk);
}
// Chromium's and Firefox's failures, named again at the very end: their own report is above WebKit's.
if (others.exitCode !== 0) process.stdout.write(`\n${describeOtherFailures(others.report)}\n`);
process.exit(others.exitCode || webKitExitCode);
