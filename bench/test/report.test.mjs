import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cell, formatReport, formatTable, formatTargets, ratiosToBaseline } from '../report.mjs';
import { evaluateTargets } from '../targets.mjs';

const seconds = { get: (entry) => entry.ms, format: (value) => `${(value / 1000).toFixed(2)} s`, missing: 'never' };

test('a cell shows the figure and its ratio to raw hls.js; the baseline and missing figures show no ratio', () => {
  assert.equal(cell(seconds, { ms: 1500 }, { ms: 1000 }, false), '1.50 s (1.50x)');
  assert.equal(cell(seconds, { ms: 1000 }, { ms: 1000 }, true), '1.00 s');
  assert.equal(cell(seconds, { ms: 1500 }, { ms: null }, false), '1.50 s');
  assert.equal(cell(seconds, { ms: null }, { ms: 1000 }, false), 'never');
  assert.equal(cell(seconds, undefined, { ms: 1000 }, false), '-');
});

test('formatTable pads a Markdown table', () => {
  assert.equal(formatTable(['a', 'bb'], [['ccc', 'd']]), '| a   | bb |\n|-----|----|\n| ccc | d  |');
});

function resultsWith(scenarios) {
  return { scenarios };
}

test('targets pass, fail, fail on never, and are "not run" without their scenario', () => {
  const results = resultsWith({
    'apple-ll-hls': { players: {
      element: { latencySeconds: { median: 0.9, p95: 1.6 }, stalls: { count: 0 }, timeToFirstFrameMs: { median: 1050 } },
      hlsjs: { timeToFirstFrameMs: { median: 1000 } },
    } },
    restart: { players: { element: { recoveryMs: null } } },
    sizes: { dropInFirstDownloadGzip: 19_500, elementCoreCodeGzip: 8_001, elementControlsCodeGzip: 5_000, elementOwnCodeGzip: 13_001 },
  });
  const byName = Object.fromEntries(evaluateTargets(results, 3).map((target) => [target.name, target]));
  assert.equal(byName['Apple-style LL-HLS: latency median <= 1 s'].pass, true);
  assert.equal(byName['Apple-style LL-HLS: latency p95 <= 1.5 s'].pass, false);
  assert.equal(byName['Apple-style LL-HLS: no stalls'].pass, true);
  assert.equal(byName['Apple-style LL-HLS: time to first frame <= 1.10 x raw hls.js'].value, 1.05);
  assert.equal(byName['Restart: playing again within error-ttl + 1 s (4 s)'].pass, false);
  assert.equal(byName['Restart: playing again within error-ttl + 1 s (4 s)'].value, null);
  assert.equal(byName['Drop-in first download <= 20 kB gzip'].pass, true);
  const core = byName["Element's own core code (every page, without the lazy controls) <= 8 kB gzip"];
  assert.equal(core.value, 8.001);
  assert.equal(core.pass, false);
  // Own code loaded lazily at first playback counts too: every viewer downloads it; the controls do not.
  const split = evaluateTargets(resultsWith({ sizes: { elementCoreCodeGzip: 6_000, elementOtherLazyCodeGzip: 2_500, elementControlsCodeGzip: 5_000 } }), 3)
    .find((target) => target.name === core.name);
  assert.equal(split.value, 8.5);
  assert.equal(split.pass, false);
  assert.equal(byName['AMS HLS: no stalls'].pass, null);
  assert.equal(byName['No main-thread long tasks (> 50 ms, any cause) during MPEG-TS playback'].pass, null);
  const table = formatTargets(Object.values(byName));
  assert.match(table, /Restart: playing again within error-ttl \+ 1 s \(4 s\) +\| never +\| FAIL/);
  assert.match(table, /AMS HLS: no stalls +\| - +\| not run/);
});

test('ratiosToBaseline divides each other player by raw hls.js, null where raw hls.js has no figure', () => {
  const scenario = { players: {
    element: { recoveryMs: 2000, stalledSecondsAfterRecovery: 0 },
    hlsjs: { recoveryMs: null, stalledSecondsAfterRecovery: null },
    'hlsjs-config': { recoveryMs: 4000 },
  } };
  assert.deepEqual(ratiosToBaseline('restart', scenario), {
    element: { 'back to playing after restart': null, 'stalled seconds after coming back': null },
    'hlsjs-config': { 'back to playing after restart': null, 'stalled seconds after coming back': null },
  });
  const playback = { players: { element: { latencySeconds: { median: 1.2 } }, hlsjs: { latencySeconds: { median: 2.4 } } } };
  assert.equal(ratiosToBaseline('apple-ll-hls', playback).element['latency median'], 0.5);
});

test('a scenario that failed is reported as such and its targets fail', () => {
  const results = { scenarios: { outage: { error: 'Target closed' } } };
  const outage = evaluateTargets(results, 3).find((target) => target.name.startsWith('Outage end'));
  assert.equal(outage.pass, false);
  const report = formatReport({
    machine: { cpu: 'cpu', cores: 2, memoryGb: 4, os: 'os', loadAverage: { start: [1, 1, 1], end: [2, 2, 2] } },
    versions: { node: 'v20', chromium: 'Chrome/1', hlsjs: '1.7.4', element: '0.1.0' },
    scenarios: results.scenarios,
    targets: evaluateTargets(results, 3),
  });
  assert.match(report, /10 s origin outage, 503 \(Apple-style LL-HLS\): failed: Target closed/);
  assert.match(report, /Outage end: playing again within error-ttl \+ 1 s \(4 s\) +\| never +\| FAIL/);
});

test('the worker target counts MPEG-TS scenarios in which the element ran no worker', () => {
  const results = { scenarios: {
    'ams-ll-hls': { players: { element: { workers: ['hls.worker.js'], longTasksPerMinute: 0 } } },
    'ams-hls': { players: { element: { workers: [], longTasksPerMinute: 1.5 } } },
  } };
  const byName = Object.fromEntries(evaluateTargets(results, 3).map((target) => [target.name, target]));
  assert.equal(byName['MPEG-TS transmuxed off the main thread (a worker runs)'].value, 1);
  assert.equal(byName['MPEG-TS transmuxed off the main thread (a worker runs)'].pass, false);
  assert.equal(byName['No main-thread long tasks (> 50 ms, any cause) during MPEG-TS playback'].value, 1.5);
});

test('the sizes table shows the core, the controls chunk and their total separately', () => {
  const reportWith = (otherLazy) => formatReport({
    machine: { cpu: 'cpu', cores: 2, memoryGb: 4, os: 'os', loadAverage: { start: [1, 1, 1], end: [2, 2, 2] } },
    versions: { node: 'v20', chromium: 'Chrome/1', hlsjs: '1.7.4', element: '0.1.0' },
    scenarios: { sizes: { dropInFirstDownloadGzip: 15_600, hlsChunkGzip: 120_000, workerGzip: 40_000, elementCoreCodeGzip: 7_400, elementControlsCodeGzip: 5_100, elementOtherLazyCodeGzip: otherLazy, elementOwnCodeGzip: 12_500 + otherLazy, rawHlsGzip: 160_000, rawHlsFile: 'hls.min.js' } },
    targets: [],
  });
  const report = reportWith(0);
  assert.match(report, /own code, core: every page .*\| 7\.4 kB/);
  assert.match(report, /own code, controls chunk .*\| 5\.1 kB/);
  assert.match(report, /own code, total with controls .*\| 12\.5 kB/);
  assert.doesNotMatch(report, /other lazily loaded/);
  assert.match(reportWith(2_000), /own code, other lazily loaded parts .*\| 2\.0 kB/);
});
