// A local stand-in for the CloudFront distribution in front of Ant Media Server:
// origin path = the AMS app, 404s cached for the Error Caching Minimum TTL, 200s cached by
// Cache-Control, concurrent misses collapsed, CORS as a response-headers policy would set it,
// and a request log that tests read in process or over HTTP under /__edge/.

import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createAccessRules } from './edge/access-rules.mjs';
import { createAdminRoutes } from './edge/admin-routes.mjs';
import { createCache, cacheTtlMs } from './edge/cache.mjs';
import { associatedViewerFunction, streamTokenFunctionPath } from './edge/cache-behaviors.mjs';
import { answerPreflight, corsHeaders, corsHeadersFor } from './edge/cors.mjs';
import { requestOrigin, originRequestHeaders } from './edge/origin-request.mjs';
import { readBodyBytes } from './edge/request-body.mjs';
import { SharedResponse } from './edge/shared-response.mjs';
import { eventHeaders } from './edge/viewer-function.mjs';
import { createResponder } from './edge/viewer-response.mjs';

/**
 * @typedef {{
 *   time: number, method: string, path: string, query: string, status: number,
 *   cache: 'Hit' | 'Miss' | 'Error' | 'Collapsed', originRequest: boolean,
 *   age: number | null, durationMs: number, functionMs: number | null,
 * }} EdgeLogEntry
 * path and query: as the viewer sent them, before any viewer-request function; functionMs: how
 * long that function ran on the request, null when none did.
 * cache: 'Collapsed' = joined another viewer's origin request; 'Error' = a 4xx/5xx that was
 * not collapsed, from the origin or the cache (originRequest tells which).
 */

/**
 * @typedef {{ functionPath?: string, keyValueStore?: Record<string, string>, behaviors?: string[] }} ViewerRequestOptions
 * functionPath: default the token check this package ships; behaviors: the cache behaviors the
 * function is associated with (default the recipe's: streams/*, previews/* and the default one, `*`),
 * matched as CloudFront matches them (dev/edge/cache-behaviors.mjs).
 */

export { streamTokenFunctionPath };

/** The log keeps this many entries, so a long `npm start` does not grow without bound. */
const maxLogEntries = 10000;

/**
 * @param {{
 *   port?: number, host?: string, originUrl: string, originPath?: string,
 *   errorCachingMinTtl?: Record<string, number>, defaultTtl?: number,
 *   originTimeoutMs?: number, now?: () => number,
 *   viewerRequest?: ViewerRequestOptions, originCustomHeaders?: Record<string, string>,
 *   playlistMinimumTtl?: number,
 * }} options errorCachingMinTtl and defaultTtl in seconds; defaultTtl applies to non-error
 *   responses without Cache-Control/Expires. viewerRequest: a CloudFront Function file run on the
 *   requests of some paths before the cache; originCustomHeaders: added to every origin request,
 *   as an origin's custom headers are (the origin can then trust only the edge).
 */
export async function startEdge({
  port = 0,
  host = '127.0.0.1',
  originUrl,
  originPath = '/live',
  errorCachingMinTtl = { 404: 3 },
  defaultTtl = 0,
  originTimeoutMs = 30_000,
  now = () => Date.now(),
  viewerRequest,
  originCustomHeaders = {},
  playlistMinimumTtl: initialPlaylistMinimumTtl = 0,
} = /** @type {any} */ ({})) {
  if (!originUrl) throw new TypeError('startEdge: originUrl is required');
  const origin = new URL(originUrl);
  const pathPrefix = originPath.replace(/\/+$/, '');
  let errorTtls = normalizeTtls(errorCachingMinTtl);
  /** Seconds: a cache behavior for *.m3u8 with this minimum TTL (0: AMS's max-age=0 holds). */
  let playlistMinimumTtl = nonNegativeSeconds(initialPlaylistMinimumTtl, 'playlistMinimumTtl');
  const cache = createCache({ now });
  const agent = new http.Agent({ keepAlive: true });
  /** @type {EdgeLogEntry[]} */
  const log = [];
  /** Cookies across origins: the viewer's origin echoed and credentials allowed, instead of "*". */
  let credentialedCors = false;
  const access = createAccessRules({ now });
  /** The viewer-request function, with the behaviors it runs on; null when none. */
  let viewerFunction = viewerRequest ? loadedViewerFunction(viewerRequest) : null;
  const send = createResponder({ now, log, maxLogEntries });

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { ...corsHeaders, 'content-type': 'text/plain' });
      response.end(`edge emulator error: ${error?.message ?? error}`);
    });
  });

  function config() {
    return {
      originUrl: origin.href.replace(/\/$/, ''), originPath: pathPrefix, errorCachingMinTtl: { ...errorTtls }, defaultTtl, playlistMinimumTtl,
      credentialedCors, ...access.snapshot(),
      viewerRequest: viewerFunction ? { functionPath: viewerFunction.functionPath, behaviors: viewerFunction.behaviors } : null,
    };
  }

  /** A POST /__edge/config body: only what it names changes; throws on a bad value. */
  function configure(body) {
    if (body.errorCachingMinTtl !== undefined) errorTtls = normalizeTtls(body.errorCachingMinTtl);
    if (body.playlistMinimumTtl !== undefined) playlistMinimumTtl = nonNegativeSeconds(body.playlistMinimumTtl, 'playlistMinimumTtl');
    if (body.credentialedCors !== undefined) credentialedCors = Boolean(body.credentialedCors);
    // Over HTTP only the shipped function can be switched on: a page must not name files to run.
    if (body.viewerRequest !== undefined) viewerFunction = body.viewerRequest ? loadedViewerFunction({ ...body.viewerRequest, functionPath: undefined }) : null;
    access.configure(body);
  }

  const handleAdmin = createAdminRoutes({
    log, cache, now, config, configure,
    trustedKey: access.trustedKey,
    tokenSecret: () => viewerFunction?.keyValueStore['ams-jwt-stream-secret'],
  });

  /** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
  async function handle(request, response) {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const [path] = target.split('?', 1);
    if (method === 'OPTIONS') return answerPreflight(request, response, credentialedCors || path.startsWith('/__edge/'));
    if (path.startsWith('/__edge/')) return handleAdmin(request, response, path, target);
    const cors = corsHeadersFor(request, credentialedCors);
    const context = { method, target, started: performance.now(), time: now(), cors, cookie: request.headers.cookie ?? null, range: request.headers.range ?? null };
    if (path === '/control' || path.startsWith('/control/')) {
      // The origin's control API lives outside the app, so it skips the origin path and the cache.
      const answer = await requestOrigin({
        originUrl: origin, method, path: target, agent, timeoutMs: originTimeoutMs,
        headers: originRequestHeaders(request.headers, true),
        body: method === 'GET' || method === 'HEAD' ? undefined : await readBodyBytes(request),
      });
      return send(response, context, { response: answer, source: 'miss', receivedAt: now() });
    }
    const refusal = access.refusal({ path, url: `http://${request.headers.host}${target}`, cookieHeader: request.headers.cookie });
    if (refusal) {
      const answer = SharedResponse.complete(403, { 'content-type': 'text/plain' }, refusal, { generated: true });
      return send(response, context, { response: answer, source: 'miss', receivedAt: now() });
    }
    let cacheTarget = target;
    if (viewerFunction?.runsOn(path)) {
      const outcome = await viewerFunction.run({ method, target, headers: request.headers });
      context.functionMs = outcome.durationMs;
      if (outcome.response) {
        // A function's own response goes straight back to the viewer, never into the cache.
        const answer = SharedResponse.complete(outcome.response.statusCode, eventHeaders(outcome.response.headers), '', { generated: true });
        return send(response, { ...context, cors: {} }, { response: answer, source: 'miss', receivedAt: now(), fromFunction: true });
      }
      cacheTarget = outcome.request.target;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      // The distribution allows GET and HEAD only (plus OPTIONS for CORS).
      response.writeHead(403, { ...cors, 'content-type': 'text/plain', 'x-cache': 'Error from cloudfront' });
      return void response.end('This distribution is not configured to allow the HTTP request method that was used for this request.');
    }
    // Cache key: method + path + the full query string (_HLS_msn, _HLS_part, token, ...), as the
    // viewer-request function left it.
    const result = await cache.fetch(
      `${method} ${cacheTarget}`,
      () => requestOrigin({
        originUrl: origin, method, path: pathPrefix + cacheTarget, agent, timeoutMs: originTimeoutMs,
        headers: { ...originRequestHeaders(request.headers, false), ...originCustomHeaders },
      }),
      (answer) => cacheTtlMs(answer, { errorCachingMinTtl: errorTtls, defaultTtl, minimumTtl: path.endsWith('.m3u8') ? playlistMinimumTtl : 0 }),
    );
    // A range of a cached object is cut from its whole body, as CloudFront does: wait for all of it.
    if (context.range && method === 'GET' && result.response.status === 200) await result.response.done;
    return send(response, context, result);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(undefined); });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());

  return {
    url: `http://${host}:${address.port}`,
    log,
    clearLog() { log.length = 0; },
    /** Like an invalidation of `/*`. */
    clearCache() { cache.clear(); },
    /** Replaces the whole map; responses already cached keep the TTL they were stored with. */
    setErrorCachingMinTtl(map) { errorTtls = normalizeTtls(map); },
    config,
    /** The key pair the edge trusts for signed cookies (a test signs its own cookies with it). */
    signedCookieKey: () => access.trustedKey(),
    async close() {
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}

/** @param {ViewerRequestOptions} options */
function loadedViewerFunction(options) {
  return associatedViewerFunction({ ...options, log: (line) => console.log(`[edge function] ${line}`) });
}

/** @param {unknown} value @param {string} name */
function nonNegativeSeconds(value, name) {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new TypeError(`${name} must be a number of seconds >= 0, got ${JSON.stringify(value)}`);
  return seconds;
}

/** @param {Record<string, number>} map status -> seconds */
function normalizeTtls(map) {
  if (map === null || typeof map !== 'object') throw new TypeError('errorCachingMinTtl must be an object of status -> seconds');
  /** @type {Record<string, number>} */
  const ttls = {};
  for (const [status, seconds] of Object.entries(map)) {
    const value = Number(seconds);
    if (!/^\d{3}$/.test(status) || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`errorCachingMinTtl: bad entry ${status}: ${seconds}`);
    }
    ttls[status] = value;
  }
  return ttls;
}
