// A secured stream at scale: the edge runs the shipped token check, the origin trusts only the edge.
// Many viewers with their own tokens cost the origin one request per object; without the function,
// with tokens in the cache key, they cost it one each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEdge } from '../edge.mjs';
import { startOrigin } from '../origin.mjs';
import { signStreamToken } from '../stream-token.mjs';

const secret = 'secured-stream-test-secret-32-chars!';
const originSecret = { name: 'X-Origin-Verify', value: 'only-the-edge-knows-this' };

async function setup(t, { edgeFunction }) {
  const origin = await startOrigin({ streams: [{ id: 'secure01', startIn: -20 }], trustedHeader: originSecret });
  const edge = await startEdge({
    originUrl: origin.url,
    originCustomHeaders: { [originSecret.name]: originSecret.value },
    viewerRequest: edgeFunction ? { keyValueStore: { 'ams-jwt-stream-secret': secret } } : undefined,
  });
  t.after(async () => { await edge.close(); await origin.close(); });
  const get = async (url) => {
    const response = await fetch(url);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  };
  return { origin, edge, get };
}

const viewerTokens = (count) => Array.from({ length: count }, (_, viewer) => signStreamToken({ secret, streamId: 'secure01', extraClaims: { viewer } }));

test('20 viewers with their own tokens: one origin request per segment, and no token reaches the origin', async (t) => {
  const { origin, edge, get } = await setup(t, { edgeFunction: true });
  const tokens = viewerTokens(20);
  const playlists = await Promise.all(tokens.map((token) => get(`${edge.url}/streams/secure01.m3u8?token=${token}`)));
  assert.deepEqual(playlists.map((response) => response.status), tokens.map(() => 200));
  const segment = playlists[0].text.split('\n').find((line) => line.endsWith('.ts'));
  assert.ok(segment, 'the playlist lists a segment');
  // One after the other: each viewer after the first is served from the cache entry the first made.
  for (const token of tokens) assert.equal((await get(`${edge.url}/streams/${segment}?token=${token}`)).status, 200);
  assert.equal(origin.log.filter((entry) => entry.path === `/live/streams/${segment}`).length, 1);
  const originRequests = origin.log.filter((entry) => entry.path.startsWith('/live/streams/'));
  assert.deepEqual(originRequests.filter((entry) => Object.keys(entry.query).length > 0).map((entry) => entry.query), [], 'no query (so no token) reaches the origin');
  assert.equal(edge.log.filter((entry) => entry.functionMs !== null).length, 40, 'the function ran on every viewer request');
});

test('without the function, tokens in the cache key: every viewer is an origin request', async (t) => {
  const { origin, edge, get } = await setup(t, { edgeFunction: false });
  const tokens = viewerTokens(20);
  const playlists = await Promise.all(tokens.map((token) => get(`${edge.url}/streams/secure01.m3u8?token=${token}`)));
  assert.deepEqual(playlists.map((response) => response.status), tokens.map(() => 200));
  assert.equal(origin.log.filter((entry) => entry.path === '/live/streams/secure01.m3u8').length, 20);
});

test('a bad token stops at the edge: 403 from the function, never cached, and the origin never asked', async (t) => {
  const { origin, edge, get } = await setup(t, { edgeFunction: true });
  const forged = signStreamToken({ secret: 'a-guess', streamId: 'secure01' });
  const expired = signStreamToken({ secret, streamId: 'secure01', expiresAt: Math.floor(Date.now() / 1000) - 600 });
  const otherStream = signStreamToken({ secret, streamId: 'secure02' });
  for (const token of [forged, expired, otherStream, forged]) {
    const response = await get(`${edge.url}/streams/secure01.m3u8?token=${token}`);
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-cache'), 'FunctionGeneratedResponse from cloudfront');
  }
  assert.equal(origin.log.length, 0);
  // A good token right after the bad ones is not served a cached 403.
  const good = await get(`${edge.url}/streams/secure01.m3u8?token=${viewerTokens(1)[0]}`);
  assert.equal(good.status, 200);
});

test('the origin trusts only the edge: a viewer going around it is refused', async (t) => {
  const { origin, edge, get } = await setup(t, { edgeFunction: true });
  const direct = await get(`${origin.url}/live/streams/secure01.m3u8?token=${viewerTokens(1)[0]}`);
  assert.equal(direct.status, 403);
  const throughEdge = await get(`${edge.url}/streams/secure01.m3u8?token=${viewerTokens(1)[0]}`);
  assert.equal(throughEdge.status, 200);
});

test('a minimum TTL on playlists: viewers polling one after the other share one origin request while it lasts', async (t) => {
  const { origin, edge, get } = await setup(t, { edgeFunction: true });
  await fetch(`${edge.url}/__edge/config`, { method: 'POST', body: JSON.stringify({ playlistMinimumTtl: 30 }) });
  for (const token of viewerTokens(5)) assert.equal((await get(`${edge.url}/streams/secure01.m3u8?token=${token}`)).status, 200);
  assert.equal(origin.log.filter((entry) => entry.path === '/live/streams/secure01.m3u8').length, 1);
  assert.equal((await fetch(`${edge.url}/__edge/config`, { method: 'POST', body: '{"playlistMinimumTtl":-1}' })).status, 400);
});
