// A real cache as the edge: Debian's Varnish, configured by dev/varnish/edge.vcl the way the
// recipe configures CloudFront, behind a thin logging front that gives tests the same interface as
// the Node edge emulator: viewer requests under one URL, the request log at /__edge/log, and the
// origin's control API at /control/. The front only passes bytes through and writes the log; every
// caching decision is Varnish's. With `viewerRequest`, the front also runs the viewer-request
// function where CloudFront would, before the cache (dev/edge/cache-behaviors.mjs), so the token
// check meets a real proxy's handling of raw paths too.

import http from 'node:http';
import net from 'node:net';
import { acceptingConnections, freePort } from './local-ports.mjs';
import { associatedViewerFunction } from './edge/cache-behaviors.mjs';
import { eventHeaders } from './edge/viewer-function.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const varnishd = process.env.VARNISHD_PATH ?? '/usr/sbin/varnishd';
const maxLogEntries = 10000;

/** Whether Varnish is installed here; `npm test` fails with this hint when it is not. */
export function varnishInstalled() {
  return spawnSync(varnishd, ['-V'], { stdio: 'ignore' }).status === 0;
}

export const varnishMissing = `varnishd not found at ${varnishd}: the CDN tests also run against a real cache. Install Debian's varnish (apt-get install varnish), or set VARNISHD_PATH.`;

/**
 * @param {{ originUrl: string, originPath?: string, errorTtl?: number, port?: number, host?: string,
 *   viewerRequest?: import('./edge.mjs').ViewerRequestOptions, originCustomHeaders?: Record<string, string> }} options
 *   errorTtl: the 404 Error Caching Minimum TTL, seconds; viewerRequest and originCustomHeaders: as the Node edge's
 */
export async function startVarnishEdge({ originUrl, originPath = '/live', errorTtl = 3, port = 0, host = '127.0.0.1', viewerRequest, originCustomHeaders = {} }) {
  const viewerFunction = viewerRequest ? associatedViewerFunction({ ...viewerRequest, log: (line) => console.log(`[edge function] ${line}`) }) : null;
  if (!varnishInstalled()) throw new Error(varnishMissing);
  const origin = new URL(originUrl);
  const workDirectory = await mkdtemp(path.join(tmpdir(), 'ams-varnish-'));
  const template = await readFile(new URL('./varnish/edge.vcl', import.meta.url), 'utf8');
  const vcl = template
    .replaceAll('{{ORIGIN_HOST}}', origin.hostname)
    .replaceAll('{{ORIGIN_PORT}}', origin.port || '80')
    .replaceAll('{{ORIGIN_PATH}}', originPath.replace(/\/+$/, ''))
    .replaceAll('{{ERROR_TTL}}', String(Number(errorTtl)))
    .replaceAll('{{ORIGIN_CUSTOM_HEADERS}}', Object.entries(originCustomHeaders).map(([name, value]) => `  set bereq.http.${vclHeaderName(name)} = "${vclString(value)}";`).join('\n'));
  const vclPath = path.join(workDirectory, 'edge.vcl');
  await writeFile(vclPath, vcl);
  const varnishPort = await freePort();
  // -j none: no privilege separation (tests run as whoever runs them); -F: in the foreground, so
  // closing kills it; a small malloc store is plenty for test streams.
  const child = spawn(varnishd, [
    '-F', '-j', 'none', '-n', path.join(workDirectory, 'instance'), '-a', `127.0.0.1:${varnishPort}`, '-f', vclPath, '-s', 'malloc,64m',
    // Nothing kept without a Cache-Control, as the edge emulator's default TTL of 0.
    '-p', 'default_ttl=0', '-p', 'default_grace=0', '-p', 'default_keep=0',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  try {
    await acceptingConnections({ port: varnishPort, timeoutMs: 20_000, child, name: 'varnishd' });
  } catch (error) {
    child.kill('SIGKILL');
    await rm(workDirectory, { recursive: true, force: true });
    throw new Error(`${error.message}\n${stderr}`);
  }

  const agent = new http.Agent({ keepAlive: true });
  /** Entries as the Node edge logs them (dev/edge.mjs EdgeLogEntry), from Varnish's answers. */
  const log = [];

  /** Passes one request to `target` (Varnish, or the origin for /control/) and back. */
  function pass(request, response, { port: targetPort, path: targetPath, onResponse }) {
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: request.method, path: targetPath, headers: request.headers, agent }, (answer) => {
      onResponse?.(answer);
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      response.end(`varnish front: ${error.message}`);
    });
    request.pipe(upstream);
  }

  const server = http.createServer((request, response) => {
    const target = request.url ?? '/';
    const [requestPath, ...query] = target.split('?');
    if (requestPath === '/__edge/log') {
      const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': request.headers.origin ?? '*', 'access-control-allow-credentials': 'true' };
      if (request.method === 'DELETE') { log.length = 0; response.writeHead(204, headers); return void response.end(); }
      response.writeHead(200, headers);
      return void response.end(JSON.stringify(log));
    }
    if (requestPath === '/control' || requestPath.startsWith('/control/')) {
      return pass(request, response, { port: Number(origin.port), path: target });
    }
    const time = Date.now();
    const started = performance.now();
    if (viewerFunction?.runsOn(requestPath) && request.method !== 'OPTIONS') {
      return void runViewerFunction(request, response, { target, time, started }).catch((error) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`varnish front: the viewer-request function failed: ${error.message}`);
      });
    }
    passToVarnish(request, response, { target, time, started, functionMs: null });
  });

  /** Runs the viewer-request function; its own response goes back to the viewer, else its request to Varnish. */
  async function runViewerFunction(request, response, { target, time, started }) {
    const outcome = await viewerFunction.run({ method: request.method ?? 'GET', target, headers: request.headers });
    if (!outcome.response) return passToVarnish(request, response, { target: outcome.request.target, time, started, functionMs: outcome.durationMs });
    response.writeHead(outcome.response.statusCode, { ...eventHeaders(outcome.response.headers), 'x-cache': 'FunctionGeneratedResponse from varnish front' });
    response.end();
    const [requestPath, ...query] = target.split('?');
    log.push({
      time, method: request.method ?? 'GET', path: requestPath, query: query.join('?'), status: outcome.response.statusCode, cache: 'Function', originRequest: false,
      age: null, durationMs: Math.round(performance.now() - started), cookie: request.headers.cookie ?? null, functionMs: outcome.durationMs,
    });
  }

  /** Passes a viewer request (as the function left it, where one ran) through Varnish, and logs it as the viewer sent it. */
  function passToVarnish(request, response, { target, time, started, functionMs }) {
    const [requestPath, ...query] = (request.url ?? '/').split('?');
    pass(request, response, {
      port: varnishPort,
      path: target,
      onResponse(answer) {
        const hits = Number(answer.headers['x-cache-hits']);
        const status = answer.statusCode ?? 0;
        const originRequest = request.method !== 'OPTIONS' && hits === 0;
        const age = answer.headers.age === undefined ? null : Number(answer.headers.age);
        log.push({
          time, method: request.method ?? 'GET', path: requestPath, query: query.join('?'), status,
          cache: status >= 400 ? 'Error' : originRequest ? 'Miss' : 'Hit', originRequest, age,
          durationMs: Math.round(performance.now() - started), cookie: request.headers.cookie ?? null, functionMs,
        });
        if (log.length > maxLogEntries) log.splice(0, log.length - maxLogEntries);
      },
    });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(undefined); });
  });
  const address = /** @type {net.AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}`,
    log,
    async close() {
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
      server.closeAllConnections();
      agent.destroy();
      child.kill('SIGTERM');
      await Promise.all([closed, new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)))]);
      await rm(workDirectory, { recursive: true, force: true });
    },
  };
}

/** A header name as VCL takes it; anything but a token's characters is refused. @param {string} name */
function vclHeaderName(name) {
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new TypeError(`originCustomHeaders: ${JSON.stringify(name)} is not a header name VCL takes`);
  return name;
}

/** A header value inside a VCL string; quotes and line breaks are refused. @param {string} value */
function vclString(value) {
  if (/["\r\n]/.test(String(value))) throw new TypeError('originCustomHeaders: a value may not hold quotes or line breaks');
  return String(value);
}
