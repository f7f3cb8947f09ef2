// Runs a CloudFront Function file (viewer request, JavaScript runtime 2.0) the way the edge would:
// in a sandbox with no network and no Node APIs, only the runtime's `crypto` (HMAC, hashes), `Buffer`,
// `console` and the `cloudfront` module's KeyValueStore helper, with the event shape CloudFront
// passes in. Tests and the edge emulator run the exact file that ships in cloudfront/.

import { readFileSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { cookiesOf } from './cookies.mjs';

/** CloudFront's limit on a function's code. */
export const maximumFunctionBytes = 10 * 1024;
/** Far above the runtime's compute budget (about 1 ms): only catches a function that hangs. */
const synchronousTimeoutMs = 50;

/**
 * @typedef {{ value: string, multiValue?: { value: string }[] }} EventValue
 * @typedef {{ method: string, uri: string, querystring: Record<string, EventValue>,
 *   headers: Record<string, EventValue>, cookies: Record<string, EventValue> }} EventRequest
 * @typedef {{ statusCode: number, statusDescription?: string, headers?: Record<string, EventValue> }} EventResponse
 */

/**
 * A KeyValueStore stand-in with the runtime's helper methods; get() rejects a missing key as the
 * real one does. @param {Record<string, string>} entries
 */
function keyValueStore(entries) {
  const has = (key) => Object.prototype.hasOwnProperty.call(entries, key);
  return {
    async get(key, options = {}) {
      if (!has(key)) throw new Error(`KeyValueStore: key ${key} not found`);
      const value = entries[key];
      if (options.format === 'json') return JSON.parse(value);
      if (options.format === 'bytes') return Buffer.from(value);
      return value;
    },
    async exists(key) { return has(key); },
    async meta() { return { creationDateTime: new Date(0).toISOString(), lastUpdatedDateTime: new Date(0).toISOString(), keyCount: Object.keys(entries).length }; },
  };
}

/** A function file's text; over CloudFront's code limit, an error. */
export function readFunctionCode(path) {
  const code = readFileSync(path, 'utf8');
  if (Buffer.byteLength(code) > maximumFunctionBytes) throw new Error(`${path}: ${Buffer.byteLength(code)} bytes, over CloudFront's ${maximumFunctionBytes}`);
  return code;
}

/** What a handler returned, as the edge uses it: the request to pass on (method, target), or its own response. */
export function handlerOutcome({ result, method, path, durationMs }) {
  if (result && typeof result.statusCode === 'number') return { request: null, response: result, durationMs };
  if (!result || typeof result.uri !== 'string') throw new Error(`${path}: the handler returned neither a request nor a response`);
  return { request: { method, target: result.uri + queryText(result.querystring) }, response: null, durationMs };
}

/**
 * Loads `path` and returns a function that runs its handler on one viewer request.
 * @param {{ path: string, keyValueStore?: Record<string, string>, log?: (line: string) => void }} options
 */
export function loadViewerFunction({ path, keyValueStore: entries = {}, log = () => {} }) {
  const code = readFunctionCode(path);
  const cloudfront = { kvs: () => keyValueStore(entries) };
  const modules = { crypto: { createHmac, createHash }, cloudfront };
  const sandbox = vm.createContext({
    require(name) {
      if (!(name in modules)) throw new Error(`CloudFront Functions have no module ${name}`);
      return modules[name];
    },
    Buffer,
    console: { log: (...values) => log(values.join(' ')) },
  });
  // The runtime's one ES module statement, as a script can run it; nothing else is changed.
  const script = code.replace(/^import cf from 'cloudfront';$/m, "const cf = require('cloudfront');");
  const handler = new vm.Script(`${script}\n;handler`, { filename: path }).runInContext(sandbox, { timeout: synchronousTimeoutMs });
  if (typeof handler !== 'function') throw new Error(`${path} defines no handler`);

  /**
   * @param {{ method: string, target: string, headers: import('node:http').IncomingHttpHeaders }} request
   * @returns {Promise<{ request: { method: string, target: string } | null, response: EventResponse | null, durationMs: number }>}
   */
  return async function runViewerRequest({ method, target, headers }) {
    const event = viewerRequestEvent({ method, target, headers });
    const started = performance.now();
    const result = await handler(event);
    const durationMs = performance.now() - started;
    return handlerOutcome({ result, method, path, durationMs });
  };
}

/** The event CloudFront passes a viewer-request function: raw (still percent-encoded) query values. */
export function viewerRequestEvent({ method, target, headers }) {
  const [uri, query = ''] = target.split(/\?(.*)/s, 2);
  /** @type {Record<string, EventValue>} */
  const querystring = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const [name, ...value] = pair.split('=');
    const entry = { value: value.join('=') };
    const existing = querystring[name];
    if (!existing) querystring[name] = entry;
    else querystring[name] = { value: existing.value, multiValue: [...(existing.multiValue ?? [{ value: existing.value }]), entry] };
  }
  /** @type {Record<string, EventValue>} */
  const eventHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name !== 'cookie' && value !== undefined) eventHeaders[name] = { value: Array.isArray(value) ? value.join(',') : value };
  }
  const cookies = Object.fromEntries(Object.entries(cookiesOf(headers.cookie)).map(([name, value]) => [name, { value }]));
  return {
    version: '1.0',
    context: { eventType: 'viewer-request', distributionDomainName: 'local.cloudfront.net', requestId: 'local' },
    viewer: { ip: '127.0.0.1' },
    request: { method, uri, querystring, headers: eventHeaders, cookies },
  };
}

/** The query string back from the event's object, in its order, values as the function left them. */
export function queryText(querystring = {}) {
  const pairs = [];
  for (const [name, entry] of Object.entries(querystring)) {
    const values = entry.multiValue ? entry.multiValue.map((item) => item.value) : [entry.value];
    for (const value of values) pairs.push(value === '' ? name : `${name}=${value}`);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** A function response's headers ({ name: { value } }) as plain header values. */
export function eventHeaders(headers = {}) {
  return Object.fromEntries(Object.entries(headers).map(([name, entry]) => [name.toLowerCase(), entry.value]));
}
