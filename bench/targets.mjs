// The numbers issues 6 and 4 ask the element to reach, checked against one run's results.
import { ratio } from './stats.mjs';

const element = (results, scenario) => results.scenarios?.[scenario]?.players?.element;
const raw = (results, scenario) => results.scenarios?.[scenario]?.players?.hlsjs;

/**
 * Each target: where it comes from, what it says, the measured value and pass (true/false), or
 * pass null when its scenario was not run. A missing value in a run scenario ("never") fails.
 */
export function targetDefinitions(errorTtl) {
  const playback = (scenario, label, medianLimit, p95Limit) => [
    { issue: 6, scenario, name: `${label}: latency median <= ${medianLimit} s`, unit: 's', limit: medianLimit, value: (r) => element(r, scenario)?.latencySeconds?.median },
    ...(p95Limit === undefined ? [] : [{ issue: 6, scenario, name: `${label}: latency p95 <= ${p95Limit} s`, unit: 's', limit: p95Limit, value: (r) => element(r, scenario)?.latencySeconds?.p95 }]),
    { issue: 6, scenario, name: `${label}: no stalls`, unit: 'stalls', limit: 0, value: (r) => element(r, scenario)?.stalls?.count },
    { issue: 6, scenario, name: `${label}: time to first frame <= 1.10 x raw hls.js`, unit: 'x', limit: 1.1, value: (r) => ratio(element(r, scenario)?.timeToFirstFrameMs?.median, raw(r, scenario)?.timeToFirstFrameMs?.median) },
  ];
  return [
    ...playback('apple-ll-hls', 'Apple-style LL-HLS', 1.0, 1.5),
    ...playback('ams-ll-hls', 'AMS-style LL-HLS', 3.5),
    ...playback('ams-hls', 'AMS HLS', 5),
    { issue: '6, 4', scenario: 'before-start', name: `Opened before the stream: first frame <= error-ttl + 0.5 s (${errorTtl + 0.5} s) after availability, median`, unit: 's', limit: errorTtl + 0.5, value: (r) => seconds(element(r, 'before-start')?.firstFrameAfterAvailableMs?.median) },
    { issue: 4, scenario: 'before-start', name: 'While waiting: at most one request per URL per TTL window', unit: 'requests', limit: 1, value: (r) => element(r, 'before-start')?.maxRequestsPerUrlPerTtl?.max },
    { issue: 4, scenario: 'restart', name: `Restart: playing again within error-ttl + 1 s (${errorTtl + 1} s)`, unit: 's', limit: errorTtl + 1, value: (r) => seconds(element(r, 'restart')?.recoveryMs) },
    { issue: 4, scenario: 'outage', name: `Outage end: playing again within error-ttl + 1 s (${errorTtl + 1} s)`, unit: 's', limit: errorTtl + 1, value: (r) => seconds(element(r, 'outage')?.recoveryMs) },
    { issue: 6, scenario: 'sizes', name: 'Drop-in first download <= 20 kB gzip', unit: 'kB', limit: 20, value: (r) => kilobytes(r.scenarios?.sizes?.dropInFirstDownloadGzip) },
    // Issue 6's limit applies to the own code every viewer downloads: all of it but the optional
    // controls (also any part loaded lazily at first playback). The controls and the total are reported beside it.
    { issue: 6, scenario: 'sizes', name: "Element's own core code (every page, without the lazy controls) <= 8 kB gzip", unit: 'kB', limit: 8, value: (r) => kilobytes(withoutControls(r.scenarios?.sizes)) },
    { issue: 6, scenario: ['ams-ll-hls', 'ams-hls'], name: 'MPEG-TS transmuxed off the main thread (a worker runs)', unit: 'scenarios without', limit: 0, value: (r) => withoutWorker([element(r, 'ams-ll-hls'), element(r, 'ams-hls')]) },
    { issue: 6, scenario: ['ams-ll-hls', 'ams-hls'], name: 'No main-thread long tasks (> 50 ms, any cause) during MPEG-TS playback', unit: 'per min', limit: 0, value: (r) => worst([element(r, 'ams-ll-hls'), element(r, 'ams-hls')].map((entry) => entry?.longTasksPerMinute)) },
    { issue: 6, scenario: 'heap', name: 'Heap back within 2 MB after 50 attach/detach cycles', unit: 'MB', limit: 2, value: (r) => megabytes(element(r, 'heap')?.growthBytes) },
  ];
}

const seconds = (milliseconds) => (typeof milliseconds === 'number' ? milliseconds / 1000 : null);
const kilobytes = (bytes) => (typeof bytes === 'number' ? bytes / 1000 : null);
/** Core plus any other lazily loaded own code: what a viewer without `controls` downloads. */
function withoutControls(sizes) {
  if (typeof sizes?.elementCoreCodeGzip !== 'number') return null;
  return sizes.elementCoreCodeGzip + (sizes.elementOtherLazyCodeGzip ?? 0);
}
const megabytes = (bytes) => (typeof bytes === 'number' ? bytes / 1e6 : null);
function withoutWorker(entries) {
  return entries.every((entry) => Array.isArray(entry?.workers)) ? entries.filter((entry) => entry.workers.length === 0).length : null;
}
function worst(values) {
  const numbers = values.filter((value) => typeof value === 'number');
  return numbers.length === values.length ? Math.max(...numbers) : null;
}

export function evaluateTargets(results, errorTtl) {
  const ran = (scenario) => [scenario].flat().every((name) => results.scenarios?.[name] !== undefined);
  return targetDefinitions(errorTtl).map(({ value, scenario, ...target }) => {
    if (!ran(scenario)) return { ...target, value: null, pass: null };
    const measured = value(results);
    const number = typeof measured === 'number' && Number.isFinite(measured) ? measured : null;
    return { ...target, value: number, pass: number !== null && number <= target.limit };
  });
}
