// The edge over HTTP, in front of a scripted stub origin, with a hand-driven clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startEdge } from '../edge.mjs';

/** A stub origin whose answers each test scripts; it records every request it gets. */
async function startStubOrigin() {
  /** @type {{ method: string, url: string, headers: http.IncomingHttpHeaders, body: string }[]} */
  const requests = [];
  /** @type {(request: http.IncomingMessage, response: http.ServerResponse) => void} */
  let handler = (request, response) => { response.writeHead(404); response.end('not found'); };
  const server = http.createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    handler(request, response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  return {
    url: `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`,
    requests,
    /** @param {typeof handler} next */
    answer(next) { handler = next; },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** Stub origin + edge with a clock the test moves by hand. */
async function setup(t, edgeOptions = {}) {
  const clock = { time: 1_700_000_000_000, now: () => clock.time, advance(ms) { clock.time += ms; } };
  const origin = await startStubOrigin();
  const edge = await startEdge({ originUrl: origin.url, now: clock.now, ...edgeOptions });
  t.after(async () => { await edge.close(); await origin.close(); });
  /** fetch through the edge, body read so the connection is free again */
  const get = async (path, init) => {
    const response = await fetch(edge.url + path, init);
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  return { clock, origin, edge, get };
}

const ok = (cacheControl, body = 'ok') => (request, response) => {
  response.writeHead(200, { 'cache-control': cacheControl, 'content-type': 'text/plain' });
  response.end(`${body} ${request.url}`);
};

test('origin path: every edge path is asked of the origin under /live, query and method kept', async (t) => {
  const { origin, get, edge } = await setup(t);
  origin.answer(ok('max-age=0'));
  const playlist = await get('/streams/x.m3u8?token=abc&subscriberId=s1');
  assert.equal(playlist.body, 'ok /live/streams/x.m3u8?token=abc&subscriberId=s1');
  await get('/play.html?id=stream01&playOrder=ll-hls');
  const head = await fetch(`${edge.url}/streams/y.m3u8`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.deepEqual(origin.requests.map((request) => `${request.method} ${request.url}`), [
    'GET /live/streams/x.m3u8?token=abc&subscriberId=s1',
    'GET /live/play.html?id=stream01&playOrder=ll-hls',
    'HEAD /live/streams/y.m3u8',
  ]);
});

test('a 404 stays cached for the Error Caching Minimum TTL, then the origin is asked again', async (t) => {
  const { clock, origin, get } = await setup(t);
  origin.answer((request, response) => { response.writeHead(404, { 'cache-control': 'max-age=0' }); response.end('nope'); });
  const first = await get('/streams/s.m3u8');
  assert.equal(first.status, 404);
  assert.equal(first.headers.get('x-cache'), 'Error from cloudfront');
  assert.equal(first.headers.get('age'), null);
  for (const [elapsed, age] of [[0, '0'], [1000, '1'], [2999, '2']]) {
    clock.time = 1_700_000_000_000 + elapsed;
    const cached = await get('/streams/s.m3u8');
    assert.equal(cached.status, 404);
    assert.equal(cached.body, 'nope');
    assert.equal(cached.headers.get('age'), age, `Age at ${elapsed} ms`);
    assert.equal(cached.headers.get('x-cache'), 'Error from cloudfront');
  }
  assert.equal(origin.requests.length, 1);
  clock.time = 1_700_000_000_000 + 3000;
  origin.answer(ok('max-age=0', 'live'));
  const live = await get('/streams/s.m3u8');
  assert.equal(live.status, 200);
  assert.equal(live.headers.get('x-cache'), 'Miss from cloudfront');
  assert.equal(origin.requests.length, 2);
});

test('a 404 with a larger origin max-age is cached for that max-age', async (t) => {
  const { clock, origin, get } = await setup(t);
  origin.answer((request, response) => { response.writeHead(404, { 'cache-control': 'max-age=10' }); response.end(); });
  await get('/a.m3u8');
  clock.advance(9999);
  assert.equal((await get('/a.m3u8')).headers.get('age'), '9');
  assert.equal(origin.requests.length, 1);
  clock.advance(1);
  await get('/a.m3u8');
  assert.equal(origin.requests.length, 2);
});

test('200s are cached by Cache-Control; max-age=0, no-cache, no-store and private are not', async (t) => {
  const { clock, origin, get } = await setup(t);
  origin.answer((request, response) => {
    const cacheControl = new URLSearchParams(request.url?.split('?')[1]).get('cc') ?? '';
    ok(cacheControl)(request, response);
  });
  const segment = '/streams/s000000001.ts?cc=max-age%3D10';
  assert.equal((await get(segment)).headers.get('x-cache'), 'Miss from cloudfront');
  clock.advance(4500);
  const hit = await get(segment);
  assert.equal(hit.headers.get('x-cache'), 'Hit from cloudfront');
  assert.equal(hit.headers.get('age'), '4');
  assert.equal(hit.body, 'ok /live/streams/s000000001.ts?cc=max-age%3D10');
  assert.equal(origin.requests.length, 1);
  for (const cacheControl of ['max-age=0', 'no-cache', 'no-store', 'private, max-age=60']) {
    const path = `/p.m3u8?cc=${encodeURIComponent(cacheControl)}`;
    const before = origin.requests.length;
    assert.equal((await get(path)).headers.get('x-cache'), 'Miss from cloudfront');
    assert.equal((await get(path)).headers.get('x-cache'), 'Miss from cloudfront', cacheControl);
    assert.equal(origin.requests.length, before + 2, cacheControl);
  }
});

test('the full query string is in the cache key (_HLS_msn, _HLS_part, token)', async (t) => {
  const { origin, get } = await setup(t);
  origin.answer(ok('max-age=5'));
  await get('/ll.m3u8?_HLS_msn=5&_HLS_part=1');
  await get('/ll.m3u8?_HLS_msn=5&_HLS_part=2');
  await get('/ll.m3u8?_HLS_msn=5&_HLS_part=1');
  await get('/ll.m3u8?_HLS_msn=5&_HLS_part=1&token=t');
  assert.equal(origin.requests.length, 3);
  assert.equal((await get('/ll.m3u8?_HLS_msn=5&_HLS_part=2')).body, 'ok /live/ll.m3u8?_HLS_msn=5&_HLS_part=2');
});

test('concurrent misses for one key make one origin request (blocking reload, max-age=0)', async (t) => {
  const { origin, get, edge } = await setup(t);
  origin.answer((request, response) => {
    // Hold the playlist like an LL-HLS blocking reload, long enough for every viewer to arrive.
    setTimeout(() => ok('max-age=0', 'held')(request, response), 300);
  });
  const path = '/ll.m3u8?_HLS_msn=9&_HLS_part=0';
  const answers = await Promise.all(Array.from({ length: 5 }, () => get(path)));
  assert.equal(origin.requests.length, 1);
  for (const answer of answers) assert.equal(answer.body, `held /live${path}`);
  const kinds = edge.log.map((entry) => entry.cache).sort();
  assert.deepEqual(kinds, ['Collapsed', 'Collapsed', 'Collapsed', 'Collapsed', 'Miss']);
  assert.equal(edge.log.filter((entry) => entry.originRequest).length, 1);
  // max-age=0: once that response is done, the next viewer goes to the origin again.
  await get(path);
  assert.equal(origin.requests.length, 2);
});

test('the first viewer gets the body streamed before the origin finishes it', async (t) => {
  const { origin, edge } = await setup(t);
  /** @type {() => void} */
  let finish = () => {};
  origin.answer((request, response) => {
    response.writeHead(200, { 'cache-control': 'max-age=10' });
    response.write('first-');
    finish = () => response.end('rest');
  });
  const response = await fetch(`${edge.url}/big.ts`);
  const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
  const firstChunk = await reader.read();
  assert.equal(Buffer.from(/** @type {Uint8Array} */ (firstChunk.value)).toString(), 'first-');
  finish();
  let rest = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += Buffer.from(chunk.value).toString();
  assert.equal(rest, 'rest');
  const cached = await fetch(`${edge.url}/big.ts`);
  assert.equal(await cached.text(), 'first-rest');
  assert.equal(cached.headers.get('content-length'), '10');
});

test('5xx is not cached by default, and is cached when configured', async (t) => {
  const { origin, get, edge } = await setup(t);
  origin.answer((request, response) => { response.writeHead(503, { 'cache-control': 'max-age=60' }); response.end(); });
  assert.equal((await get('/x.m3u8')).headers.get('x-cache'), 'Error from cloudfront');
  await get('/x.m3u8');
  assert.equal(origin.requests.length, 2);
  edge.setErrorCachingMinTtl({ 503: 1 });
  await get('/x.m3u8');
  await get('/x.m3u8');
  assert.equal(origin.requests.length, 3);
});

test('an unreachable origin gives 502, not cached; a silent one gives 504', async (t) => {
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', () => resolve(undefined)));
  const deadUrl = `http://127.0.0.1:${/** @type {any} */ (closed.address()).port}`;
  await new Promise((resolve) => closed.close(() => resolve(undefined)));
  const edge = await startEdge({ originUrl: deadUrl });
  t.after(() => edge.close());
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await fetch(`${edge.url}/streams/x.m3u8`);
    await response.text();
    assert.equal(response.status, 502);
    assert.equal(response.headers.get('x-cache'), 'Error from cloudfront');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  }
  assert.deepEqual(edge.log.map((entry) => entry.originRequest), [true, true]);

  const { origin, get } = await setup(t, { originTimeoutMs: 100 });
  origin.answer(() => {}); // never answers
  assert.equal((await get('/slow.m3u8')).status, 504);
});

test('a kept-alive connection the origin drops as it is reused is tried again, body and all, as CloudFront retries connections', async (t) => {
  const { origin, get } = await setup(t);
  let answered = 0;
  origin.answer((request, response) => {
    answered += 1;
    // The second request arrives on the socket the first one left open: drop it unanswered.
    if (answered === 2) return void request.socket.destroy();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  assert.equal((await get('/control/streams/a', { method: 'PUT', body: '{"kind":"hls"}' })).status, 200);
  const retried = await get('/control/streams/b', { method: 'PUT', body: '{"kind":"ll-hls"}' });
  assert.equal(retried.status, 200);
  assert.deepEqual(origin.requests.map((request) => `${request.url} ${request.body}`), [
    '/control/streams/a {"kind":"hls"}',
    '/control/streams/b {"kind":"ll-hls"}',
    '/control/streams/b {"kind":"ll-hls"}',
  ]);
});

test('CORS: every answer allows any origin and exposes Age, X-Cache, Date; OPTIONS is answered', async (t) => {
  const { origin, get, edge } = await setup(t);
  origin.answer((request, response) => {
    response.writeHead(request.url?.includes('missing') ? 404 : 200, { 'access-control-allow-origin': 'https://elsewhere', 'cache-control': 'max-age=5' });
    response.end();
  });
  for (const path of ['/ok.ts', '/ok.ts', '/missing.m3u8', '/missing.m3u8', '/__edge/log']) {
    const { headers } = await get(path);
    assert.equal(headers.get('access-control-allow-origin'), '*', path);
    assert.equal(headers.get('access-control-expose-headers'), 'Age, X-Cache, Date', path);
  }
  const preflight = await fetch(`${edge.url}/control/streams/x`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:9000', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PUT/);
  assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type');
  assert.equal(origin.requests.filter((request) => request.method === 'OPTIONS').length, 0);
});

test('the log and the /__edge/ routes (log, since, clear, cache clear, config) are not forwarded', async (t) => {
  const { clock, origin, get, edge } = await setup(t);
  origin.answer(ok('max-age=60'));
  await get('/a.ts?x=1');
  clock.advance(2000);
  await get('/a.ts?x=1');
  const log = JSON.parse((await get('/__edge/log')).body);
  assert.equal(log.length, 2);
  assert.deepEqual({ ...log[1], durationMs: 0 }, {
    time: 1_700_000_002_000, method: 'GET', path: '/a.ts', query: 'x=1', status: 200,
    cache: 'Hit', originRequest: false, age: 2, durationMs: 0, cookie: null, functionMs: null,
  });
  assert.equal(typeof log[0].durationMs, 'number');
  assert.equal(JSON.parse((await get('/__edge/log?since=1700000001000')).body).length, 1);

  assert.equal((await get('/__edge/cache/clear', { method: 'POST' })).status, 204);
  assert.equal((await get('/a.ts?x=1')).headers.get('x-cache'), 'Miss from cloudfront');
  assert.equal((await get('/__edge/log', { method: 'DELETE' })).status, 204);
  assert.equal(edge.log.length, 0);

  const config = await get('/__edge/config', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorCachingMinTtl: { 404: 1 } }),
  });
  assert.deepEqual(JSON.parse(config.body).errorCachingMinTtl, { 404: 1 });
  assert.equal((await get('/__edge/config', { method: 'POST', body: '{"errorCachingMinTtl":{"x":1}}' })).status, 400);
  origin.answer((request, response) => { response.writeHead(404); response.end(); });
  await get('/gone.m3u8');
  clock.advance(1000);
  await get('/gone.m3u8');
  assert.equal(origin.requests.filter((request) => request.url === '/live/gone.m3u8').length, 2);
  assert.equal(origin.requests.filter((request) => request.url.includes('__edge')).length, 0);
  edge.clearLog();
  assert.equal(edge.log.length, 0);
});

test('/control/ goes to the origin without the origin path and without caching', async (t) => {
  const { origin, get } = await setup(t);
  origin.answer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
    response.end('{"ok":true}');
  });
  const body = JSON.stringify({ startIn: 5 });
  const put = await get('/control/streams/later01', { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
  assert.equal(put.body, '{"ok":true}');
  await get('/control/log');
  await get('/control/log');
  assert.deepEqual(origin.requests.map((request) => `${request.method} ${request.url}`), [
    'PUT /control/streams/later01', 'GET /control/log', 'GET /control/log',
  ]);
  assert.equal(origin.requests[0].body, body);
  assert.equal(origin.requests[0].headers['content-type'], 'application/json');
});

test('other methods on cached paths are refused like a GET/HEAD-only distribution', async (t) => {
  const { origin, get } = await setup(t);
  assert.equal((await get('/streams/x.m3u8', { method: 'POST', body: 'x' })).status, 403);
  assert.equal(origin.requests.length, 0);
});

test('GET and HEAD are cached under separate keys', async (t) => {
  const { origin, edge } = await setup(t);
  origin.answer((request, response) => { response.writeHead(404, { 'content-length': '9' }); response.end(request.method === 'HEAD' ? undefined : 'not found'); });
  for (const method of ['HEAD', 'HEAD', 'GET', 'GET']) await (await fetch(`${edge.url}/x.m3u8`, { method })).text();
  assert.deepEqual(origin.requests.map((request) => request.method), ['HEAD', 'GET']);
});

test('credentialed CORS on demand: the viewer\'s origin echoed with Allow-Credentials, instead of "*"', async (t) => {
  const { origin, edge } = await setup(t);
  origin.answer(ok('max-age=5'));
  const withOrigin = { headers: { origin: 'http://localhost:8000' } };
  assert.equal((await fetch(`${edge.url}/a.m3u8`, withOrigin)).headers.get('access-control-allow-origin'), '*');
  await fetch(`${edge.url}/__edge/config`, { method: 'POST', body: JSON.stringify({ credentialedCors: true }) });
  const answer = await fetch(`${edge.url}/a.m3u8`, withOrigin);
  assert.equal(answer.headers.get('access-control-allow-origin'), 'http://localhost:8000');
  assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
  assert.match(answer.headers.get('vary') ?? '', /Origin/);
  const preflight = await fetch(`${edge.url}/a.m3u8`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8000', 'access-control-request-method': 'GET' } });
  assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
});

test('a stream that needs a cookie: 403 at the edge without it (the origin is not asked), through with it; the log shows the cookie', async (t) => {
  const { origin, edge, get } = await setup(t);
  origin.answer(ok('max-age=0'));
  await fetch(`${edge.url}/__edge/config`, { method: 'POST', body: JSON.stringify({ requiredCookies: { cam1: 'grant=abc' } }) });
  assert.equal((await get('/streams/cam1.m3u8')).status, 403);
  assert.equal((await get('/streams/cam1.m3u8', { headers: { cookie: 'grant=wrong' } })).status, 403);
  assert.equal(origin.requests.length, 0);
  assert.equal((await get('/streams/cam1.m3u8', { headers: { cookie: 'other=1; grant=abc' } })).status, 200);
  assert.equal((await get('/streams/cam2.m3u8')).status, 200, 'other streams need none');
  assert.deepEqual(edge.log.map(({ status, cookie }) => [status, cookie]), [[403, null], [403, 'grant=wrong'], [200, 'other=1; grant=abc'], [200, null]]);
  const cookie = await fetch(`${edge.url}/__edge/cookie?cookie=grant%3Dabc`, { method: 'POST' });
  assert.equal(cookie.headers.get('set-cookie'), 'grant=abc; Path=/; SameSite=Lax');
  assert.equal((await fetch(`${edge.url}/__edge/cookie?cookie=a%3Bb`, { method: 'POST' })).status, 400);
});

test('Range requests are answered from the whole cached object (206, Content-Range), as CloudFront does', async (t) => {
  const { origin, edge } = await setup(t);
  origin.answer((request, response) => {
    response.writeHead(200, { 'cache-control': 'max-age=60', 'content-type': 'video/mp4' });
    response.end('0123456789');
  });
  const part = await fetch(`${edge.url}/r.mp4`, { headers: { range: 'bytes=2-5' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), 'bytes 2-5/10');
  assert.equal(await part.text(), '2345');
  const tail = await fetch(`${edge.url}/r.mp4`, { headers: { range: 'bytes=-3' } });
  assert.equal(await tail.text(), '789');
  const open = await fetch(`${edge.url}/r.mp4`, { headers: { range: 'bytes=7-' } });
  assert.equal(await open.text(), '789');
  assert.equal((await fetch(`${edge.url}/r.mp4`, { headers: { range: 'bytes=20-' } })).status, 416);
  const whole = await fetch(`${edge.url}/r.mp4`);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  assert.equal(origin.requests.length, 1, 'one origin request; every range from the cache');
});
