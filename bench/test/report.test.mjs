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
      element: { latencySeconds: { median: 0.65, p95: 1.1 }, stalls: { count: 0 }, timeToFirstFrameMs: { median: 1050 } },
      hlsjs: { timeToFirstFrameMs: { median: 1000 } },
    } },
    restart: { players: { element: { recoveryMs: null } } },
    sizes: { dropInFirstDownloadGzip: 15_500, elementCoreCodeGzip: 10_001, elementControlsCodeGzip: 5_000, elementOwnCodeGzip: 15_001 },
  });
  const byName = Object.fromEntries(evaluateTargets(results, 3).map((target) => [target.name, target]));
  assert.equal(byName['Apple-style LL-HLS: latency median <= 0.7 s'].pass, true);
  assert.equal(byName['Apple-style LL-HLS: latency p95 <= 1 s'].pass, false);
  assert.equal(byName['Apple-style LL-HLS: no stalls'].pass, true);
  const firstFrame = byName['Apple-style LL-HLS: time to first frame <= 1.0 x raw hls.js'];
  assert.equal(firstFrame.value, 1.05);
  assert.equal(firstFrame.pass, false, 'slower than raw hls.js fails');
  assert.equal(byName['Restart (Apple-style LL-HLS): playing again within error-ttl + 1 s (4 s)'].pass, false);
  assert.equal(byName['Restart (Apple-style LL-HLS): playing again within error-ttl + 1 s (4 s)'].value, null);
  assert.equal(byName['Restart (AMS HLS): playing again within error-ttl + 1 s (4 s)'].pass, null);
  assert.equal(byName['Drop-in first download <= 16 kB gzip'].pass, true);
  const core = byName["Element's own core code (every page: without the lazy controls and the playback layer loaded with hls.js) <= 10 kB gzip"];
  assert.equal(core.value, 10.001);
  assert.equal(core.pass, false);
  // The playback layer loads with hls.js, when a stream plays: it is reported, not counted in the core.
  const split = evaluateTargets(resultsWith({ sizes: { elementCoreCodeGzip: 8_000, elementOtherLazyCodeGzip: 2_500, elementControlsCodeGzip: 5_000 } }), 3)
    .find((target) => target.name === core.name);
  assert.equal(split.value, 8);
  assert.equal(split.pass, true);
  assert.equal(byName['AMS HLS: no stalls'].pass, null);
  assert.equal(byName['No main-thread long tasks (> 50 ms, any cause) during MPEG-TS playback'].pass, null);
  const table = formatTargets(Object.values(byName));
  assert.match(table, /Restart \(Apple-style LL-HLS\): playing again within error-ttl \+ 1 s \(4 s\) +\| never +\| FAIL/);
  assert.match(table, /AMS HLS: no stalls +\| - +\| not run/);
  assert.doesNotMatch(table, /issue/i);
});

test('AMS targets: latency p95, playlist requests per new media, and stalls after a start or restart', () => {
  const results = resultsWith({
    'ams-hls': { players: { element: { latencySeconds: { median: 2.9, p95: 3.4 }, stalls: { count: 0 }, playlistRequestsPerNewMedia: 1.2 } } },
    'ams-ll-hls': { players: { element: { latencySeconds: { median: 1.7 }, stalls: { count: 1 }, playlistRequestsPerNewMedia: 1.5 } } },
    'before-start-hls': { players: { element: { firstFrameAfterAvailableMs: { median: 3000 }, stalledSecondsAfterFirstFrame: { median: 0, max: 0.4 }, maxRequestsPerUrlPerTtl: { max: 1 } } } },
    'restart-hls': { players: { element: { recoveryMs: 2500, stalledSecondsInTenSecondsAfterRecovery: 0, maxRequestsPerUrlPerTtl: { max: 2 } } } },
  });
  const byName = Object.fromEntries(evaluateTargets(results, 3).map((target) => [target.name, target]));
  assert.equal(byName['AMS HLS: latency median <= 3 s'].pass, true);
  assert.equal(byName['AMS HLS: latency p95 <= 3.3 s'].pass, false);
  assert.equal(byName['AMS HLS: media playlist requests per new segment <= 1.3'].pass, true);
  assert.equal(byName['AMS-style LL-HLS: latency median <= 1.8 s'].pass, true);
  assert.equal(byName['AMS-style LL-HLS: no stalls'].pass, false);
  assert.equal(byName['AMS-style LL-HLS: media playlist requests per new part <= 1.3'].pass, false);
  assert.equal(byName['Opened before the stream (AMS HLS): first frame <= error-ttl + 0.5 s (3.5 s) after availability, median'].pass, true);
  assert.equal(byName['Opened before the stream (AMS HLS): 0 stalled seconds in the 10 s after the first frame, every run'].pass, false, 'one run that stalled fails');
  assert.equal(byName['Restart (AMS HLS): 0 stalled seconds in the 10 s after playing again'].pass, true);
  assert.equal(byName['Restart (AMS HLS): at most one request per erroring URL per error TTL while the stream is away'].pass, false);
});

test('real encoder: the element against the better hls.js player, not run when skipped', () => {
  const name = "Real encoder: latency median <= the better hls.js player's in the same run";
  const figure = (players) => evaluateTargets(resultsWith({ 'real-encoder': { players } }), 3).find((target) => target.name === name);
  const latency = (median) => ({ latencySeconds: { median } });
  assert.equal(figure({ element: latency(4), hlsjs: latency(8), 'hlsjs-config': latency(5) }).value, 0.8);
  assert.equal(figure({ element: latency(5.5), hlsjs: latency(8), 'hlsjs-config': latency(5) }).pass, false);
  assert.equal(figure({ element: latency(4), hlsjs: {}, 'hlsjs-config': latency(4) }).value, 1);
  const skipped = evaluateTargets(resultsWith({ 'real-encoder': { skipped: 'ffmpeg is not on PATH' } }), 3).find((target) => target.name === name);
  assert.deepEqual([skipped.pass, skipped.value], [null, null]);
});

test('ratiosToBaseline divides each other player by raw hls.js, null where raw hls.js has no figure', () => {
  const scenario = { players: {
    element: { recoveryMs: 2000, stalledSecondsAfterRecovery: 0 },
    hlsjs: { recoveryMs: null, stalledSecondsAfterRecovery: null },
    'hlsjs-config': { recoveryMs: 4000 },
  } };
  const ratios = ratiosToBaseline('restart', scenario);
  assert.equal(ratios.element['back to playing after restart'], null);
  assert.equal(ratios['hlsjs-config']['stalled seconds after coming back (20 s watch)'], null);
  assert.deepEqual(Object.keys(ratios), ['element', 'hlsjs-config']);
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

test('the sizes table shows the core, the controls chunk, the playback layer and their sums separately', () => {
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
  assert.match(report, /own code, playback layer .*\| 0\.0 kB/);
  const withPlaybackLayer = reportWith(2_000);
  assert.match(withPlaybackLayer, /own code, playback layer .*\| 2\.0 kB/);
  assert.match(withPlaybackLayer, /own code a playing page downloads .*\| 9\.4 kB/);
});
