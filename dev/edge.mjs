// A local stand-in for the CloudFront distribution in front of Ant Media Server:
// origin path = the AMS app, 404s cached for the Error Caching Minimum TTL, 200s cached by
// Cache-Control, concurrent misses collapsed, CORS as a response-headers policy would set it,
// and a request log that tests read in process or over HTTP under /__edge/.

import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createCache, cacheTtlMs } from './edge/cache.mjs';
import { requestOrigin, originRequestHeaders } from './edge/origin-request.mjs';
import { SharedResponse } from './edge/shared-response.mjs';
import { associatedViewerFunction, streamTokenFunctionPath } from './edge/cache-behaviors.mjs';
import { eventHeaders } from './edge/viewer-function.mjs';
import { cookiesOf } from './edge/cookies.mjs';
import { signCloudFrontCookies, signedCookieRefusal } from './signed-cookies.mjs';
import { signStreamToken } from './stream-token.mjs';

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

/** As a response-headers policy with CORS would add them; Age must be readable from script. */
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Age, X-Cache, Date',
};

/**
 * The CORS headers for one viewer request. With `credentials` on, as a response-headers policy with
 * "Access-Control-Allow-Credentials" and the viewer's origin echoed: what cookies across origins
 * need (a wildcard origin fails them in the browser).
 * @param {http.IncomingMessage} request @param {boolean} credentials
 */
function corsHeadersFor(request, credentials) {
  const origin = request.headers.origin;
  if (!credentials || !origin) return corsHeaders;
  return { ...corsHeaders, 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

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
  const distributionId = randomBytes(8).toString('hex');
  /** @type {EdgeLogEntry[]} */
  const log = [];
  /** Cookies across origins: the viewer's origin echoed and credentials allowed, instead of "*". */
  let credentialedCors = false;
  /**
   * Stream id -> the cookie ("name=value") its requests need, as CloudFront checks signed cookies:
   * a request for a path naming the stream without it is answered 403 at the edge.
   * @type {Map<string, string>}
   */
  const requiredCookies = new Map();
  /**
   * Stream ids whose requests need CloudFront signed cookies (a behavior restricted to a trusted key
   * group), checked against the edge's own key pair, which /__edge/signed-cookies signs with.
   * @type {Set<string>}
   */
  const signedCookieStreams = new Set();
  /** @type {{ keyPairId: string, publicKeyPem: string, privateKeyPem: string } | null} */
  let signingKey = null;
  const trustedKey = () => {
    if (!signingKey) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
      signingKey = { keyPairId: `K${randomBytes(6).toString('hex').toUpperCase()}`, publicKeyPem: publicKey, privateKeyPem: privateKey };
    }
    return signingKey;
  };
  /** The viewer-request function, with the behaviors it runs on; null when none. */
  let viewerFunction = viewerRequest ? loadedViewerFunction(viewerRequest) : null;

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { ...corsHeaders, 'content-type': 'text/plain' });
      response.end(`edge emulator error: ${error?.message ?? error}`);
    });
  });

  /** Whether `path` names a stream that needs a cookie the request does not carry. @param {string} path @param {string | undefined} header */
  function lacksRequiredCookie(path, header) {
    for (const [id, cookie] of requiredCookies) {
      const [name, ...value] = cookie.split('=');
      if (path.includes(id) && cookiesOf(header)[name] !== value.join('=')) return true;
    }
    return false;
  }

  /** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
  async function handle(request, response) {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const [path] = target.split('?', 1);
    if (method === 'OPTIONS') return answerPreflight(request, response);
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
    const signedCookieStream = [...signedCookieStreams].find((id) => path.includes(id));
    const refusal = signedCookieStream && signedCookieRefusal(cookiesOf(request.headers.cookie), `http://${request.headers.host}${target}`, trustedKey(), now() / 1000);
    if (refusal) {
      const answer = SharedResponse.complete(403, { 'content-type': 'text/plain' }, refusal, { generated: true });
      return send(response, context, { response: answer, source: 'miss', receivedAt: now() });
    }
    if (lacksRequiredCookie(path, request.headers.cookie)) {
      // As CloudFront answers a request without the signed cookies its behavior requires.
      const answer = SharedResponse.complete(403, { 'content-type': 'text/plain' }, 'Missing Key-Pair-Id query parameter or cookie value', { generated: true });
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

  /**
   * @param {http.ServerResponse} response
   * @param {{ method: string, target: string, started: number, time: number, functionMs?: number }} context
   * @param {import('./edge/cache.mjs').CacheResult & { fromFunction?: boolean }} result
   */
  function send(response, context, { response: answer, source, receivedAt, fromFunction = false }) {
    const isError = answer.status >= 400;
    /** @type {Record<string, string | string[]>} */
    const headers = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      // The edge's CORS policy replaces whatever the origin said.
      if (fromFunction || !name.startsWith('access-control-')) headers[name] = value;
    }
    Object.assign(headers, context.cors, {
      'x-cache': fromFunction ? 'FunctionGeneratedResponse from cloudfront' : isError ? 'Error from cloudfront' : source === 'miss' ? 'Miss from cloudfront' : 'Hit from cloudfront',
      via: `1.1 ${distributionId}.cloudfront.net (CloudFront)`,
      'x-amz-cf-pop': 'LCL1-C1',
      'x-amz-cf-id': randomBytes(24).toString('base64url'),
    });
    let age = null;
    if (source !== 'miss') {
      age = Math.max(0, Math.floor((now() - receivedAt) / 1000));
      headers.age = String(age);
    }
    if (context.method === 'GET' && answer.complete && headers['content-length'] === undefined) {
      headers['content-length'] = String(answer.body().length);
    }
    const part = answer.status === 200 && answer.complete && context.range ? byteRange(context.range, answer.body().length) : null;
    if (answer.status === 200) headers['accept-ranges'] = 'bytes';
    const status = part === 'unsatisfiable' ? 416 : part ? 206 : answer.status;
    if (part === 'unsatisfiable') Object.assign(headers, { 'content-range': `bytes */${answer.body().length}`, 'content-length': '0' });
    else if (part) Object.assign(headers, { 'content-range': `bytes ${part.start}-${part.end}/${answer.body().length}`, 'content-length': String(part.end - part.start + 1) });
    response.writeHead(status, headers);
    // Logged as soon as the headers go out, so a test reading the log right after fetch() sees it.
    const [path, ...query] = context.target.split('?');
    const entry = {
      time: context.time,
      method: context.method,
      path,
      query: query.join('?'),
      status,
      cache: fromFunction ? 'Function' : source === 'collapsed' ? 'Collapsed' : isError ? 'Error' : source === 'hit' ? 'Hit' : 'Miss',
      originRequest: source === 'miss' && !fromFunction,
      age,
      durationMs: Math.round(performance.now() - context.started),
      // The Cookie header the viewer sent, so tests can see cookies reach every request.
      cookie: context.cookie,
      functionMs: context.functionMs ?? null,
    };
    log.push(/** @type {EdgeLogEntry} */ (entry));
    if (log.length > maxLogEntries) log.splice(0, log.length - maxLogEntries);
    response.once('close', () => { entry.durationMs = Math.round(performance.now() - context.started); });
    if (context.method === 'HEAD' || part === 'unsatisfiable') return void response.end();
    if (part) return void response.end(answer.body().subarray(part.start, part.end + 1));
    answer.pipeTo(response);
  }

  /** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
  function answerPreflight(request, response) {
    response.writeHead(204, {
      ...corsHeadersFor(request, credentialedCors || request.url?.startsWith('/__edge/')),
      'access-control-allow-methods': 'GET, HEAD, OPTIONS, PUT, POST, DELETE',
      'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
      'access-control-max-age': '600',
    });
    response.end();
  }

  function config() {
    return {
      originUrl: origin.href.replace(/\/$/, ''), originPath: pathPrefix, errorCachingMinTtl: { ...errorTtls }, defaultTtl, playlistMinimumTtl,
      credentialedCors, requiredCookies: Object.fromEntries(requiredCookies), signedCookieStreams: [...signedCookieStreams],
      viewerRequest: viewerFunction ? { functionPath: viewerFunction.functionPath, behaviors: viewerFunction.behaviors } : null,
    };
  }

  /**
   * @param {http.IncomingMessage} request @param {http.ServerResponse} response
   * @param {string} path @param {string} target
   */
  async function handleAdmin(request, response, path, target) {
    /** @type {Record<string, string>} */
    let extraHeaders = {};
    const json = (status, value) => {
      // Credentialed, so a test page can have the edge set a cookie (see /__edge/cookie).
      response.writeHead(status, { ...corsHeadersFor(request, true), 'content-type': 'application/json', 'cache-control': 'no-store', ...extraHeaders });
      response.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const route = `${request.method} ${path}`;
    if (route === 'GET /__edge/log') {
      const since = Number(new URLSearchParams(target.split('?')[1] ?? '').get('since'));
      return json(200, Number.isFinite(since) && since > 0 ? log.filter((entry) => entry.time >= since) : log);
    }
    if (route === 'DELETE /__edge/log') { log.length = 0; return json(204); }
    if (route === 'POST /__edge/cache/clear') { cache.clear(); return json(204); }
    if (route === 'GET /__edge/config') return json(200, config());
    if (route === 'POST /__edge/cookie') {
      // A cookie for the edge's host, set as a sign-in page would set CloudFront's signed cookies.
      // Lax: sent by pages of the same site (another port of the same host), as a browser that
      // blocks third-party cookies still sends them.
      const cookie = new URLSearchParams(target.split('?')[1] ?? '').get('cookie') ?? '';
      if (!/^[\w-]+=[\w-]*$/.test(cookie)) return json(400, { error: 'cookie must be name=value (letters, digits, _ and -)' });
      extraHeaders = { 'set-cookie': `${cookie}; Path=/; SameSite=Lax` };
      return json(204);
    }
    if (route === 'POST /__edge/signed-cookies') {
      // A sign-in page's answer: CloudFront signed cookies for `resource` (a URL pattern), made with
      // the key the edge trusts. Lax, as /__edge/cookie sets its cookie.
      const parameters = new URLSearchParams(target.split('?')[1] ?? '');
      const resource = parameters.get('resource') ?? '';
      const expiresIn = Number(parameters.get('expiresIn') ?? 3600);
      if (!resource || !Number.isFinite(expiresIn)) return json(400, { error: 'resource (a URL pattern) and a numeric expiresIn are required' });
      const { keyPairId, privateKeyPem } = trustedKey();
      const cookies = signCloudFrontCookies({ privateKeyPem, keyPairId, resource, expiresAt: Math.floor(now() / 1000 + expiresIn) });
      extraHeaders = { 'set-cookie': Object.entries(cookies).map(([name, value]) => `${name}=${value}; Path=/; SameSite=Lax`) };
      return json(204);
    }
    if (route === 'POST /__edge/play-token') {
      // A viewer's backend, for the local demo: an AMS JWT play token signed with the secret the
      // token check reads (never served by CloudFront; the secret stays in this process).
      const parameters = new URLSearchParams(target.split('?')[1] ?? '');
      const streamId = parameters.get('streamId') ?? '';
      const expiresIn = Number(parameters.get('expiresIn') ?? 3600);
      // Signed with the secret the token check reads from its KeyValueStore.
      const tokenSecret = viewerFunction?.keyValueStore['ams-jwt-stream-secret'];
      if (!tokenSecret) return json(404, { error: 'no token check with a secret runs on this edge' });
      if (!/^[A-Za-z0-9_-]{1,128}$/.test(streamId) || !Number.isFinite(expiresIn)) return json(400, { error: 'streamId (letters, digits, _ and -) and a numeric expiresIn are required' });
      return json(200, { token: signStreamToken({ secret: tokenSecret, streamId, expiresAt: Math.floor(now() / 1000 + expiresIn) }) });
    }
    if (route === 'POST /__edge/config') {
      try {
        const body = JSON.parse((await readBody(request)) || '{}');
        if (body.errorCachingMinTtl !== undefined) errorTtls = normalizeTtls(body.errorCachingMinTtl);
        if (body.playlistMinimumTtl !== undefined) playlistMinimumTtl = nonNegativeSeconds(body.playlistMinimumTtl, 'playlistMinimumTtl');
        if (body.credentialedCors !== undefined) credentialedCors = Boolean(body.credentialedCors);
        // Over HTTP only the shipped function can be switched on: a page must not name files to run.
        if (body.viewerRequest !== undefined) viewerFunction = body.viewerRequest ? loadedViewerFunction({ ...body.viewerRequest, functionPath: undefined }) : null;
        if (body.signedCookieStreams !== undefined) {
          signedCookieStreams.clear();
          for (const id of body.signedCookieStreams ?? []) signedCookieStreams.add(String(id));
        }
        if (body.requiredCookies !== undefined) {
          requiredCookies.clear();
          for (const [id, cookie] of Object.entries(body.requiredCookies ?? {})) requiredCookies.set(id, String(cookie));
        }
      } catch (error) {
        return json(400, { error: String(error?.message ?? error) });
      }
      return json(200, config());
    }
    return json(404, { error: `no edge route ${route}` });
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
    signedCookieKey: () => trustedKey(),
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


/**
 * The bytes a `Range: bytes=...` header asks of a body of `size` bytes: { start, end } (inclusive),
 * 'unsatisfiable', or null to answer the whole body (no single byte range asked).
 * @param {string} header @param {number} size
 */
function byteRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [first, last] = [match[1], match[2]];
  const start = first === '' ? Math.max(0, size - Number(last)) : Number(first);
  const end = first === '' || last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start >= size || start > end ? 'unsatisfiable' : { start, end };
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

/** @param {http.IncomingMessage} request */
async function readBodyBytes(request) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** @param {http.IncomingMessage} request */
async function readBody(request) {
  return (await readBodyBytes(request)).toString();
}
