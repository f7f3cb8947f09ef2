// How the edge answers a viewer: CloudFront's headers (X-Cache, Via, Age), byte ranges cut from
// the cached body, and the request log entry, written as the headers go out.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/**
 * @param {{ now: () => number, log: object[], maxLogEntries: number }} options log: the edge's
 *   request log, kept at most maxLogEntries long
 */
export function createResponder({ now, log, maxLogEntries }) {
  const distributionId = randomBytes(8).toString('hex');

  /**
   * @param {import('node:http').ServerResponse} response
   * @param {{ method: string, target: string, started: number, time: number, cors: Record<string, string>, cookie: string | null, range: string | null, functionMs?: number }} context
   * @param {import('./cache.mjs').CacheResult & { fromFunction?: boolean }} result
   */
  return function send(response, context, { response: answer, source, receivedAt, fromFunction = false }) {
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
    log.push(entry);
    if (log.length > maxLogEntries) log.splice(0, log.length - maxLogEntries);
    response.once('close', () => { entry.durationMs = Math.round(performance.now() - context.started); });
    if (context.method === 'HEAD' || part === 'unsatisfiable') return void response.end();
    if (part) return void response.end(answer.body().subarray(part.start, part.end + 1));
    answer.pipeTo(response);
  };
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
