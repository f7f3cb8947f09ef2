import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, medianOrNever, mean, percentile, perMinute, ratio, round } from '../stats.mjs';

test('percentile interpolates between ranks and ignores missing values', () => {
  assert.equal(percentile([4, 1, 3, 2], 50), 2.5);
  assert.equal(percentile([1, 2, 3, 4, 5], 95), 4.8);
  assert.equal(percentile([10, null, undefined, NaN], 95), 10);
  assert.equal(percentile([], 50), null);
  assert.equal(median([3, 1, 2]), 2);
});

test('medianOrNever treats null as never and says never when the middle run never played', () => {
  assert.equal(medianOrNever([1000, 3000, null]), 3000);
  assert.equal(medianOrNever([1000, null, null]), null);
  assert.equal(medianOrNever([1000, 2000, 3000, null]), 2500);
  assert.equal(medianOrNever([1000, 2000, null, null]), null);
  assert.equal(medianOrNever([]), null);
});

test('ratio, perMinute, mean and round refuse what they cannot compute', () => {
  assert.equal(ratio(3, 2), 1.5);
  assert.equal(ratio(3, 0), null);
  assert.equal(ratio(null, 2), null);
  assert.equal(perMinute(5, 30_000), 10);
  assert.equal(perMinute(5, 0), null);
  assert.equal(mean([1, 2, null, 3]), 2);
  assert.equal(mean([]), null);
  assert.equal(round(1.23456, 2), 1.23);
  assert.equal(round(null), null);
});
