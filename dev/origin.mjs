// Local emulator of an Ant Media Server origin: live HLS, ABR and LL-HLS (AMS-style MPEG-TS parts
// or Apple-style fMP4 parts with blocking reload) from looped fixtures, plus faults on demand and
// a JSON control API. Only ever listens on 127.0.0.1 by default. See startOrigin() below.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep, extname } from 'node:path';
import { loadFixtureMedia } from './media/fixture-media.mjs';
import { corruptVideo } from './media/mpegts.mjs';
import { createRegistry, RequestError } from './streams/registry.mjs';
import { createFaults } from './streams/faults.mjs';
import { layout, broadcastPhase } from './streams/timeline.mjs';
import {
  parseStreamPath, feedFor, renderMediaPlaylist, blockingReloadState, mediaBytes, holdUntil, masterPlaylist,
  RENDITIONS, CONTENT_TYPES, LL_DIRECTORY, SEGMENT_MS, WINDOW_SEGMENTS,
} from './streams/media-routes.mjs';

const CORS_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': '*' };
const STATIC_TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.m3u8': CONTENT_TYPES.m3u8, '.ts': CONTENT_TYPES.ts, '.mp4': CONTENT_TYPES.mp4, '.m4s': CONTENT_TYPES.m4s,
};
const LOG_LIMIT = 20000;
const BLOCKING_RELOAD_LIMIT_MS = 3 * SEGMENT_MS; // HLS spec: answer within 3 target durations
const PART_HOLD_LIMIT_MS = 3000;
const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/**
 * Extra response headers for a static file from a sibling `<file>.headers.json` ({"Name": "value"}),
 * so a test page can be served with, say, a strict Content-Security-Policy as a real site would.
 */
async function sidecarHeaders(file) {
  let text;
  try {
    text = await readFile(`${file}.headers.json`, 'utf8');
  } catch {
    return {};
  }
  const parsed = JSON.parse(text);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string'));
}

/**
 * @param {object} [options]
 * @param {number} [options.port]  0 = any free port
 * @param {string} [options.host]
 * @param {string} [options.app]   AMS application name (first path segment)
 * @param {import('./streams/registry.mjs').StreamDefinition[]} [options.streams]
 * @param {string[]} [options.staticDirectories]  served under /{app}/ (first directory with the file wins)
 * @param {() => number} [options.now]  wall clock in ms (injectable for tests)
 */
export async function startOrigin({ port = 0, host = '127.0.0.1', app = 'live', streams = [], staticDirectories = [], now = () => Date.now() } = {}) {
  const sets = loadFixtureMedia();
  const registry = createRegistry(now);
  const faults = createFaults(now, nextMedia);
  const log = [];
  let closed = false;

  // What "next" means for a missing fault: the segment in progress, and its next part in LL-HLS.
  function nextMedia(id) {
    const stream = registry.streams.get(id);
    if (!stream) return null;
    const broadcast = registry.currentBroadcast(id) ?? stream.broadcasts.at(-1);
    if (!broadcast) return null;
    const feed = feedFor(stream.definition, sets, { lowLatency: true });
    const state = layout(broadcast, Math.max(now(), broadcast.startAt), { unitMs: feed.set.unitMs, unitsPerSegment: feed.unitsPerSegment });
    return state.inProgress ? { mediaSequence: state.inProgress.mediaSequence, part: state.inProgress.completeParts } : null;
  }

  function streamState(id) {
    const stream = registry.streams.get(id);
    if (!stream) return null;
    const time = now();
    const broadcast = registry.currentBroadcast(id);
    const phase = registry.phase(id);
    const upcoming = stream.broadcasts.at(-1).startAt > time ? stream.broadcasts.at(-1) : null;
    const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
    let media = null;
    if (broadcast && phase !== 'gone') {
      const state = layout(broadcast, time, { unitMs: sets.main.unitMs, unitsPerSegment: SEGMENT_MS / sets.main.unitMs });
      media = {
        firstMediaSequence: Math.max(0, state.segmentCount - WINDOW_SEGMENTS),
        lastMediaSequence: state.segmentCount > 0 ? state.segmentCount - 1 : null,
        nextMediaSequence: state.inProgress ? state.inProgress.mediaSequence : null,
      };
    }
    const base = `/${app}/streams`;
    return {
      id, definition: stream.definition, phase, live: phase === 'live',
      startedAt: broadcast ? iso(broadcast.startAt) : null,
      stoppedAt: broadcast ? iso(broadcast.stopAt) : null,
      goneAt: broadcast?.stopAt != null ? iso(broadcast.stopAt + broadcast.goneAfterMs) : null,
      nextStartAt: upcoming ? iso(upcoming.startAt) : null,
      elapsedSeconds: broadcast && phase !== 'gone' ? (Math.min(time, broadcast.stopAt ?? Infinity) - broadcast.startAt) / 1000 : null,
      ...(media ?? { firstMediaSequence: null, lastMediaSequence: null, nextMediaSequence: null }),
      urls: {
        hls: `${base}/${id}.m3u8`,
        adaptive: stream.definition.adaptive ? `${base}/${id}_adaptive.m3u8` : null,
        llHls: `${base}/ll-hls/${id}/${id}__master.m3u8`,
      },
    };
  }

  const requireState = (id) => {
    const state = streamState(id);
    if (!state) throw new RequestError(404, `no stream ${id}`);
    return state;
  };

  const control = {
    now,
    listStreams: () => [...registry.streams.keys()].map(streamState),
    getStream: (id) => streamState(id),
    putStream: (definition) => streamState(registry.putStream(definition)),
    stopStream: (id, options = {}) => { registry.stopStream(id, options ?? {}); return requireState(id); },
    startStream: (id, options = {}) => { registry.startStream(id, options ?? {}); return requireState(id); },
    deleteStream: (id) => registry.deleteStream(id),
    addFault: (fault) => { const added = faults.add(fault); return { faultId: added.faultId, fault: added }; },
    removeFault: (faultId) => faults.remove(Number(faultId)),
    listFaults: () => faults.list(),
    clearFaults: () => faults.clear(),
    getLog: () => log.slice(),
    clearLog: () => { log.length = 0; },
  };
  for (const definition of streams) control.putStream(definition);

  /** @returns {Promise<{ status: number, headers?: object, body?: Buffer|string }>} */
  async function handleStream(path, query) {
    const parsed = parseStreamPath(path, (id) => registry.streams.has(id));
    if (!parsed) return notFound();
    const faultTarget = { id: parsed.id, resource: parsed.resource };
    const delay = faults.delayFor(faultTarget);
    if (delay > 0) await sleep(delay);
    const forcedStatus = faults.statusFor(faultTarget);
    if (forcedStatus) return { status: forcedStatus, headers: { 'Content-Type': 'text/plain' }, body: `fault ${forcedStatus}\n` };

    const { id } = parsed;
    const definition = registry.streams.get(id)?.definition;
    // The broadcast is looked up again after every wait: the stream may be stopped or deleted meanwhile.
    const liveBroadcast = () => {
      if (closed || registry.streams.get(id)?.definition !== definition) return null;
      const broadcast = registry.currentBroadcast(id);
      return broadcast && broadcastPhase(broadcast, now()) !== 'gone' ? broadcast : null;
    };
    if (!definition || !liveBroadcast()) return notFound();
    if (parsed.rendition && !definition.adaptive) return notFound();
    // An AMS app with LL-HLS turned off has no ll-hls directory at all.
    if (parsed.target.startsWith('ll-') && definition.llHls === 'none') return notFound();

    const playlist = (text) => ({ status: 200, headers: { 'Content-Type': CONTENT_TYPES.m3u8, 'Cache-Control': 'max-age=0' }, body: text });
    const corrupt = faults.isCorrupt(faultTarget);
    const media = (bytes, extension) => (bytes
      ? { status: 200, headers: { 'Content-Type': CONTENT_TYPES[extension], 'Cache-Control': 'max-age=10' }, body: corrupt && extension === 'ts' ? corruptVideo(bytes) : bytes }
      : notFound());
    const rendered = (feed) => renderMediaPlaylist(feed, liveBroadcast(), now());
    const lowLatencyFeed = feedFor(definition, sets, { lowLatency: true });

    switch (parsed.target) {
      case 'hls-media': {
        const result = rendered(feedFor(definition, sets, { rendition: parsed.rendition }));
        return result ? playlist(result.text) : notFound();
      }
      case 'adaptive-master': {
        if (!definition.adaptive || !rendered(feedFor(definition, sets))) return notFound();
        return playlist(masterPlaylist(RENDITIONS.map(({ suffix, set }) => ({ uri: `${id}${suffix}.m3u8`, ...variantOf(sets[set]) }))));
      }
      case 'hls-segment': {
        if (faults.isMissing({ id, mediaSequence: parsed.mediaSequence })) return notFound();
        const feed = feedFor(definition, sets, { rendition: parsed.rendition });
        return media(mediaBytes(feed, liveBroadcast(), now(), parsed), 'ts');
      }
      case 'll-master': {
        if (!rendered(lowLatencyFeed)) return notFound();
        return playlist(masterPlaylist([{ uri: `${LL_DIRECTORY}/${id}__lowlatency.m3u8`, ...variantOf(lowLatencyFeed.set) }], { version: 6 }));
      }
      case 'll-media': {
        if (lowLatencyFeed.lowLatency.blocking && query.has('_HLS_msn')) {
          const mediaSequence = Number(query.get('_HLS_msn'));
          const part = query.has('_HLS_part') ? Number(query.get('_HLS_part')) : undefined;
          if (!Number.isInteger(mediaSequence) || mediaSequence < 0 || (part !== undefined && !(Number.isInteger(part) && part >= 0))) {
            return { status: 400, headers: { 'Content-Type': 'text/plain' }, body: 'bad _HLS_msn/_HLS_part\n' };
          }
          const outcome = await holdUntil(() => {
            const broadcast = liveBroadcast();
            return broadcast ? blockingReloadState(lowLatencyFeed, broadcast, now(), mediaSequence, part) : 'gone';
          }, BLOCKING_RELOAD_LIMIT_MS);
          if (outcome === 'gone') return notFound();
          if (outcome === 'bad-request') return { status: 400, headers: { 'Content-Type': 'text/plain' }, body: '_HLS_msn too far ahead\n' };
          if (outcome === 'wait') return { status: 503, headers: { 'Content-Type': 'text/plain' }, body: 'not produced in time\n' };
        }
        if (!liveBroadcast()) return notFound();
        const result = rendered(lowLatencyFeed);
        return result ? playlist(result.text) : notFound();
      }
      case 'll-init':
        return definition.llHls === 'apple' ? media(lowLatencyFeed.set.init, 'mp4') : notFound();
      case 'll-segment':
      case 'll-part': {
        if (parsed.extension !== lowLatencyFeed.extension) return notFound();
        if (faults.isMissing({ id, mediaSequence: parsed.mediaSequence, part: parsed.part })) return notFound();
        const bytes = await holdUntil(() => {
          const broadcast = liveBroadcast();
          return broadcast ? mediaBytes(lowLatencyFeed, broadcast, now(), parsed) : null;
        }, PART_HOLD_LIMIT_MS);
        return media(bytes === 'wait' ? null : bytes, parsed.extension);
      }
      default:
        return notFound();
    }
  }

  async function handleStatic(path, method) {
    if (method !== 'GET' && method !== 'HEAD') return notFound();
    let relative;
    try {
      relative = decodeURIComponent(path);
    } catch {
      return notFound();
    }
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    if (relative.includes('\0') || relative.split(/[\\/]/).includes('..')) return notFound();
    for (const directory of staticDirectories) {
      const root = resolve(directory);
      const file = resolve(root, relative);
      if (!file.startsWith(root + sep)) continue; // traversal guard (also covers absolute paths)
      try {
        if (!(await stat(file)).isFile()) continue;
        const body = await readFile(file);
        const headers = { 'Content-Type': STATIC_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
        return { status: 200, headers: { ...headers, ...(await sidecarHeaders(file)) }, body };
      } catch {
        // not in this directory: try the next one
      }
    }
    return notFound();
  }

  async function handleControl(request, path) {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent); // after /control/
    const method = request.method;
    const body = ['PUT', 'POST'].includes(method) ? await readJson(request) : undefined;
    const [collection, id, action] = segments;
    if (collection === 'streams') {
      if (!id && method === 'GET') return control.listStreams();
      if (id && !action) {
        if (method === 'GET') return requireState(id);
        if (method === 'PUT') return control.putStream({ ...body, id });
        if (method === 'DELETE') {
          if (!control.deleteStream(id)) throw new RequestError(404, `no stream ${id}`);
          return { deleted: id };
        }
      }
      if (id && action === 'stop' && method === 'POST') return control.stopStream(id, body);
      if (id && action === 'start' && method === 'POST') return control.startStream(id, body);
    }
    if (collection === 'faults') {
      if (!id && method === 'POST') return control.addFault(body);
      if (!id && method === 'GET') return control.listFaults();
      if (!id && method === 'DELETE') { control.clearFaults(); return { cleared: true }; }
      if (id && method === 'DELETE') return { removed: control.removeFault(id) };
    }
    if (collection === 'log' && !id) {
      if (method === 'GET') return control.getLog();
      if (method === 'DELETE') { control.clearLog(); return { cleared: true }; }
    }
    if (collection === 'clock' && method === 'GET') return { now: now() };
    throw new RequestError(404, `no control route ${method} /control/${segments.join('/')}`);
  }

  async function route(request, url) {
    const path = url.pathname;
    if (path.startsWith('/control/') || path === '/control') {
      try {
        return json(200, (await handleControl(request, path.slice('/control'.length))) ?? null);
      } catch (error) {
        return json(error instanceof RequestError ? error.status : 500, { error: error.message });
      }
    }
    const appPrefix = `/${app}/`;
    if (!path.startsWith(appPrefix)) return notFound();
    const rest = path.slice(appPrefix.length);
    if (rest.startsWith('streams/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405, headers: { Allow: 'GET, HEAD, OPTIONS' } };
      return handleStream(rest.slice('streams/'.length), url.searchParams);
    }
    return handleStatic(rest, request.method);
  }

  const server = createServer(async (request, response) => {
    const started = Date.now();
    const time = now();
    const url = new URL(request.url, 'http://origin.invalid');
    const isControl = url.pathname.startsWith('/control');
    let result;
    if (request.method === 'OPTIONS') {
      result = {
        status: 204,
        headers: {
          'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '*',
          'Access-Control-Max-Age': '600',
        },
      };
    } else {
      try {
        result = await route(request, url);
      } catch (error) {
        result = { status: 500, headers: { 'Content-Type': 'text/plain' }, body: `${error.stack}\n` };
      }
    }
    const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body);
    if (!response.destroyed) {
      response.writeHead(result.status, { ...CORS_HEADERS, 'Content-Length': body.length, ...result.headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    }
    if (!isControl) {
      log.push({ time, method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: result.status, durationMs: Date.now() - started });
      if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
    }
  });
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolvePromise);
  });
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    app,
    log,
    control,
    close: () => new Promise((resolvePromise) => {
      closed = true;
      server.close(() => resolvePromise());
      server.closeAllConnections();
    }),
  };
}

function variantOf(set) {
  return { bandwidth: set.bandwidth, width: set.width, height: set.height, codecs: set.codecs };
}

function notFound() {
  return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found\n' };
}

function json(status, value) {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify(value) };
}

async function readJson(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'body is not JSON');
  }
}
