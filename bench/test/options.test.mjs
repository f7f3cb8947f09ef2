import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptions, scenarioNames } from '../options.mjs';

test('defaults: every scenario, 60 s, 10 runs, results.json', () => {
  const options = parseOptions([]);
  assert.deepEqual(options.scenarios, scenarioNames);
  assert.equal(options.duration, 60);
  assert.equal(options.runs, 10);
  assert.equal(options.soak, null);
  assert.equal(options.out, 'bench/results.json');
});

test('--scenario is repeatable and a partial run writes elsewhere', () => {
  const options = parseOptions(['--scenario', 'ams-hls', '--scenario=outage', '--duration', '30', '--runs=12']);
  assert.deepEqual(options.scenarios, ['ams-hls', 'outage']);
  assert.equal(options.duration, 30);
  assert.equal(options.runs, 12);
  assert.equal(options.out, 'bench/results-partial.json');
  assert.equal(parseOptions(['--soak', '5']).soak, 5);
});

test('--soak runs every stream kind unless --soak-kind picks some, and writes results-soak.json', () => {
  const every = parseOptions(['--soak', '5']);
  assert.deepEqual(every.soakKinds, ['apple-ll-hls', 'ams-ll-hls', 'ams-hls', 'hls-1s', 'real-encoder']);
  assert.equal(every.out, 'bench/results-soak.json');
  assert.deepEqual(parseOptions(['--soak', '5', '--soak-kind', 'ams-hls', '--soak-kind=real-encoder']).soakKinds, ['ams-hls', 'real-encoder']);
  assert.throws(() => parseOptions(['--soak-kind', 'before-start']), /--soak-kind: unknown kind "before-start"/);
});

test('--matrix runs every shape unless --shape picks some, alone, and writes results-matrix.json', () => {
  const every = parseOptions(['--matrix', '--duration', '40']);
  assert.equal(every.matrix, true);
  assert.deepEqual(every.shapes, []);
  assert.equal(every.duration, 40);
  assert.equal(every.out, 'bench/results-matrix.json');
  assert.deepEqual(parseOptions(['--matrix', '--shape', 'hls-fmp4-1s', '--shape=ll-fmp4-0.33s-poll']).shapes, ['hls-fmp4-1s', 'll-fmp4-0.33s-poll']);
  assert.throws(() => parseOptions(['--matrix', '--shape', 'hls-fmp4-3s']), /--shape: unknown shape "hls-fmp4-3s"/);
  assert.throws(() => parseOptions(['--shape', 'hls-fmp4-1s']), /--shape needs --matrix/);
  assert.throws(() => parseOptions(['--matrix', '--soak', '5']), /--matrix runs alone/);
});

test('bad options are refused with the option named', () => {
  assert.throws(() => parseOptions(['--scenario', 'nope']), /--scenario: unknown scenario "nope"/);
  assert.throws(() => parseOptions(['--duration', '-1']), /--duration needs a positive number/);
  assert.throws(() => parseOptions(['--runs', '2.5']), /--runs needs a positive whole number/);
  assert.throws(() => parseOptions(['--soak']), /--soak needs a positive whole number/);
  assert.throws(() => parseOptions(['--fast']), /unknown option "--fast"/);
});
