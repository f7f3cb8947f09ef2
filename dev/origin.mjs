// Local emulator of an Ant Media Server origin: live HLS, ABR and LL-HLS (AMS-style MPEG-TS parts
// or Apple-style fMP4 parts with blocking reload) from looped fixtures or an encoder's output
// directory, plus faults on demand and a JSON control API. Only ever listens on 127.0.0.1 by
// default. The routes live in dev/origin/; this file wires them to one HTTP server.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadFixtureMedia } from './media/fixture-media.mjs';
import { createRegistry, RequestError } from './streams/registry.mjs';
import { createFaults } from './streams/faults.mjs';
import { layout } from './streams/timeline.mjs';
import { feedFor } from './streams/media-routes.mjs';
import { createControl, handleControl } from './origin/control-api.mjs';
import { serveStatic } from './origin/static-files.mjs';
import { createStreamRoutes } from './origin/stream-routes.mjs';
import { json, notFound } from './origin/responses.mjs';
import { servletPath } from './origin/servlet-path.mjs';

const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': '*' };
const logLimit = 20000;
/** The preview image AMS writes for each stream (`previews/{id}.png`): one picture for all here. */
const previewImage = readFileSync(new URL('./fixtures/preview.png', import.meta.url));
/** The recording AMS's MP4 muxing writes (`streams/{id}.mp4`), for streams defined with `recording`. */
const recordingFile = readFileSync(new URL('./fixtures/recording.mp4', import.meta.url));

/**
 * @param {object} [options]
 * @param {number} [options.port]  0 = any free port
 * @param {string} [options.host]
 * @param {string} [options.app]   AMS application name (first path segment)
 * @param {import('./streams/registry.mjs').StreamDefinition[]} [options.streams]
 * @param {string[]} [options.staticDirectories]  served under /{app}/ (first directory with the file wins)
 * @param {() => number} [options.now]  wall clock in ms (injectable for tests)
 * @param {{ name: string, value: string }} [options.trustedHeader]  when set, the app's files are
 *   served only to requests carrying this header: the CDN's custom origin header, so viewers cannot
 *   go around the edge's token check
 */
export async function startOrigin({ port = 0, host = '127.0.0.1', app = 'live', streams = [], staticDirectories = [], now = () => Date.now(), trustedHeader } = {}) {
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
    const state = layout(broadcast, Math.max(now(), broadcast.startAt), feed.shape);
    return state.inProgress ? { mediaSequence: state.inProgress.mediaSequence, part: state.inProgress.completeParts } : null;
  }

  const control = createControl({ registry, faults, log, sets, app, now });
  for (const definition of streams) control.putStream(definition);
  const handleStream = createStreamRoutes({ registry, faults, sets, now, isClosed: () => closed });

  async function route(request, url) {
    if (url.rawPath.startsWith('/control/') || url.rawPath === '/control') {
      try {
        // The control API decodes its own segments: it reads the raw path.
        return json(200, (await handleControl(control, request, url.rawPath.slice('/control'.length))) ?? null);
      } catch (error) {
        return json(error instanceof RequestError ? error.status : 500, { error: error.message });
      }
    }
    const path = url.pathname;
    if (url.refused) return { status: 400, headers: { 'Content-Type': 'text/plain' }, body: `Bad request: ${url.refused}\n` };
    const appPrefix = `/${app}/`;
    if (!path.startsWith(appPrefix)) return notFound();
    if (trustedHeader && request.headers[trustedHeader.name.toLowerCase()] !== trustedHeader.value) {
      return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'This origin serves its CDN only.\n' };
    }
    const rest = path.slice(appPrefix.length);
    if (rest.startsWith('streams/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405, headers: { Allow: 'GET, HEAD, OPTIONS' } };
      const recording = /^streams\/([^/]+)\.mp4$/.exec(rest);
      if (recording && registry.streams.get(recording[1])?.definition.recording) {
        return { status: 200, headers: { 'Content-Type': 'video/mp4', 'Cache-Control': 'max-age=60' }, body: recordingFile };
      }
      return handleStream(rest.slice('streams/'.length), url.searchParams);
    }
    const preview = /^previews\/(.+)\.png$/.exec(rest);
    if (preview) {
      // AMS rewrites a stream's preview every few seconds while it plays, and keeps it afterwards.
      const known = registry.streams.has(preview[1]);
      return known ? { status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=10' }, body: previewImage } : notFound();
    }
    return serveStatic(staticDirectories, rest, request.method);
  }

  const server = createServer(async (request, response) => {
    const started = Date.now();
    const time = now();
    const url = requestTarget(request.url ?? '/');
    const isControl = url.rawPath.startsWith('/control');
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
      response.writeHead(result.status, { ...corsHeaders, 'Content-Length': body.length, ...result.headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    }
    if (!isControl) {
      log.push({ time, method: request.method, path: url.pathname, rawPath: url.rawPath, query: Object.fromEntries(url.searchParams), status: result.status, durationMs: Date.now() - started });
      if (log.length > logLimit) log.splice(0, log.length - logLimit);
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

/**
 * A request's target as the origin reads it: the path Tomcat serves (servletPath; `refused` when it
 * answers 400 instead), the raw path as sent (the log keeps both), and the query.
 * @param {string} target
 */
function requestTarget(target) {
  const [rawPath, query = ''] = target.split(/\?(.*)/s, 2);
  const read = servletPath(rawPath);
  return { pathname: read.path ?? rawPath, rawPath, refused: read.refused ?? null, searchParams: new URLSearchParams(query) };
}
