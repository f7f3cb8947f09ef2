import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backOnTargetAfterStalls, recoveryAfter, stallsBetween, stallSummary } from '../timeline.mjs';

const progress = [[1000, 5000], [5200, 8000], [9000, 12000]];

test('stallsBetween finds the gaps longer than the threshold, and one still going at the end', () => {
  assert.deepEqual(stallsBetween(progress, 1000, 12000), [{ start: 8000, end: 9000 }]);
  assert.deepEqual(stallsBetween(progress, 1000, 14000), [{ start: 8000, end: 9000 }, { start: 12000, end: 14000 }]);
  assert.deepEqual(stallsBetween(progress, 1000, 12000, 100), [{ start: 5000, end: 5200 }, { start: 8000, end: 9000 }]);
  assert.deepEqual(stallsBetween([], 0, 1000), [{ start: 0, end: 1000 }]);
});

test('stallsBetween looks only inside the span', () => {
  assert.deepEqual(stallsBetween(progress, 9500, 11000), []);
  assert.deepEqual(stallsBetween(progress, 8500, 11000), [{ start: 8500, end: 9000 }]);
});

test('stallSummary gives count, seconds and per-minute rates', () => {
  assert.deepEqual(stallSummary([{ start: 0, end: 1500 }, { start: 5000, end: 5500 }], 30_000), { count: 2, seconds: 2, perMinute: 4, secondsPerMinute: 4 });
  assert.deepEqual(stallSummary([], 0), { count: 0, seconds: 0, perMinute: null, secondsPerMinute: null });
});

test('recoveryAfter measures until the video advances again, 0 when it never stopped, null past the deadline', () => {
  assert.equal(recoveryAfter(progress, 8100), 900);
  assert.equal(recoveryAfter(progress, 6000), 0);
  assert.equal(recoveryAfter(progress, 8100, 8500), null);
  assert.equal(recoveryAfter(progress, 13000), null);
});

test('backOnTargetAfterStalls: seconds from each stall\'s end to the first sample within 0.2 s of the target', () => {
  const stalls = [{ start: 1000, end: 2000 }, { start: 5000, end: 6000 }];
  const latency = [[1500, 900, 0.6], [2500, 1100, 0.6], [3000, 790, 0.6], [6500, 2000, 0.6], [7000, 1500, null]];
  assert.deepEqual(backOnTargetAfterStalls(stalls, latency, 8000), [1, null]);
  assert.deepEqual(backOnTargetAfterStalls(stalls, latency, 2900), [null, null], 'only samples before the end count');
  assert.deepEqual(backOnTargetAfterStalls([], latency, 8000), []);
});

test('backOnTargetAfterStalls compares the player\'s own latency figure with its target where a sample has one', () => {
  const stalls = [{ start: 1000, end: 2000 }];
  // Wall-clock latency 2.9 s, the player's own 2.6 s (the server publishes 0.3 s after the media ends), target 2.6 s.
  assert.deepEqual(backOnTargetAfterStalls(stalls, [[2500, 2900, 2.6, 2.6]], 8000), [0.5]);
  assert.deepEqual(backOnTargetAfterStalls(stalls, [[2500, 2900, 2.6, null]], 8000), [null]);
});
