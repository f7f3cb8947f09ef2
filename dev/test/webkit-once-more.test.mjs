// WebKit's once-more rule (dev/webkit-once-more.mjs) with stand-in runs: what decides the suite, and
// that every failure it reports names its file and why, a lost page included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeWebKitFailures, runWebKitOnceMore } from '../webkit-once-more.mjs';

const lostPage = { file: 'test/browser/playback.test.ts', frozen: false, failedTests: [], errors: ['invalid session id: WebDriverError: session deleted because of page crash or hang.'] };
const failedTest = { file: 'test/browser/stream-lifecycle.test.ts', frozen: false, failedTests: ['lifecycle > plays again'], errors: [] };
const frozenPage = { file: 'test/browser/ui-controls.test.ts', frozen: true, failedTests: [], errors: ['Tests were interrupted because the browser disconnected.'] };

/** Runs the rule over these stand-in results, in order; what it ran, said and returned. */
async function decide(...results) {
  const runs = [];
  const said = [];
  const exitCode = await runWebKitOnceMore({
    runOnce: async (options) => {
      runs.push(options.files ?? 'all');
      return results.shift();
    },
    say: (text) => said.push(text),
  });
  return { exitCode, runs, said: said.join('') };
}

test('a lost page names its file and WebDriver\'s words; a frozen page and a failed test name theirs', () => {
  const text = describeWebKitFailures({ webKit: [lostPage, failedTest, frozenPage] });
  assert.match(text, /test\/browser\/playback\.test\.ts: its page was lost: invalid session id: WebDriverError: session deleted/);
  assert.match(text, /stream-lifecycle\.test\.ts: failed: lifecycle > plays again/);
  assert.match(text, /ui-controls\.test\.ts: its page froze/);
});

test('a pass needs no second run; failed files run once more and that run decides', async () => {
  assert.deepEqual(await decide({ exitCode: 0, report: { webKit: [], otherFailures: 0 } }), { exitCode: 0, runs: ['all'], said: '' });
  const passedAgain = await decide({ exitCode: 1, report: { webKit: [failedTest], otherFailures: 0 } }, { exitCode: 0, report: { webKit: [], otherFailures: 0 } });
  assert.equal(passedAgain.exitCode, 0);
  assert.deepEqual(passedAgain.runs, ['all', [failedTest.file]]);
  assert.match(passedAgain.said, /once-more run passed: test\/browser\/stream-lifecycle\.test\.ts/);
});

test('a page lost in the once-more run fails the suite with its file\'s name, not a bare error', async () => {
  const { exitCode, said } = await decide({ exitCode: 1, report: { webKit: [lostPage], otherFailures: 0 } }, { exitCode: 1, report: { webKit: [lostPage], otherFailures: 0 } });
  assert.equal(exitCode, 1);
  assert.match(said, /WebKit failed twice, so the suite fails:\n {2}test\/browser\/playback\.test\.ts: its page was lost/);
});

test('a once-more run that stops before its end, or a first run with no report, fails the suite and says so', async () => {
  const stopped = await decide({ exitCode: 1, report: { webKit: [failedTest], otherFailures: 0 } }, { exitCode: 1, report: null });
  assert.equal(stopped.exitCode, 1);
  assert.match(stopped.said, /once-more run of test\/browser\/stream-lifecycle\.test\.ts stopped before its end/);
  const noReport = await decide({ exitCode: 1, report: null });
  assert.equal(noReport.exitCode, 1);
  assert.deepEqual(noReport.runs, ['all']);
});

test('a page that froze in both runs, with no failed test, is left undecided by WebKit; one such file at most', async () => {
  const frozen = (file) => ({ file, frozen: true, failedTests: [], errors: ['Tests were interrupted because the browser disconnected.'] });
  const once = await decide({ exitCode: 1, report: { webKit: [frozen('a.test.ts')], otherFailures: 0 } }, { exitCode: 1, report: { webKit: [frozen('a.test.ts')], otherFailures: 0 } });
  assert.equal(once.exitCode, 0);
  assert.match(once.said, /WebKit could not decide a\.test\.ts: its page froze in both runs/);
  const two = await decide({ exitCode: 1, report: { webKit: [frozen('a.test.ts'), frozen('b.test.ts')], otherFailures: 0 } }, { exitCode: 1, report: { webKit: [frozen('a.test.ts'), frozen('b.test.ts')], otherFailures: 0 } });
  assert.equal(two.exitCode, 1);
  // A failed test, in either run, decides.
  const failedFirst = { file: 'a.test.ts', frozen: true, failedTests: ['x > y'], errors: [] };
  assert.equal((await decide({ exitCode: 1, report: { webKit: [failedFirst], otherFailures: 0 } }, { exitCode: 1, report: { webKit: [frozen('a.test.ts')], otherFailures: 0 } })).exitCode, 1);
  assert.equal((await decide({ exitCode: 1, report: { webKit: [frozen('a.test.ts')], otherFailures: 0 } }, { exitCode: 1, report: { webKit: [failedFirst], otherFailures: 0 } })).exitCode, 1);
  // A frozen page once, then a failed test in another file: the suite fails.
  assert.equal((await decide({ exitCode: 1, report: { webKit: [frozen('a.test.ts')], otherFailures: 0 } }, { exitCode: 1, report: { webKit: [frozen('a.test.ts'), failedTest], otherFailures: 0 } })).exitCode, 1);
});
