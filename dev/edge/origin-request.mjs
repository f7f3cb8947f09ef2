// Asking the origin: one HTTP request, answered as a SharedResponse. Failures become the
// responses CloudFront would give (502 unreachable, 504 too slow) instead of exceptions.

import http from 'node:http';
import { SharedResponse } from './shared-response.mjs';

/** Connection-level headers that describe one hop and must not be passed on. */
const hopByHopHeaders = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

/** Viewer headers passed to the origin for cached paths. Conditional, Range and encoding
 * headers stay behind: the edge stores whole, unencoded bodies and answers them itself. */
const forwardedCachedHeaders = ['accept', 'accept-language', 'user-agent'];

/** @param {http.IncomingHttpHeaders} headers */
export function withoutHopByHop(headers) {
  /** @type {Record<string, string | string[]>} */
  const kept = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHopHeaders.has(name)) kept[name] = value;
  }
  return kept;
}

/**
 * Headers for the origin request.
 * @param {http.IncomingHttpHeaders} viewerHeaders
 * @param {boolean} passThrough true for uncached routes (the control API): send (almost) everything
 */
export function originRequestHeaders(viewerHeaders, passThrough) {
  /** @type {Record<string, string | string[]>} */
  const headers = {};
  if (passThrough) Object.assign(headers, withoutHopByHop(viewerHeaders));
  else {
    for (const name of forwardedCachedHeaders) {
      if (viewerHeaders[name] !== undefined) headers[name] = viewerHeaders[name];
    }
    // CMCD (Common Media Client Data) travels in cmcd-* headers; CloudFront can pass them on.
    for (const [name, value] of Object.entries(viewerHeaders)) {
      if (name.startsWith('cmcd-') && value !== undefined) headers[name] = value;
    }
  }
  delete headers.host;
  headers.via = '1.1 emulator.cloudfront.net (CloudFront)';
  return headers;
}

/** CloudFront's default "connection attempts" for an origin: tries before it answers 502. */
const connectionAttempts = 3;

/**
 * @param {{
 *   originUrl: URL, method: string, path: string, headers: Record<string, string | string[]>,
 *   body?: Buffer, agent: http.Agent, timeoutMs: number,
 * }} request path includes the query string; body is read whole first, so a retry can send it again
 * @returns {Promise<SharedResponse>} resolves once the origin's headers arrive
 */
export async function requestOrigin(request) {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await attemptOrigin(request);
    if (!outcome.retryable || attempt === connectionAttempts) return outcome.response;
  }
}

/**
 * One try. A connection the origin refused, or a kept-alive socket it closed just as we reused
 * it (Node's documented race), never reached the origin's handler: safe to try again, as
 * CloudFront does. Any other failure is answered as it is.
 * @param {Parameters<typeof requestOrigin>[0]} request
 * @returns {Promise<{ response: SharedResponse, retryable: boolean }>}
 */
function attemptOrigin({ originUrl, method, path, headers, body, agent, timeoutMs }) {
  return new Promise((resolve) => {
    let answered = false;
    /** @param {SharedResponse} response @param {boolean} retryable */
    const answer = (response, retryable = false) => {
      if (!answered) resolve({ response, retryable });
      answered = true;
    };
    const request = http.request({
      protocol: originUrl.protocol,
      hostname: originUrl.hostname,
      port: originUrl.port,
      method,
      path,
      headers,
      agent,
    }, (originResponse) => {
      clearTimeout(timer);
      const response = new SharedResponse(originResponse.statusCode ?? 502, withoutHopByHop(originResponse.headers));
      answer(response);
      originResponse.on('data', (chunk) => response.push(chunk));
      originResponse.on('end', () => response.end());
      originResponse.on('error', (error) => response.fail(error));
      originResponse.on('aborted', () => response.fail(new Error('origin response aborted')));
    });
    // CloudFront's origin response timeout (30 s by default) ends in a 504.
    const timer = setTimeout(() => {
      answer(generatedError(504, 'Gateway Timeout: the origin did not answer in time.'));
      request.destroy();
    }, timeoutMs);
    request.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      clearTimeout(timer);
      const neverReachedTheOrigin = error.code === 'ECONNREFUSED' || (request.reusedSocket && error.code === 'ECONNRESET');
      answer(generatedError(502, 'Bad Gateway: CloudFront could not connect to the origin.'), neverReachedTheOrigin);
    });
    request.end(body);
  });
}

/** @param {number} status @param {string} message */
export function generatedError(status, message) {
  return SharedResponse.complete(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(message)),
  }, message, { generated: true });
}
