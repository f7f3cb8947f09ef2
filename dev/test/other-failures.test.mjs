// The browser suite's last lines when Chromium or Firefox failed (dev/other-failures.mjs): each
// file named, with its browser and why, and a run that stopped before its end said to be one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOtherFailures } from '../other-failures.mjs';

test('names each failed file with its browser and its failed tests, or the session\'s error', () => {
  const text = describeOtherFailures({
    others: [
      { browser: 'Chromium', file: 'test/browser/captions.test.ts', failedTests: ['captions > shows cues (expected 2 to equal 1)'], errors: [] },
      { browser: 'Firefox', file: 'test/browser/playback.test.ts', failedTests: [], errors: ['Browser disconnected'] },
    ],
  });
  assert.equal(text, [
    'Chromium and Firefox failed in:',
    '  Chromium, test/browser/captions.test.ts: failed: captions > shows cues (expected 2 to equal 1)',
    '  Firefox, test/browser/playback.test.ts: Browser disconnected',
  ].join('\n'));
});

test('a run with no report, or none naming a file, is said to have failed before its end', () => {
  assert.match(describeOtherFailures(null), /failed before its end/);
  assert.match(describeOtherFailures({ others: [] }), /failed before its end/);
});
