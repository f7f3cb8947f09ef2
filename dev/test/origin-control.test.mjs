// The origin's HTTP control API, faults on demand, request log and static file serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrigin } from '../origin.mjs';

const startTime = Date.parse('2030-01-01T00:00:00.000Z');

async function withOrigin(options, run) {
  const clock = { time: startTime };
  const origin = await startOrigin({ ...options, now: () => clock.time });
  const call = async (method, path, body) => {
    const response = await fetch(`${origin.url}${path}`, {
      method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  };
  const status = async (path) => (await fetch(`${origin.url}/live/streams/${path}`)).status;
  try {
    await run({ origin, call, status, advance: (seconds) => { clock.time += Math.round(seconds * 1000); } });
  } finally {
    await origin.close();
  }
}

/** GET with the path sent byte for byte (fetch would normalize "..") */
function rawGet(url, path) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    httpRequest({ hostname, port, path, method: 'GET' }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    }).on('error', reject).end();
  });
}

test('control API over HTTP: create, inspect, stop, start, delete, with CORS', async () => {
  await withOrigin({}, async ({ call, status, advance }) => {
    let response = await call('PUT', '/control/streams/web1', { startIn: 2, adaptive: true, llHls: 'apple' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.json.phase, 'scheduled');
    assert.deepEqual(response.json.definition, { id: 'web1', startIn: 2, stopAfter: null, adaptive: true, llHls: 'apple', goneAfter: 30, llSegmentSeconds: 2, hlsSegmentSeconds: 2, hlsContainer: 'ts', llPartMs: 200, blockingReload: true, directory: null, mediaBaseUrl: null, publishJitterMs: 0, timedMetadata: false, recording: false, subtitles: false, closedCaptions: false, audioRenditions: false, listSize: 15 });
    assert.equal(response.json.urls.adaptive, '/live/streams/web1_adaptive.m3u8');
    assert.equal(response.json.urls.llHls, '/live/streams/ll-hls/web1/web1__master.m3u8');
    assert.equal(response.json.nextStartAt, new Date(startTime + 2000).toISOString());
    assert.equal(await status('web1.m3u8'), 404);
    advance(7);
    response = await call('GET', '/control/streams/web1');
    assert.equal(response.json.live, true);
    assert.equal(response.json.startedAt, new Date(startTime + 2000).toISOString());
    assert.equal(response.json.elapsedSeconds, 5);
    assert.equal(response.json.lastMediaSequence, 1);
    assert.equal(response.json.nextMediaSequence, 2);
    assert.equal(await status('web1.m3u8'), 200);
    assert.equal((await call('GET', '/control/streams')).json.length, 1);

    response = await call('POST', '/control/streams/web1/stop', { goneAfter: 5 });
    assert.equal(response.json.phase, 'ended');
    assert.equal(response.json.goneAt, new Date(startTime + 12000).toISOString());
    advance(5);
    assert.equal(await status('web1.m3u8'), 404);
    response = await call('POST', '/control/streams/web1/start', {});
    assert.equal(response.json.phase, 'live');
    advance(2);
    assert.equal(await status('web1.m3u8'), 200);
    assert.equal((await call('DELETE', '/control/streams/web1')).status, 200);
    assert.equal(await status('web1.m3u8'), 404);
    assert.equal((await call('GET', '/control/streams/web1')).status, 404);
    assert.equal((await call('DELETE', '/control/streams/web1')).status, 404);
    assert.equal((await call('PUT', '/control/streams/bad', { llHls: 'other' })).status, 400);
    assert.equal((await call('PUT', '/control/streams/x', { startIn: 'soon' })).status, 400);
    assert.equal((await call('PUT', '/control/streams/x', { goneAfter: -1 })).status, 400);
    assert.equal((await call('PUT', '/control/streams/x', { llSegmentSeconds: 1.5 })).status, 400);
    // A negative startIn means live since that long ago: a full window at once.
    assert.equal((await call('PUT', '/control/streams/x', { startIn: -40 })).json.lastMediaSequence, 19);
    assert.equal((await call('PUT', '/control/streams/bad id', {})).status, 400);
    assert.equal((await call('GET', '/control/nothing')).status, 404);
  });
});

test('control API: CORS preflight for JSON requests from another origin', async () => {
  await withOrigin({}, async ({ origin }) => {
    const response = await fetch(`${origin.url}/control/streams/a`, {
      method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:9', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods'), /PUT/);
    assert.match(response.headers.get('access-control-allow-methods'), /DELETE/);
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
  });
});

test('status fault: 503 for one kind of resource for N seconds, per stream or for all', async () => {
  await withOrigin({ streams: [{ id: 'one' }, { id: 'two' }] }, async ({ call, status, advance }) => {
    advance(4);
    const added = await call('POST', '/control/faults', { id: 'one', kind: 'status', status: 503, resource: 'playlist', seconds: 3 });
    assert.equal(added.status, 200);
    assert.equal(typeof added.json.faultId, 'number');
    assert.equal(await status('one.m3u8'), 503);
    assert.equal(await status('ll-hls/one/one__master.m3u8'), 503);
    assert.equal(await status('one000000000.ts'), 200, 'segments unaffected');
    assert.equal(await status('two.m3u8'), 200, 'other streams unaffected');
    advance(3);
    assert.equal(await status('one.m3u8'), 200, 'fault expired');
    await call('POST', '/control/faults', { kind: 'status', status: 500 });
    assert.equal(await status('one000000000.ts'), 500);
    assert.equal(await status('two.m3u8'), 500);
    assert.equal(await status('unknown.m3u8'), 500, 'every stream URL');
    assert.equal((await call('GET', '/control/faults')).json.length, 2);
    await call('DELETE', '/control/faults');
    assert.equal(await status('two.m3u8'), 200);
    assert.equal((await call('POST', '/control/faults', { kind: 'nope' })).status, 400);
    const removable = await call('POST', '/control/faults', { kind: 'status', resource: 'segment' });
    assert.equal(await status('two000000000.ts'), 503);
    await call('DELETE', `/control/faults/${removable.json.faultId}`);
    assert.equal(await status('two000000000.ts'), 200);
  });
});

test('slow fault: delays responses by delayMs while active', async () => {
  await withOrigin({ streams: [{ id: 'slowpoke' }] }, async ({ origin, call, advance }) => {
    advance(4);
    await call('POST', '/control/faults', { id: 'slowpoke', kind: 'slow', delayMs: 300, seconds: 10 });
    let started = Date.now();
    assert.equal((await fetch(`${origin.url}/live/streams/slowpoke.m3u8`)).status, 200);
    assert.ok(Date.now() - started >= 290, 'delayed');
    assert.ok(origin.log.at(-1).durationMs >= 290, 'log shows the delay');
    advance(10);
    started = Date.now();
    await fetch(`${origin.url}/live/streams/slowpoke.m3u8`);
    assert.ok(Date.now() - started < 250, 'fault expired');
  });
});

test('missing fault: one segment or one part 404s while listed; "next" resolves to what is produced next', async () => {
  await withOrigin({ streams: [{ id: 'gap' }, { id: 'gapll', llHls: 'apple' }] }, async ({ call, status, advance, origin }) => {
    advance(4.5);
    let added = await call('POST', '/control/faults', { id: 'gap', kind: 'missing', mediaSequence: 'next' });
    assert.equal(added.json.fault.mediaSequence, 2);
    assert.equal(added.json.fault.part, null);
    advance(2);
    assert.equal(await status('gap000000001.ts'), 200);
    assert.equal(await status('gap000000002.ts'), 404, 'the next segment is missing');
    assert.equal(await status('ll-hls/gap/480/gap000000002.ts'), 404, 'in LL-HLS too');
    assert.equal(await status('ll-hls/gap/480/gap000000002.0.ts'), 200, 'its parts are not');
    assert.ok((await (await fetch(`${origin.url}/live/streams/gap.m3u8`)).text()).includes('gap000000002.ts'), 'still listed');
    advance(2);
    assert.equal(await status('gap000000003.ts'), 200);

    added = await call('POST', '/control/faults', { id: 'gapll', kind: 'missing', part: 'next' });
    assert.deepEqual([added.json.fault.mediaSequence, added.json.fault.part], [4, 2]); // 8.5 s: parts 4.0, 4.1 exist
    advance(1);
    assert.equal(await status('ll-hls/gapll/480/gapll000000004.1.m4s'), 200);
    assert.equal(await status('ll-hls/gapll/480/gapll000000004.2.m4s'), 404);
    assert.equal(await status('ll-hls/gapll/480/gapll000000004.3.m4s'), 200);
    await call('POST', '/control/faults', { id: 'gapll', kind: 'missing', mediaSequence: 1, part: 0 });
    assert.equal(await status('ll-hls/gapll/480/gapll000000001.0.m4s'), 404);
    assert.equal(await status('ll-hls/gapll/480/gapll000000001.m4s'), 200);
    assert.equal((await call('POST', '/control/faults', { kind: 'missing', mediaSequence: 'next' })).status, 400, "'next' needs an id");
    // Functions offer the same operations
    const direct = origin.control.addFault({ kind: 'missing', mediaSequence: 0 });
    assert.equal(await status('gap000000000.ts'), 404);
    origin.control.removeFault(direct.faultId);
    assert.equal(await status('gap000000000.ts'), 200);
  });
});

test('request log over HTTP: records stream and static requests, not control calls; DELETE clears it', async () => {
  await withOrigin({ streams: [{ id: 'logged' }] }, async ({ call, advance, origin }) => {
    advance(2);
    await fetch(`${origin.url}/live/streams/logged.m3u8?token=abc`);
    await fetch(`${origin.url}/live/streams/missing.m3u8`);
    let log = (await call('GET', '/control/log')).json;
    assert.deepEqual(log.map((entry) => [entry.method, entry.path, entry.status]), [
      ['GET', '/live/streams/logged.m3u8', 200], ['GET', '/live/streams/missing.m3u8', 404],
    ]);
    assert.deepEqual(log[0].query, { token: 'abc' });
    assert.equal(log[0].time, startTime + 2000);
    await call('DELETE', '/control/log');
    log = (await call('GET', '/control/log')).json;
    assert.deepEqual(log, []);
    assert.equal(origin.log.length, 0);
  });
});

test('static files under /{app}/ from the first directory that has them, with a traversal guard', async () => {
  const root = mkdtempSync(join(tmpdir(), 'origin-static-'));
  const first = join(root, 'first');
  const second = join(root, 'second');
  mkdirSync(join(first, 'js'), { recursive: true });
  mkdirSync(second);
  writeFileSync(join(first, 'play.html'), '<p>first</p>');
  writeFileSync(join(second, 'play.html'), '<p>second</p>');
  writeFileSync(join(second, 'index.html'), '<p>index</p>');
  writeFileSync(join(first, 'js', 'player.js'), 'export {};');
  writeFileSync(join(first, 'js', 'player.js.map'), '{}');
  writeFileSync(join(first, 'style.css'), 'p{}');
  writeFileSync(join(second, 'data.json'), '{}');
  writeFileSync(join(second, 'strict.html'), '<p>strict</p>');
  writeFileSync(join(second, 'strict.html.headers.json'), JSON.stringify({ 'Content-Security-Policy': "script-src 'self'" }));
  writeFileSync(join(root, 'secret.txt'), 'secret');
  try {
    await withOrigin({ staticDirectories: [first, second] }, async ({ origin }) => {
      const get = (path) => fetch(`${origin.url}${path}`);
      let response = await get('/live/play.html?id=x&playOrder=hls');
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '<p>first</p>');
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal((await get('/live/js/player.js')).headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal((await get('/live/js/player.js.map')).headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal((await get('/live/style.css')).headers.get('content-type'), 'text/css; charset=utf-8');
      assert.equal((await get('/live/data.json')).headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(await (await get('/live/')).text(), '<p>index</p>');
      assert.equal((await get('/live/strict.html')).headers.get('content-security-policy'), "script-src 'self'", 'sidecar headers');
      assert.equal((await get('/live/play.html')).headers.get('content-security-policy'), null);
      response = await fetch(`${origin.url}/live/play.html`, { method: 'HEAD' });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-length'), '12');
      assert.equal((await get('/live/nothing.html')).status, 404);
      assert.equal((await get('/other/play.html')).status, 404, 'only under the app');
      assert.equal((await get('/live/js')).status, 404, 'directories are not files');
      for (const path of ['/live/../secret.txt', '/live/%2e%2e/secret.txt', '/live/js/..%2f..%2fsecret.txt', '/live/%2e%2e%5csecret.txt', `/live/${encodeURIComponent(join(root, 'secret.txt'))}`, '/live/play.html%00.js', '/live/%E0%A4%A']) {
        // As Tomcat: 400 for what it refuses to read (an encoded "/", a "\\", a NUL, ".." above the root), else not found.
        const status = await rawGet(origin.url, path);
        assert.ok(status === 400 || status === 404, `${path}: ${status}`);
      }
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('startOrigin: listens on 127.0.0.1 and reports its URL and app', async () => {
  const origin = await startOrigin({ app: 'WebRTCAppEE', streams: [{ id: 's' }], now: () => startTime + 5000 });
  try {
    assert.match(origin.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(origin.app, 'WebRTCAppEE');
    assert.equal((await fetch(`${origin.url}/live/streams/s.m3u8`)).status, 404);
    assert.equal(origin.control.getStream('s').phase, 'live');
  } finally {
    await origin.close();
  }
});
