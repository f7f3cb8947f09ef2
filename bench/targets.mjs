// The numbers the element has to reach, checked against one run's results. Latency is on the
// stream's own clock (wall clock minus the playhead's PROGRAM-DATE-TIME).
import { ratio } from './stats.mjs';

const element = (results, scenario) => results.scenarios?.[scenario]?.players?.element;
const raw = (results, scenario) => results.scenarios?.[scenario]?.players?.hlsjs;
const configured = (results, scenario) => results.scenarios?.[scenario]?.players?.['hlsjs-config'];

/**
 * Each target: what it says, the measured value and pass (true/false), or pass null when its
 * scenario was not run (or skipped). A missing value in a run scenario ("never") fails.
 */
export function targetDefinitions(errorTtl) {
  const latency = (scenario, label, { median, p95 }) => [
    { scenario, name: `${label}: latency median <= ${median} s`, unit: 's', limit: median, value: (r) => element(r, scenario)?.latencySeconds?.median },
    ...(p95 === undefined ? [] : [{ scenario, name: `${label}: latency p95 <= ${p95} s`, unit: 's', limit: p95, value: (r) => element(r, scenario)?.latencySeconds?.p95 }]),
    { scenario, name: `${label}: no stalls`, unit: 'stalls', limit: 0, value: (r) => element(r, scenario)?.stalls?.count },
    { scenario, name: `${label}: time to first frame <= 1.0 x raw hls.js`, unit: 'x', limit: 1.0, value: (r) => ratio(element(r, scenario)?.timeToFirstFrameMs?.median, raw(r, scenario)?.timeToFirstFrameMs?.median) },
  ];
  const playlistRequests = (scenario, label, media) => ({
    scenario, name: `${label}: media playlist requests per new ${media} <= 1.3`, unit: 'per new', limit: 1.3,
    value: (r) => element(r, scenario)?.playlistRequestsPerNewMedia,
  });
  const openedBefore = (scenario, label) => [
    { scenario, name: `Opened before the stream (${label}): first frame <= error-ttl + 0.5 s (${errorTtl + 0.5} s) after availability, median`, unit: 's', limit: errorTtl + 0.5, value: (r) => seconds(element(r, scenario)?.firstFrameAfterAvailableMs?.median) },
    { scenario, name: `Opened before the stream (${label}): 0 stalled seconds in the 10 s after the first frame, every run`, unit: 's', limit: 0, value: (r) => element(r, scenario)?.stalledSecondsAfterFirstFrame?.max },
    { scenario, name: `Opened before the stream (${label}): at most one request per URL per error TTL while waiting`, unit: 'requests', limit: 1, value: (r) => element(r, scenario)?.maxRequestsPerUrlPerTtl?.max },
  ];
  const restarted = (scenario, label) => [
    { scenario, name: `Restart (${label}): playing again within error-ttl + 1 s (${errorTtl + 1} s)`, unit: 's', limit: errorTtl + 1, value: (r) => seconds(element(r, scenario)?.recoveryMs) },
    { scenario, name: `Restart (${label}): 0 stalled seconds in the 10 s after playing again`, unit: 's', limit: 0, value: (r) => element(r, scenario)?.stalledSecondsInTenSecondsAfterRecovery },
    { scenario, name: `Restart (${label}): at most one request per erroring URL per error TTL while the stream is away`, unit: 'requests', limit: 1, value: (r) => element(r, scenario)?.maxRequestsPerUrlPerTtl?.max },
  ];
  const mpegTs = ['ams-ll-hls', 'ams-hls'];
  return [
    ...latency('apple-ll-hls', 'Apple-style LL-HLS', { median: 0.7, p95: 1.0 }),
    ...latency('ams-ll-hls', 'AMS-style LL-HLS', { median: 1.8 }),
    playlistRequests('ams-ll-hls', 'AMS-style LL-HLS', 'part'),
    ...latency('ams-hls', 'AMS HLS', { median: 3.0, p95: 3.3 }),
    playlistRequests('ams-hls', 'AMS HLS', 'segment'),
    { scenario: 'real-encoder', name: 'Real encoder: latency median <= the better hls.js player\'s in the same run', unit: 'x', limit: 1.0, value: (r) => ratio(element(r, 'real-encoder')?.latencySeconds?.median, best([raw(r, 'real-encoder'), configured(r, 'real-encoder')].map((entry) => entry?.latencySeconds?.median))) },
    ...openedBefore('before-start', 'Apple-style LL-HLS'),
    ...openedBefore('before-start-hls', 'AMS HLS'),
    ...restarted('restart', 'Apple-style LL-HLS'),
    ...restarted('restart-hls', 'AMS HLS'),
    { scenario: 'outage', name: `Outage end: playing again within error-ttl + 1 s (${errorTtl + 1} s)`, unit: 's', limit: errorTtl + 1, value: (r) => seconds(element(r, 'outage')?.recoveryMs) },
    { scenario: 'backup', name: `Backup: back on the main stream within error-ttl + 1 s (${errorTtl + 1} s) of it going live, worst run`, unit: 's', limit: errorTtl + 1, value: (r) => seconds(element(r, 'backup')?.switchBackMs?.max) },
    { scenario: 'backup', name: 'Backup: at most one stall in the 10 s after the switch, every run', unit: 'stalls', limit: 1, value: (r) => element(r, 'backup')?.stallsAfterSwitch?.max },
    { scenario: 'many-viewers', name: 'Many viewers: origin requests per segment with the edge function <= 1.1', unit: 'per segment', limit: 1.1, value: (r) => r.scenarios?.['many-viewers']?.withFunction?.originRequestsPerMediaObject },
    { scenario: 'many-viewers', name: 'Many viewers: at most one origin request per URL per error TTL while all wait', unit: 'requests', limit: 1, value: (r) => r.scenarios?.['many-viewers']?.withFunction?.originRequestsPerUrlPerTtlWhileWaiting },
    { scenario: 'many-viewers', name: 'Many viewers: the edge function adds <= 1 ms per request (median)', unit: 'ms', limit: 1, value: (r) => r.scenarios?.['many-viewers']?.withFunction?.functionMs?.median },
    { scenario: 'sizes', name: 'Drop-in first download <= 16 kB gzip', unit: 'kB', limit: 16, value: (r) => kilobytes(r.scenarios?.sizes?.dropInFirstDownloadGzip) },
    // The own code every viewer downloads: all of it but the optional controls (also any part
    // loaded lazily at first playback). The controls and the total are reported beside it.
    // The core is the element's own code in the first download, which every page with the element
    // downloads; the controls load only with `controls`, and the playback layer (the hls.js session,
    // its loaders, reload timing, target and catch-up) only with hls.js once a stream plays. The
    // report gives the playback layer and the sum beside it.
    { scenario: 'sizes', name: "Element's own core code (every page: without the lazy controls and the playback layer loaded with hls.js) <= 10 kB gzip", unit: 'kB', limit: 10, value: (r) => kilobytes(r.scenarios?.sizes?.elementCoreCodeGzip) },
    { scenario: mpegTs, name: 'MPEG-TS transmuxed off the main thread (a worker runs)', unit: 'scenarios without', limit: 0, value: (r) => withoutWorker(mpegTs.map((name) => element(r, name))) },
    { scenario: mpegTs, name: 'No main-thread long tasks (> 50 ms, any cause) during MPEG-TS playback', unit: 'per min', limit: 0, value: (r) => worst(mpegTs.map((name) => element(r, name)?.longTasksPerMinute)) },
    { scenario: 'heap', name: 'Heap back within 2 MB after 50 attach/detach cycles', unit: 'MB', limit: 2, value: (r) => megabytes(element(r, 'heap')?.growthBytes) },
  ];
}

const seconds = (milliseconds) => (typeof milliseconds === 'number' ? milliseconds / 1000 : null);
const kilobytes = (bytes) => (typeof bytes === 'number' ? bytes / 1000 : null);
const megabytes = (bytes) => (typeof bytes === 'number' ? bytes / 1e6 : null);
function withoutWorker(entries) {
  return entries.every((entry) => Array.isArray(entry?.workers)) ? entries.filter((entry) => entry.workers.length === 0).length : null;
}
function worst(values) {
  const numbers = values.filter((value) => typeof value === 'number');
  return numbers.length === values.length ? Math.max(...numbers) : null;
}
/** The lowest of the figures there are; null when there is none. */
function best(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  return numbers.length === 0 ? null : Math.min(...numbers);
}

export function evaluateTargets(results, errorTtl) {
  const ran = (scenario) => [scenario].flat().every((name) => results.scenarios?.[name] !== undefined && !results.scenarios[name].skipped);
  return targetDefinitions(errorTtl).map(({ value, scenario, ...target }) => {
    if (!ran(scenario)) return { ...target, value: null, pass: null };
    const measured = value(results);
    const number = typeof measured === 'number' && Number.isFinite(measured) ? measured : null;
    return { ...target, value: number, pass: number !== null && number <= target.limit };
  });
}
