// The real origin emulator behind the edge emulator, started together by startEmulator().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator.mjs';

test('startEmulator: playlists, segments, 404 caching, static pages and control, all through the edge', async (t) => {
  const pages = await mkdtemp(join(tmpdir(), 'emulator-pages-'));
  await writeFile(join(pages, 'play.html'), '<!doctype html><title>play</title>');
  const emulator = await startEmulator({ streams: [{ id: 'e2e01', startIn: -30 }], staticDirectories: [pages] });
  t.after(async () => { await emulator.close(); await rm(pages, { recursive: true, force: true }); });
  const { edgeUrl, edge } = emulator;
  assert.match(edgeUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(emulator.originUrl, /^http:\/\/127\.0\.0\.1:\d+$/);

  // A playlist: max-age=0 from AMS, so never a cache hit.
  const playlist = await fetch(`${edgeUrl}/streams/e2e01.m3u8`);
  const text = await playlist.text();
  assert.equal(playlist.status, 200);
  assert.match(text, /^#EXTM3U/);
  assert.equal(playlist.headers.get('x-cache'), 'Miss from cloudfront');
  assert.equal(playlist.headers.get('access-control-expose-headers'), 'Age, X-Cache, Date');

  // A segment named in it: max-age=10, so the second request is a hit.
  const segment = text.split('\n').find((line) => line && !line.startsWith('#'));
  assert.ok(segment, 'playlist lists a segment');
  const segmentUrl = new URL(segment, `${edgeUrl}/streams/e2e01.m3u8`).href;
  const first = await fetch(segmentUrl);
  assert.equal(first.status, 200);
  assert.ok((await first.arrayBuffer()).byteLength > 0);
  const second = await fetch(segmentUrl);
  await second.arrayBuffer();
  assert.equal(second.headers.get('x-cache'), 'Hit from cloudfront');

  // A stream that does not exist: the origin's 404 is cached for the 3 s minimum.
  const missing = await fetch(`${edgeUrl}/streams/nobody.m3u8`);
  await missing.text();
  assert.equal(missing.status, 404);
  const again = await fetch(`${edgeUrl}/streams/nobody.m3u8`);
  await again.text();
  assert.equal(again.headers.get('x-cache'), 'Error from cloudfront');
  assert.equal(again.headers.get('age'), '0');
  assert.deepEqual(edge.log.filter((entry) => entry.path === '/streams/nobody.m3u8').map((entry) => entry.originRequest), [true, false]);

  // play.html comes from the app's static files, as CloudFront serves AMS's play.html.
  const page = await fetch(`${edgeUrl}/play.html?id=e2e01&playOrder=hls`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<title>play<\/title>/);

  // The control API through the edge, without the origin path.
  const put = await fetch(`${edgeUrl}/control/streams/e2e02`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ startIn: 60 }),
  });
  assert.equal(put.status, 200, await put.text());
  const controlLog = await fetch(`${edgeUrl}/control/log`);
  assert.equal(controlLog.status, 200);
  const originLog = await controlLog.json();
  // The origin saw the app path for viewer requests, and was asked for the 404 only once.
  assert.equal(originLog.filter((entry) => entry.path === '/live/streams/nobody.m3u8').length, 1);
  const waiting = await fetch(`${edgeUrl}/streams/e2e02.m3u8`);
  await waiting.text();
  assert.equal(waiting.status, 404);
});

test('startEmulator: closes the origin again when the edge cannot start', async () => {
  const first = await startEmulator();
  const port = Number(new URL(first.edgeUrl).port);
  try {
    await assert.rejects(startEmulator({ edgePort: port }), /EADDRINUSE/);
  } finally {
    await first.close();
  }
});

test('startEmulator: viewers blocking on the same LL-HLS part make one origin request', async (t) => {
  const emulator = await startEmulator({ streams: [{ id: 'll01', startIn: -30, llHls: 'apple' }] });
  t.after(() => emulator.close());
  const { edgeUrl } = emulator;
  const state = await (await fetch(`${edgeUrl}/control/streams/ll01`)).json();
  const path = '/streams/ll-hls/ll01/480/ll01__lowlatency.m3u8';
  // A part at least 0.6 s in the future, so the origin holds the request while all viewers arrive.
  const query = `_HLS_msn=${state.nextMediaSequence + 1}&_HLS_part=2`;
  const answers = await Promise.all(Array.from({ length: 6 }, async () => {
    const response = await fetch(`${edgeUrl}${path}?${query}`);
    return { status: response.status, text: await response.text() };
  }));
  for (const answer of answers) {
    assert.equal(answer.status, 200);
    assert.equal(answer.text, answers[0].text);
  }
  const originLog = await (await fetch(`${edgeUrl}/control/log`)).json();
  assert.equal(originLog.filter((entry) => entry.path === `/live${path}` && entry.query._HLS_msn !== undefined).length, 1);
  assert.deepEqual(emulator.edge.log.filter((entry) => entry.path === path).map((entry) => entry.cache).sort(),
    ['Collapsed', 'Collapsed', 'Collapsed', 'Collapsed', 'Collapsed', 'Miss']);
});

test('startEmulator with a secured stream secret: a second edge runs the token check, and mints play tokens for the demo', async (t) => {
  const pages = await mkdtemp(join(tmpdir(), 'emulator-pages-'));
  await writeFile(join(pages, 'secured.html'), '<!doctype html><title>secured</title>');
  const emulator = await startEmulator({ streams: [{ id: 'secure01', startIn: -30 }], staticDirectories: [pages], securedStreamSecret: 'a-local-secret-of-at-least-32-bytes!' });
  t.after(async () => { await emulator.close(); await rm(pages, { recursive: true, force: true }); });
  const secured = emulator.securedEdge.url;
  const mint = (streamId) => fetch(`${secured}/__edge/play-token?streamId=${streamId}`, { method: 'POST' }).then((response) => response.json());
  const { token } = await mint('secure01');
  assert.equal((await fetch(`${secured}/streams/secure01.m3u8?token=${token}`)).status, 200);
  assert.equal((await fetch(`${secured}/streams/secure01.m3u8`)).status, 403, 'no token');
  assert.equal((await fetch(`${secured}/streams/secure01.m3u8?token=${(await mint('stream01')).token}`)).status, 403, 'another stream\'s token');
  // The demo page passes the default behavior's guard without a token.
  assert.equal((await fetch(`${secured}/secured.html`)).status, 200);
  // The first edge checks nothing and mints nothing.
  assert.equal((await fetch(`${emulator.edgeUrl}/streams/secure01.m3u8`)).status, 200);
  assert.equal((await fetch(`${emulator.edgeUrl}/__edge/play-token?streamId=secure01`, { method: 'POST' })).status, 404);
});
