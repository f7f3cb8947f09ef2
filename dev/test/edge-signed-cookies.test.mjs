// CloudFront signed cookies at the edge emulator: the second way to secure streams that still cache
// (cloudfront/README.md). The edge checks the policy's signature, expiry and resource, and cookies
// are no part of the cache key, so viewers with different grants share the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEdge } from '../edge.mjs';
import { startOrigin } from '../origin.mjs';
import { signCloudFrontCookies } from '../signed-cookies.mjs';

async function setup(t) {
  const origin = await startOrigin({ streams: [{ id: 'signed01', startIn: -20 }, { id: 'open01', startIn: -20 }] });
  const edge = await startEdge({ originUrl: origin.url });
  t.after(async () => { await edge.close(); await origin.close(); });
  await fetch(`${edge.url}/__edge/config`, { method: 'POST', body: JSON.stringify({ signedCookieStreams: ['signed01'] }) });
  const cookieHeader = (cookies) => Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
  const sign = ({ resource = `${edge.url}/streams/*signed01*`, expiresAt = Math.floor(Date.now() / 1000) + 600, key = edge.signedCookieKey() } = {}) =>
    signCloudFrontCookies({ privateKeyPem: key.privateKeyPem, keyPairId: key.keyPairId, resource, expiresAt });
  const get = async (path, cookies) => {
    const response = await fetch(`${edge.url}${path}`, { headers: cookies ? { cookie: cookieHeader(cookies) } : {} });
    return { status: response.status, text: await response.text() };
  };
  return { origin, edge, sign, get };
}

test('valid signed cookies open the stream; without them, 403 and the origin is not asked', async (t) => {
  const { origin, sign, get } = await setup(t);
  assert.equal((await get('/streams/signed01.m3u8')).status, 403);
  assert.equal(origin.log.length, 0);
  assert.equal((await get('/streams/signed01.m3u8', sign())).status, 200);
  assert.equal((await get('/streams/open01.m3u8')).status, 200, 'streams without the requirement stay open');
});

test('a tampered policy, an expired one, another resource or an untrusted key: 403', async (t) => {
  const { sign, get } = await setup(t);
  const good = sign();
  const widened = sign({ resource: 'http://*' });
  assert.equal((await get('/streams/signed01.m3u8', { ...good, 'CloudFront-Policy': widened['CloudFront-Policy'] })).status, 403);
  assert.equal((await get('/streams/signed01.m3u8', sign({ expiresAt: Math.floor(Date.now() / 1000) - 10 }))).status, 403);
  assert.equal((await get('/streams/signed01.m3u8', sign({ resource: 'http://127.0.0.1:1/streams/*' }))).status, 403);
  const { generateKeyPairSync } = await import('node:crypto');
  const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const forged = sign({ key: { privateKeyPem: other.privateKey, keyPairId: 'KFORGED' } });
  assert.equal((await get('/streams/signed01.m3u8', forged)).status, 403);
  assert.equal((await get('/streams/signed01.m3u8', { ...forged, 'CloudFront-Key-Pair-Id': good['CloudFront-Key-Pair-Id'] })).status, 403);
});

test('viewers with their own grants share one cache entry: one origin request per segment', async (t) => {
  const { origin, sign, get } = await setup(t);
  const playlist = await get('/streams/signed01.m3u8', sign());
  const segment = playlist.text.split('\n').find((line) => line.endsWith('.ts'));
  for (let viewer = 0; viewer < 10; viewer++) {
    assert.equal((await get(`/streams/${segment}`, sign({ expiresAt: Math.floor(Date.now() / 1000) + 600 + viewer }))).status, 200);
  }
  assert.equal(origin.log.filter((entry) => entry.path === `/live/streams/${segment}`).length, 1);
});
