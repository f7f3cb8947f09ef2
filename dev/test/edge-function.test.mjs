// The CloudFront Function the package ships (cloudfront/verify-stream-token.js), run as the edge
// emulator runs it (the exact file, in the runtime's sandbox, on CloudFront's event shape) and in
// njs, the engine CloudFront Functions run on: every case in both. Without njs the njs cases fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { loadNjsViewerFunction, njsVersion, timeInNjs } from '../edge/njs-function.mjs';
import { loadViewerFunction, maximumFunctionBytes } from '../edge/viewer-function.mjs';
import { streamTokenFunctionPath } from '../edge.mjs';
import { signClaimsText, signStreamToken } from '../stream-token.mjs';

const secret = 'edge-test-secret-of-32-characters!!';
const now = () => Math.floor(Date.now() / 1000);
const playToken = (streamId, options = {}) => signStreamToken({ secret, streamId, ...options });

/** A token whose claims are this JSON text as it is (numbers JSON.stringify cannot write, such as 1e400). */
const tokenWithClaimsText = (claimsText, signingSecret = secret) => signClaimsText({ secret: signingSecret, claimsText });

/**
 * The grammar of AMS's names (cloudfront/README.md), each rule both ways: paths for stream01 that
 * pass with its token, and near misses and ways around that do not.
 */
const allowedPaths = [
  '/streams/stream01.m3u8', '/streams/stream01_adaptive.m3u8', '/streams/stream01_720p2000kbps.m3u8', '/streams/stream01_720p.m3u8',
  '/streams/stream01_2000kbps.m3u8', '/streams/stream01_audio_de.m3u8', '/streams/stream01_subtitles_en.m3u8',
  '/streams/stream01000000001.ts', '/streams/stream01_720p2000kbps000000042.ts', '/streams/stream01000000042.fmp4', '/streams/stream01_audio_de000000042.ts',
  '/streams/stream01_subtitles_en000000003.vtt', '/streams/stream01_1741579422123_init.mp4', '/streams/stream01_720p2000kbps_1741579422123_init.mp4',
  '/streams/stream01.mp4', '/streams/stream01_1.mp4', '/streams/stream01_720p.mp4', '/streams/stream01.webm',
  '/streams/ll-hls/stream01/stream01__master.m3u8', '/streams/ll-hls/stream01/stream01__master_adaptive.m3u8',
  '/streams/ll-hls/stream01/480/stream01__lowlatency.m3u8', '/streams/ll-hls/stream01/stream01__lowlatency.m3u8', '/streams/ll-hls/stream01/480/stream01__init.mp4',
  '/streams/ll-hls/stream01/480/stream01000000042.ts', '/streams/ll-hls/stream01/480/stream01000000042.3.ts', '/streams/ll-hls/stream01/480/stream01000000042.9.m4s',
  '/streams/ll-hls/stream01/1080/stream01__3021.2.ts',
  '/previews/stream01.png', '/previews/stream01_finished.png', '/previews/stream01_1.jpg', '/previews/stream01.webp',
];
const forbiddenPaths = [
  // Another stream, by its name or one that starts with this one's.
  '/streams/stream02.m3u8', '/streams/stream012.m3u8', '/streams/stream01123456789.m3u8', '/streams/stream01.5.m3u8', '/streams/stream0.m3u8',
  '/streams/stream010000000001.ts', '/streams/ll-hls/stream02/stream02__master.m3u8', '/streams/ll-hls/stream01/480/stream02000000001.1.ts',
  '/streams/ll-hls/stream011/stream011__master.m3u8', '/previews/stream02.png',
  // Dot segments, empty segments, path parameters, backslashes and any percent-encoding.
  '/streams/ll-hls/stream01/../../stream02.m3u8', '/streams/ll-hls/stream01/../stream02/stream02__master.m3u8', '/streams/ll-hls/stream01/%2e%2e/%2e%2e/stream02.m3u8',
  '/streams/ll-hls/stream01/..\\..\\stream02.m3u8', '/streams/./stream01.m3u8', '/streams//stream01.m3u8', '/streams/stream01.m3u8/', '//streams/stream01.m3u8',
  '/streams;x/stream01.m3u8', '/streams/stream01.m3u8;jsessionid=1', '/streams/stream01%2em3u8', '/streams%2fstream01.m3u8', '/streams/stream%30%31.m3u8',
  '/streams/stream01%5c.m3u8', '/streams/stream01%3b.m3u8', '/Streams/stream01.m3u8',
  // Suffixes and extensions AMS does not write.
  '/streams/stream01_evil.m3u8', '/streams/stream01.html', '/streams/stream01.m3u8.tmp_extension', '/streams/stream01.mp4.tmp_extension', '/streams/stream0100000001.ts',
  '/streams/stream01000000001.exe', '/streams/stream01_720p2000kbps.ts', '/streams/ll-hls/stream01/480/stream01__evil.m3u8', '/streams/ll-hls/stream01/480/sub/stream01__lowlatency.m3u8',
  '/streams/ll-hls/stream01/stream01', '/streams/ll-hls/stream01/', '/previews/stream01.svg', '/previews/stream01.png/x', '/streams/stream01',
];

test('the shipped function fits CloudFront\'s 10 KB code limit', () => {
  assert.ok(statSync(streamTokenFunctionPath).size <= maximumFunctionBytes, `${statSync(streamTokenFunctionPath).size} bytes`);
});

/** @param {{ request: object | null, response: { statusCode: number, headers: Record<string, { value: string }> } | null }} outcome @param {RegExp} reason */
function assertForbidden(outcome, reason) {
  assert.equal(outcome.request, null);
  assert.equal(outcome.response?.statusCode, 403);
  assert.match(outcome.response.headers['x-stream-token-error'].value, reason);
}

for (const [engine, load] of [['sandbox', loadViewerFunction], ['njs', loadNjsViewerFunction]]) {
  const run = load({ path: streamTokenFunctionPath, keyValueStore: { 'ams-jwt-stream-secret': secret } });

  /** Runs the function on a GET of `target`; `token` goes on the query when given. */
  function viewerGet(target, { token, headers = {} } = {}) {
    const separator = target.includes('?') ? '&' : '?';
    return run({ method: 'GET', target: token === undefined ? target : `${target}${separator}token=${token}`, headers });
  }

  test(`${engine}: a valid play token passes, and the auth parameters leave the request so every viewer shares the cache key`, async () => {
    const token = playToken('stream01');
    const outcome = await viewerGet(`/streams/ll-hls/stream01/480/stream01__lowlatency.m3u8?_HLS_msn=12&subscriberId=alice&subscriberCode=123456`, { token });
    assert.equal(outcome.response, null);
    assert.equal(outcome.request?.target, '/streams/ll-hls/stream01/480/stream01__lowlatency.m3u8?_HLS_msn=12');
    const other = await viewerGet('/streams/stream01.m3u8', { token: playToken('stream01', { extraClaims: { viewer: 'bob' } }) });
    assert.equal(other.request?.target, '/streams/stream01.m3u8');
  });

  test(`${engine}: every file AMS names after a stream passes with that stream's token`, async () => {
    const token = playToken('stream01');
    for (const path of [
      '/streams/stream01.m3u8', '/streams/stream01_adaptive.m3u8', '/streams/stream01_480p1000kbps.m3u8',
      '/streams/stream01000000042.ts', '/streams/stream01_480p1000kbps000000042.ts', '/streams/stream01_subtitles_en000000003.vtt',
      '/streams/stream01.mp4', '/previews/stream01.png', '/streams/ll-hls/stream01/stream01__master.m3u8',
      '/streams/ll-hls/stream01/480/stream01000000042.3.ts', '/streams/ll-hls/stream01/480/stream01__init.mp4',
    ]) {
      const outcome = await viewerGet(path, { token });
      assert.equal(outcome.response, null, `${path}: ${outcome.response?.headers?.['x-stream-token-error']?.value}`);
    }
  });

  test(`${engine}: a forged token is answered 403: another secret, a changed claim, or an algorithm of its own`, async () => {
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: signStreamToken({ secret: 'not-the-edge-secret', streamId: 'stream01' }) }), /not signed/);
    const [header, , signature] = playToken('stream02').split('.');
    const claims = Buffer.from(JSON.stringify({ streamId: 'stream01', type: 'play', exp: now() + 600 })).toString('base64url');
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: `${header}.${claims}.${signature}` }), /not signed/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${claims}.`;
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: none }), /not signed/);
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: playToken('stream01', { algorithm: 'HS512' }) }), /not signed/);
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: 'not-a-jwt' }), /not signed/);
  });

  test(`${engine}: an expired token, or one with no expiry, is answered 403`, async () => {
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: playToken('stream01', { expiresAt: now() - 120 }) }), /expired/);
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: playToken('stream01', { expiresAt: null }) }), /no expiry/);
    // Within the allowed clock difference between the token's issuer and the edge.
    assert.equal((await viewerGet('/streams/stream01.m3u8', { token: playToken('stream01', { expiresAt: now() - 5 }) })).response, null);
  });

  test(`${engine}: a token for another stream, or a publish token, is answered 403`, async () => {
    const token = playToken('stream1');
    for (const path of ['/streams/stream2.m3u8', '/streams/stream10.m3u8', '/streams/stream1000000000001.ts', '/streams/ll-hls/stream10/stream10__master.m3u8', '/streams/ll-hls/stream2/480/stream1000000001.1.ts', '/streams/other/stream1.m3u8', '/streams/%E0%A4%A.m3u8']) {
      assertForbidden(await viewerGet(path, { token }), /another stream/);
    }
    assertForbidden(await viewerGet('/streams/stream1.m3u8', { token: playToken('stream1', { type: 'publish' }) }), /not a play token/);
  });

  test(`${engine}: no token, two tokens, a token over 2 KB, or no secret in the KeyValueStore: 403, never a pass`, async () => {
    assertForbidden(await viewerGet('/streams/stream01.m3u8'), /single token/);
    assertForbidden(await viewerGet('/streams/stream01.m3u8', { token: `${playToken('stream01')}${'a'.repeat(2048)}` }), /too long/);
    const token = playToken('stream01');
    assertForbidden(await viewerGet(`/streams/stream01.m3u8?token=${token}`, { token }), /single token/);
    const withoutSecret = load({ path: streamTokenFunctionPath, keyValueStore: {} });
    const outcome = await withoutSecret({ method: 'GET', target: `/streams/stream01.m3u8?token=${token}`, headers: {} });
    assert.equal(outcome.response?.statusCode, 403);
  });

  test(`${engine}: the path must be exactly one of AMS's names for the token's stream; every other path, and every way around, is 403`, async () => {
    const token = playToken('stream01');
    for (const path of allowedPaths) {
      const outcome = await viewerGet(path, { token });
      assert.equal(outcome.response, null, `${path}: ${outcome.response?.headers?.['x-stream-token-error']?.value}`);
    }
    for (const path of forbiddenPaths) assertForbidden(await viewerGet(path, { token }), /another stream|not one of AMS's names/);
  });

  test(`${engine}: on the default behavior, the guard passes the app's other files without a token, and refuses every path AMS would read as under streams/ or previews/`, async () => {
    for (const path of ['/play.html', '/', '/js/player.js', '/css/style%20sheet.css', '/streamsfile.html', '/my/streams/x.m3u8', '/a/../play.html', '/previewsx/a.png']) {
      const outcome = await viewerGet(path);
      assert.equal(outcome.response, null, `${path}: ${outcome.response?.headers?.['x-stream-token-error']?.value}`);
      assert.equal(outcome.request?.target, path, 'passed on unchanged');
    }
    for (const path of [
      '/streams;x/stream02.m3u8', '/streams;/stream02.m3u8', '/%73treams/stream02.m3u8', '/%2573treams/stream02.m3u8', '/streams%2fstream02.m3u8',
      '/STREAMS/stream02.m3u8', '/Previews/stream02.png', '/./streams/stream02.m3u8', '//streams/stream02.m3u8', '/x/../streams/stream02.m3u8',
      '/x/..%2fstreams/stream02.m3u8', '/x/%2e%2e/streams/stream02.m3u8', '/x/..\\streams/stream02.m3u8', '/streams', '/previews;x',
      '/../WebRTCAppEE/streams/stream02.m3u8', '/%2e%2e/WebRTCAppEE/play.html', '/%E0%A4%A/streams/x.m3u8',
      // Names a Windows file system reads as the folder: trailing dots, spaces, control characters.
      '/streams./stream02.m3u8', '/streams%20/stream02.m3u8', '/streams%09/stream02.m3u8', '/previews..%20/stream02.png',
    ]) {
      assertForbidden(await viewerGet(path), /not one of AMS's names/);
      // A token for the stream changes nothing: these are not names a token opens.
      assertForbidden(await viewerGet(path, { token: playToken('stream02') }), /not one of AMS's names/);
    }
  });

  test(`${engine}: claims as strict as AMS's: a finite exp within the edge's maximum lifetime, nbf honoured, a stream id of AMS's characters`, async () => {
    const path = '/streams/stream01.m3u8';
    assertForbidden(await viewerGet(path, { token: tokenWithClaimsText('{"streamId":"stream01","type":"play","exp":1e400}') }), /expired or has no expiry/);
    assertForbidden(await viewerGet(path, { token: tokenWithClaimsText('{"streamId":"stream01","type":"play","exp":"9999999999"}') }), /expired or has no expiry/);
    assertForbidden(await viewerGet(path, { token: playToken('stream01', { expiresAt: Date.UTC(9999, 0) / 1000 }) }), /longer than this edge allows/);
    assertForbidden(await viewerGet(path, { token: playToken('stream01', { expiresAt: now() + 25 * 3600 }) }), /longer than this edge allows/);
    assert.equal((await viewerGet(path, { token: playToken('stream01', { expiresAt: now() + 23 * 3600 }) })).response, null);
    assertForbidden(await viewerGet(path, { token: playToken('stream01', { extraClaims: { nbf: now() + 600 } }) }), /not valid yet/);
    assertForbidden(await viewerGet(path, { token: playToken('stream01', { extraClaims: { nbf: 'soon' } }) }), /not valid yet/);
    assert.equal((await viewerGet(path, { token: playToken('stream01', { extraClaims: { nbf: now() - 60 } }) })).response, null);
    assertForbidden(await viewerGet('/streams/_adaptive.m3u8', { token: playToken('') }), /another stream/);
    assertForbidden(await viewerGet('/streams/a.b.m3u8', { token: playToken('a.b') }), /another stream/);
    // The operator's own maximum lifetime, from the KeyValueStore.
    const shortLived = load({ path: streamTokenFunctionPath, keyValueStore: { 'ams-jwt-stream-secret': secret, 'ams-jwt-max-lifetime-seconds': '600' } });
    const longToken = playToken('stream01', { expiresAt: now() + 3600 });
    assertForbidden(await shortLived({ method: 'GET', target: `${path}?token=${longToken}`, headers: {} }), /longer than this edge allows/);
  });

  test(`${engine}: a secret shorter than 32 bytes, or empty, refuses every token and says so in the log`, async () => {
    for (const weakSecret of ['', 'short-secret']) {
      const lines = [];
      const weak = load({ path: streamTokenFunctionPath, keyValueStore: { 'ams-jwt-stream-secret': weakSecret }, log: (line) => lines.push(line) });
      const outcome = await weak({ method: 'GET', target: `/streams/stream01.m3u8?token=${signStreamToken({ secret: weakSecret, streamId: 'stream01' })}`, headers: {} });
      assert.equal(outcome.response?.statusCode, 403);
      assert.match(lines.join('\n'), /shorter than 32 bytes/);
    }
  });

  test(`${engine}: the 403 carries CORS headers, so a player on another origin can read the status`, async () => {
    const outcome = await viewerGet('/streams/stream01.m3u8', { headers: { origin: 'http://page.example' } });
    assert.equal(outcome.response?.headers['access-control-allow-origin'].value, 'http://page.example');
    assert.equal(outcome.response?.headers['access-control-allow-credentials'].value, 'true');
  });
}

test('njs runs the function in well under CloudFront\'s compute budget, on an 8 KB URL too', () => {
  const token = playToken('stream01');
  const requests = [
    `/streams/stream01.m3u8?token=${token}`,
    `/streams/ll-hls/stream01/480/stream01__lowlatency.m3u8?_HLS_msn=12&padding=${'a'.repeat(7800)}&token=${token}`,
    `/streams/${'x'.repeat(7800)}.m3u8?token=${token}`,
  ].map((target) => ({ method: 'GET', target, headers: {} }));
  const milliseconds = timeInNjs({ path: streamTokenFunctionPath, keyValueStore: { 'ams-jwt-stream-secret': secret }, requests, repeat: 1000 });
  console.log(`njs ${njsVersion()}: ${milliseconds.toFixed(3)} ms a request (short and 8 KB URLs)`);
  // Generous: the figure is reported above; this catches a pattern that backtracks on a long URL.
  assert.ok(milliseconds < 5, `${milliseconds} ms a request`);
});
