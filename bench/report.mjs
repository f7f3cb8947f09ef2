// Turns results into the text table printed on stdout (and shown in the README). Pure.
import { ratio } from './stats.mjs';
import { baselinePlayer, players } from './players.mjs';
import { realEncoderKind, streamKinds } from './streams.mjs';

const fixed = (digits, suffix = '') => (value) => `${value.toFixed(digits)}${suffix}`;
const secondsFromMs = (value) => `${(value / 1000).toFixed(2)} s`;

/**
 * Rows per scenario: label, how to read a player's figure, how to print it, and what a missing
 * figure means ("never" for things that should happen, "-" for not measured).
 */
const playbackRows = [
  { label: 'time to first frame (median)', get: (p) => p.timeToFirstFrameMs?.median, format: secondsFromMs, missing: 'never' },
  { label: 'latency median', get: (p) => p.latencySeconds?.median, format: fixed(2, ' s') },
  { label: 'latency p95', get: (p) => p.latencySeconds?.p95, format: fixed(2, ' s') },
  { label: 'stalls per minute', get: (p) => p.stalls?.perMinute, format: fixed(1) },
  { label: 'stalled seconds per minute', get: (p) => p.stalls?.secondsPerMinute, format: fixed(2, ' s') },
  { label: 'fatal errors (hls.js gave up)', get: (p) => p.fatalErrors?.length, format: (value) => String(value), noRatio: true },
  { label: 'long tasks (>50 ms) per minute', get: (p) => p.longTasksPerMinute, format: fixed(1) },
  { label: 'workers running (transmux off main thread)', get: (p) => p.workers?.length, format: (value) => String(value), noRatio: true },
  { label: 'edge requests per minute', get: (p) => p.edgeRequestsPerMinute, format: fixed(0) },
  { label: 'origin requests per minute', get: (p) => p.originRequestsPerMinute, format: fixed(0) },
  { label: 'media playlist requests per new segment or part', get: (p) => p.playlistRequestsPerNewMedia, format: fixed(2) },
];

const rowsByScenario = {
  'before-start': [
    { label: 'first frame after availability (median)', get: (p) => p.firstFrameAfterAvailableMs?.median, format: secondsFromMs, missing: 'never' },
    { label: 'first 200 from the edge after availability (median)', get: (p) => p.foundAfterAvailableMs?.median, format: secondsFromMs, missing: 'never' },
    { label: 'stalled seconds in the 10 s after first frame (median)', get: (p) => p.stalledSecondsAfterFirstFrame?.median, format: fixed(2, ' s') },
    { label: 'stalled seconds in the 10 s after first frame (worst run)', get: (p) => p.stalledSecondsAfterFirstFrame?.max, format: fixed(2, ' s') },
    { label: 'runs that played', get: (p) => p.played, format: (value) => String(value), noRatio: true },
    { label: 'edge requests per minute while waiting', get: (p) => p.waitingEdgeRequestsPerMinute, format: fixed(1) },
    { label: 'origin requests while waiting (per run)', get: (p) => p.waitingOriginRequests, format: fixed(0) },
    { label: 'max requests per URL per TTL window', get: (p) => p.maxRequestsPerUrlPerTtl?.max, format: fixed(0) },
  ],
  restart: [
    { label: 'back to playing after restart', get: (p) => p.recoveryMs, format: secondsFromMs, missing: 'never' },
    { label: 'stalled seconds in the 10 s after playing again', get: (p) => p.stalledSecondsInTenSecondsAfterRecovery, format: fixed(2, ' s') },
    { label: 'stalled seconds after coming back (20 s watch)', get: (p) => p.stalledSecondsAfterRecovery, format: fixed(2, ' s') },
    { label: 'max requests per erroring URL per TTL window while away', get: (p) => p.maxRequestsPerUrlPerTtl?.max, format: fixed(0) },
  ],
  outage: [
    { label: 'back to playing after outage end', get: (p) => p.recoveryMs, format: secondsFromMs, missing: 'never' },
    { label: 'stalled seconds after coming back', get: (p) => p.stalledSecondsAfterRecovery, format: fixed(2, ' s') },
  ],
  backup: [
    { label: 'runs that played the backup first', get: (p) => p.runsOnBackupFirst, format: (value) => String(value), noRatio: true },
    { label: 'back on the main stream after it went live (median)', get: (p) => p.switchBackMs?.median, format: secondsFromMs, missing: 'never' },
    { label: 'back on the main stream (worst run)', get: (p) => p.switchBackMs?.max, format: secondsFromMs, missing: 'never' },
    { label: 'stalls in the 10 s after the switch (worst run)', get: (p) => p.stallsAfterSwitch?.max, format: fixed(0) },
  ],
  heap: [
    { label: 'JS heap before (after warm-up)', get: (p) => p.beforeBytes, format: (value) => `${(value / 1e6).toFixed(2)} MB` },
    { label: 'JS heap after 50 cycles', get: (p) => p.afterBytes, format: (value) => `${(value / 1e6).toFixed(2)} MB` },
    { label: 'growth', get: (p) => p.growthBytes, format: (value) => `${(value / 1e6).toFixed(2)} MB`, noRatio: true },
  ],
};

rowsByScenario['before-start-hls'] = rowsByScenario['before-start'];
rowsByScenario['restart-hls'] = rowsByScenario.restart;
rowsByScenario['before-start-1s'] = rowsByScenario['before-start'];
rowsByScenario['restart-1s'] = rowsByScenario.restart;
rowsByScenario['backup-1s'] = rowsByScenario.backup;

const scenarioTitles = {
  ...Object.fromEntries(Object.entries(streamKinds).map(([name, kind]) => [name, kind.label])),
  'real-encoder': realEncoderKind.label,
  'before-start': 'Page opened 5 s before the stream starts (Apple-style LL-HLS)',
  'before-start-hls': 'Page opened 5 s before the stream starts (AMS HLS)',
  restart: 'Stream stops and restarts (Apple-style LL-HLS)',
  'restart-hls': 'Stream stops and restarts (AMS HLS)',
  outage: '10 s origin outage, 503 (Apple-style LL-HLS)',
  backup: 'backup-stream-id: the backup plays until the main stream goes live (AMS HLS), element only',
  'before-start-1s': 'Page opened 5 s before the stream starts (HLS, fMP4, 1 s segments)',
  'restart-1s': 'Stream stops and restarts (HLS, fMP4, 1 s segments)',
  'backup-1s': 'backup-stream-id: the backup plays until the main stream goes live (HLS, fMP4, 1 s segments), element only',
  heap: '50 attach/detach cycles (Apple-style LL-HLS)',
  'many-viewers': 'Many viewers of a secured stream: elements with their own tokens on one page (AMS HLS)',
};

/** The two edge set-ups side by side: the shipped token function, and tokens in the cache key. */
function manyViewersTable(scenario) {
  const modes = [scenario.withFunction, scenario.withFunctionAndPlaylistTtl, scenario.tokensInCacheKey];
  const figure = (value, digits) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '-');
  const rows = [
    ['viewers playing (on the shared page)', (mode) => `${mode.playing} of ${mode.viewers}`],
    ['the one more viewer: latency median / stalls', (mode) => `${figure(mode.measuredViewer?.latencyMedianSeconds, 2)} s / ${mode.measuredViewer?.stalls ?? '-'}`],
    ['origin requests per segment', (mode) => figure(mode.originRequestsPerMediaObject, 2)],
    ['origin playlist requests per new segment', (mode) => figure(mode.originPlaylistRequestsPerNewSegment, 2)],
    ['origin requests per URL per error TTL while all wait (most)', (mode) => figure(mode.originRequestsPerUrlPerTtlWhileWaiting, 0)],
    [`edge requests per viewer per minute (raw hls.js, one viewer: ${figure(scenario.rawHlsjs?.edgeRequestsPerViewerPerMinute, 1)})`, (mode) => figure(mode.edgeRequestsPerViewerPerMinute, 1)],
    ['first segment: viewer requests / origin requests / spread', (mode) => (mode.firstSegment ? `${mode.firstSegment.viewerRequests} / ${mode.firstSegment.originRequests} / ${(mode.firstSegment.spreadMs / 1000).toFixed(2)} s` : '-')],
    ['edge function time per request, median / max', (mode) => (mode.functionMs ? `${mode.functionMs.median.toFixed(3)} / ${mode.functionMs.max.toFixed(2)} ms` : '-')],
  ];
  return formatTable(['metric', 'edge function', 'edge function, playlists 1 s', 'tokens in the cache key'], rows.map(([label, get]) => [label, ...modes.map((mode) => (mode ? get(mode) : '-'))]));
}

/** "1.23 s (0.85x)": the figure, and for the other players its ratio to raw hls.js. */
export function cell(row, entry, baselineEntry, isBaseline) {
  if (!entry) return '-';
  const value = row.get(entry);
  if (typeof value !== 'number' || !Number.isFinite(value)) return row.missing ?? '-';
  const text = row.format(value);
  if (isBaseline || row.noRatio) return text;
  const factor = ratio(value, baselineEntry ? row.get(baselineEntry) : null);
  return factor === null ? text : `${text} (${factor.toFixed(2)}x)`;
}

/** For results.json: each player's figures divided by raw hls.js's, by the table's row labels. */
export function ratiosToBaseline(name, scenario) {
  const rows = rowsByScenario[name] ?? playbackRows;
  const baseline = scenario.players?.[baselinePlayer];
  const ratios = {};
  for (const player of players) {
    if (player.id === baselinePlayer || !scenario.players?.[player.id]) continue;
    ratios[player.id] = Object.fromEntries(rows.filter((row) => !row.noRatio).map((row) => {
      const factor = ratio(row.get(scenario.players[player.id]), baseline ? row.get(baseline) : null);
      return [row.label, factor === null ? null : Math.round(factor * 1000) / 1000];
    }));
  }
  return ratios;
}

export function formatTable(header, rows) {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((text, column) => String(text).padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function scenarioTable(name, scenario) {
  const rows = rowsByScenario[name] ?? playbackRows;
  const baseline = scenario.players[baselinePlayer];
  const body = rows.map((row) => [row.label, ...players.map((player) => cell(row, scenario.players[player.id], baseline, player.id === baselinePlayer))]);
  return formatTable(['metric', ...players.map((player) => player.label)], body);
}

function sizesTable(sizes) {
  const kilobytes = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  const versusRaw = (bytes) => `${kilobytes(bytes)} (${(bytes / sizes.rawHlsGzip).toFixed(2)}x)`;
  return formatTable(['bytes (gzip -9)', 'size (ratio to raw hls.js)'], [
    ['drop-in first download', versusRaw(sizes.dropInFirstDownloadGzip)],
    ['hls.js chunk (loaded on first playback)', versusRaw(sizes.hlsChunkGzip)],
    ['transmux worker (loaded on first playback)', versusRaw(sizes.workerGzip)],
    ["element's own code, core: every page (no lit, no hls.js, minified)", kilobytes(sizes.elementCoreCodeGzip)],
    ["element's own code, controls chunk (only with `controls`)", kilobytes(sizes.elementControlsCodeGzip)],
    ["element's own code, playback layer (loaded with hls.js on first playback)", kilobytes(sizes.elementOtherLazyCodeGzip ?? 0)],
    ["element's own code a playing page downloads (core + playback layer, no controls)", kilobytes(sizes.elementCoreCodeGzip + (sizes.elementOtherLazyCodeGzip ?? 0))],
    ["element's own code, total with controls", kilobytes(sizes.elementOwnCodeGzip)],
    ['drop-in total', versusRaw(sizes.dropInFirstDownloadGzip + sizes.hlsChunkGzip + sizes.workerGzip)],
    [`raw hls.js (${sizes.rawHlsFile.split('/').pop()})`, kilobytes(sizes.rawHlsGzip)],
  ]);
}

export function formatTargets(targets) {
  const verdict = (pass) => (pass === null ? 'not run' : pass ? 'PASS' : 'FAIL');
  const value = (target) => (target.pass === null ? '-' : target.value === null ? 'never' : `${Number(target.value.toFixed(3))} ${target.unit}`);
  return formatTable(['target', 'measured', 'result'], targets.map((target) => [target.name, value(target), verdict(target.pass)]));
}

/** The whole report: machine line, one table per scenario run, then the targets. */
export function formatReport(results) {
  const { machine, versions } = results;
  const parts = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; load average ${machine.loadAverage.start.join(' ')} at start, ${machine.loadAverage.end?.join(' ') ?? '-'} at end`,
    `Versions: node ${versions.node}, ${versions.chromium}, hls.js ${versions.hlsjs}, ams-cdn-player ${versions.element}`,
    'Ratios in brackets: the figure divided by raw hls.js (default config) in the same run.',
  ];
  for (const [name, scenario] of Object.entries(results.scenarios)) {
    if (scenario.error) parts.push(`\n${scenarioTitles[name] ?? name}: failed: ${scenario.error}`);
    else if (scenario.skipped) parts.push(`\n${scenarioTitles[name] ?? name}: skipped: ${scenario.skipped}`);
    else if (name === 'sizes') parts.push(`\nSizes\n${sizesTable(scenario)}`);
    else if (name === 'many-viewers') parts.push(`\n${scenarioTitles[name]}\n${manyViewersTable(scenario)}`);
    else {
      const length = scenario.durationSeconds ? `, ${scenario.durationSeconds} s` : scenario.runs ? `, ${scenario.runs} runs` : '';
      parts.push(`\n${scenarioTitles[name] ?? name}${length}\n${scenarioTable(name, scenario)}`);
    }
  }
  parts.push(`\nTargets\n${formatTargets(results.targets)}`);
  return parts.join('\n');
}
