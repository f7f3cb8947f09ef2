// Varnish as the edge (dev/varnish.mjs, dev/varnish/edge.vcl): the recipe's CloudFront settings
// on a real cache. Fails, saying how to install it, when varnishd is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOrigin } from '../origin.mjs';
import { startVarnishEdge, varnishInstalled, varnishMissing } from '../varnish.mjs';

async function setup(t) {
  assert.ok(varnishInstalled(), varnishMissing);
  const origin = await startOrigin({ streams: [{ id: 'live01', startIn: -20 }, { id: 'soon01', startIn: 30 }] });
  const edge = await startVarnishEdge({ originUrl: origin.url, errorTtl: 1 });
  t.after(async () => { await edge.close(); await origin.close(); });
  const get = async (path) => {
    const response = await fetch(`${edge.url}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const originRequests = (path) => origin.log.filter((entry) => entry.path === `/live${path}`).length;
  return { get, originRequests, edge };
}

test('a 404 is cached for the error TTL, with Age, then asked again', async (t) => {
  const { get, originRequests } = await setup(t);
  assert.equal((await get('/streams/soon01.m3u8')).status, 404);
  const cached = await get('/streams/soon01.m3u8');
  assert.equal(cached.status, 404);
  assert.ok(cached.headers.get('age') !== null, 'Age on the cached 404');
  assert.equal(originRequests('/streams/soon01.m3u8'), 1);
  await new Promise((resolve) => setTimeout(resolve, 1300));
  await get('/streams/soon01.m3u8');
  assert.equal(originRequests('/streams/soon01.m3u8'), 2, 'asked again once the TTL is over');
});

test('segments are cached by their max-age, AMS playlists (max-age=0) are not; CORS and the log as the edge emulator gives them', async (t) => {
  const { get, originRequests, edge } = await setup(t);
  const playlist = await get('/streams/live01.m3u8?token=t1');
  assert.equal(playlist.status, 200);
  assert.equal(playlist.headers.get('access-control-allow-origin'), '*');
  assert.match(playlist.headers.get('access-control-expose-headers') ?? '', /Age/);
  await get('/streams/live01.m3u8?token=t1');
  assert.equal(originRequests('/streams/live01.m3u8'), 2);
  const segment = playlist.text.split('\n').find((line) => line.endsWith('.ts'));
  await get(`/streams/${segment}`);
  await get(`/streams/${segment}`);
  assert.equal(originRequests(`/streams/${segment}`), 1);
  assert.deepEqual(edge.log.map((entry) => [entry.path, entry.status, entry.originRequest]), [
    ['/streams/live01.m3u8', 200, true], ['/streams/live01.m3u8', 200, true], [`/streams/${segment}`, 200, true], [`/streams/${segment}`, 200, false],
  ]);
});
