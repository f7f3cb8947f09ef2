// The hostile-request corpus (issue 30): crafted requests against a secured stream, each sent raw
// (no client normalizes it) through the edge emulator with the shipped token check on the recipe's
// behaviors, in front of an origin that reads paths as AMS's Tomcat does; the path cases also
// through Varnish as the edge. Each asserts the status and what the origin's log saw: a refused
// request reaches no origin, an allowed one reaches exactly the object it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { startEdge } from '../edge.mjs';
import { startOrigin } from '../origin.mjs';
import { startVarnishEdge, varnishInstalled, varnishMissing } from '../varnish.mjs';
import { signClaimsText, signStreamToken } from '../stream-token.mjs';
import { streamBehaviorsOnly } from '../edge/cache-behaviors.mjs';

const secret = 'hostile-corpus-secret-at-least-32-bytes';
const originSecret = { name: 'X-Origin-Verify', value: 'only-the-edge-knows-this' };
const keyValueStore = { 'ams-jwt-stream-secret': secret };
const now = () => Math.floor(Date.now() / 1000);

const tokens = {
  stream1: signStreamToken({ secret, streamId: 'stream1' }),
  stream2: signStreamToken({ secret, streamId: 'stream2' }),
  stream: signStreamToken({ secret, streamId: 'stream' }),
  publish: signStreamToken({ secret, streamId: 'stream2', type: 'publish' }),
  forged: signStreamToken({ secret: 'a-guess-at-the-secret-of-32-bytes!!', streamId: 'stream2' }),
  expired: signStreamToken({ secret, streamId: 'stream2', expiresAt: now() - 600 }),
  noExpiry: signStreamToken({ secret, streamId: 'stream2', expiresAt: null }),
  year9999: signStreamToken({ secret, streamId: 'stream2', expiresAt: Date.UTC(9999, 0) / 1000 }),
  notYet: signStreamToken({ secret, streamId: 'stream2', extraClaims: { nbf: now() + 600 } }),
  hs512: signStreamToken({ secret, streamId: 'stream2', algorithm: 'HS512' }),
  emptyStreamId: signStreamToken({ secret, streamId: '' }),
};
tokens.infiniteExpiry = signClaimsText({ secret, claimsText: '{"streamId":"stream2","type":"play","exp":1e400}' });
tokens.algorithmNone = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ streamId: 'stream2', type: 'play', exp: now() + 600 })).toString('base64url')}.`;
tokens.tooLong = `${tokens.stream2}${'A'.repeat(2048)}`;

/**
 * @typedef {{ path: string, expect: number, method?: string, paths?: boolean, why: string }} Case
 * path: the raw target; `{t1}` and `{t2}` stand for stream1's and stream2's play tokens, `{segment}`
 * for one of stream1's segment names. paths: a path case, also run with Varnish as the edge.
 */

/** @type {Case[]} */
const corpus = [
  // Allowed: stream1's own names with stream1's token.
  { path: '/streams/stream1.m3u8?token={t1}', expect: 200, paths: true, why: 'the stream\'s playlist' },
  { path: '/streams/stream1.m3u8?_HLS_msn=1&token={t1}', expect: 200, paths: true, why: 'with the other parameters kept' },
  { path: '/streams/{segment}?token={t1}', expect: 200, paths: true, why: 'a segment' },
  { path: '/streams/ll-hls/stream1/stream1__master.m3u8?token={t1}', expect: 200, paths: true, why: 'the LL-HLS master' },
  { path: '/previews/stream1.png?token={t1}', expect: 200, paths: true, why: 'the preview' },
  // The app's other files on the default behavior: passed on, no token needed (404: this origin has none).
  { path: '/play.html', expect: 404, paths: true, why: 'a page of the app, passed on' },
  { path: '/streamsx/stream2.m3u8', expect: 404, paths: true, why: 'a name that only starts like streams' },
  { path: '/my/streams/stream2.m3u8', expect: 404, paths: true, why: 'streams deeper down is not AMS\'s folder' },
  // Another stream with this stream's token (the issue's ways around the check).
  { path: '/streams/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'another stream' },
  { path: '/streams/ll-hls/stream1/../../stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'dot segments out of the LL-HLS folder' },
  { path: '/streams/ll-hls/stream1/%2e%2e/%2e%2e/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'encoded dot segments' },
  { path: '/streams/ll-hls/stream1/%2E%2E/%2E%2E/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'encoded dot segments, upper case' },
  { path: '/streams/ll-hls/stream1/..\\..\\stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'backslashes' },
  { path: '/streams/ll-hls/stream1/../stream2/stream2__master.m3u8?token={t1}', expect: 403, paths: true, why: 'into another LL-HLS folder' },
  { path: '/streams/ll-hls/stream1/..;/..;/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'Tomcat\'s "..;"' },
  { path: '/streams/..;/streams/stream2.m3u8?token={t1}', expect: 403, paths: true, why: '"..;" at the top' },
  { path: '/streams/ll-hls/stream1/480/../../../stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'out of a rendition folder' },
  { path: '/streams/stream1.m3u8/../stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'through a file name' },
  { path: '/streams/ll-hls/stream1/%252e%252e/%252e%252e/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'double-encoded dot segments' },
  { path: '/streams/ll-hls/stream1/%c0%ae%c0%ae/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'overlong UTF-8 dots' },
  { path: '/streams/stream2%EF%BC%8Em3u8?token={t1}', expect: 403, paths: true, why: 'a full-width dot' },
  { path: '/previews/stream2.png?token={t1}', expect: 403, paths: true, why: 'another stream\'s preview' },
  { path: '/previews/stream1.png/../stream2.png?token={t1}', expect: 403, paths: true, why: 'through the preview\'s name' },
  { path: '/previews/../streams/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'from previews into streams' },
  // Looser-than-AMS names: prefixes and suffixes of the token's stream id.
  { path: '/streams/stream1123456789.m3u8?token={t1}', expect: 403, paths: true, why: 'nine digits that are not a segment number' },
  { path: '/streams/stream1.5.m3u8?token={t1}', expect: 403, paths: true, why: 'a suffix AMS does not write' },
  { path: '/streams/stream10.m3u8?token={t1}', expect: 403, paths: true, why: 'a stream whose id starts with this one\'s' },
  { path: '/streams/stream1.m3u8?token={stream}', expect: 403, paths: true, why: 'a token for a prefix of the id' },
  { path: '/streams/stream1_evil.m3u8?token={t1}', expect: 403, paths: true, why: 'an unknown rendition' },
  { path: '/streams/stream1.m3u8.tmp_extension?token={t1}', expect: 403, paths: true, why: 'an extension AMS does not serve' },
  { path: '/streams/stream1.m3u8;jsessionid=1?token={t1}', expect: 403, paths: true, why: 'a path parameter' },
  { path: '/streams/stream1%2em3u8?token={t1}', expect: 403, paths: true, why: 'an encoded dot' },
  { path: '/streams/stream1.m3u8%00?token={t1}', expect: 403, paths: true, why: 'a NUL' },
  { path: '/streams/stream1.m3u8%20?token={t1}', expect: 403, paths: true, why: 'a trailing space' },
  { path: '/streams//stream1.m3u8?token={t1}', expect: 403, paths: true, why: 'an empty segment' },
  { path: '/streams/./stream1.m3u8?token={t1}', expect: 403, paths: true, why: 'a "." segment' },
  { path: '/streams/stream1.m3u8/.?token={t1}', expect: 403, paths: true, why: 'a trailing "."' },
  { path: '/streams/ll-hls/stream1/?token={t1}', expect: 403, paths: true, why: 'a folder' },
  // The default behavior: paths CloudFront's patterns miss that AMS reads as streams/ or previews/.
  { path: '/streams;x/stream2.m3u8', expect: 403, paths: true, why: 'a path parameter on the folder, no token' },
  { path: '/streams;x/stream2.m3u8?token={t1}', expect: 403, paths: true, why: 'the same with another stream\'s token' },
  { path: '/streams;/stream2.m3u8', expect: 403, paths: true, why: 'an empty path parameter' },
  { path: '/previews;x/stream2.png', expect: 403, paths: true, why: 'the previews folder' },
  { path: '/;/streams/stream2.m3u8', expect: 403, paths: true, why: 'a parameter-only segment' },
  { path: '/.;/streams/stream2.m3u8', expect: 403, paths: true, why: 'a "." with a parameter' },
  { path: '/%73treams/stream2.m3u8', expect: 403, paths: true, why: 'an encoded letter' },
  { path: '/%2573treams/stream2.m3u8', expect: 403, paths: true, why: 'a double-encoded letter' },
  { path: '/streams%2fstream2.m3u8', expect: 403, paths: true, why: 'an encoded slash' },
  { path: '/streams%5cstream2.m3u8', expect: 403, paths: true, why: 'an encoded backslash' },
  { path: '/streams\\stream2.m3u8', expect: 403, paths: true, why: 'a backslash' },
  { path: '/STREAMS/stream2.m3u8', expect: 403, paths: true, why: 'upper case' },
  { path: '/Previews/stream2.png', expect: 403, paths: true, why: 'mixed case' },
  { path: '//streams/stream2.m3u8', expect: 403, paths: true, why: 'a leading empty segment' },
  { path: '/./streams/stream2.m3u8', expect: 403, paths: true, why: 'a leading "."' },
  { path: '/x/../streams/stream2.m3u8', expect: 403, paths: true, why: 'a dot segment before streams' },
  { path: '/x/%2e%2e/streams/stream2.m3u8', expect: 403, paths: true, why: 'an encoded dot segment before streams' },
  { path: '/../live/streams/stream2.m3u8', expect: 403, paths: true, why: 'above the app, back into it' },
  { path: '/%2e%2e/WebRTCAppEE/streams/stream2.m3u8', expect: 403, paths: true, why: 'above the app, into another one' },
  { path: '/streams', expect: 403, paths: true, why: 'the folder itself' },
  { path: '/%E0%A4%A/streams/stream2.m3u8', expect: 403, paths: true, why: 'a malformed escape' },
  // Tokens: forged, expired, looser than AMS's claims, or more than one.
  { path: '/streams/stream2.m3u8', expect: 403, why: 'no token' },
  { path: '/streams/stream2.m3u8?token=', expect: 403, why: 'an empty token' },
  { path: '/streams/stream2.m3u8?token={forged}', expect: 403, why: 'another secret' },
  { path: '/streams/stream2.m3u8?token={algorithmNone}', expect: 403, why: 'alg none' },
  { path: '/streams/stream2.m3u8?token={hs512}', expect: 403, why: 'an algorithm of the token\'s choosing' },
  { path: '/streams/stream2.m3u8?token={expired}', expect: 403, why: 'expired' },
  { path: '/streams/stream2.m3u8?token={noExpiry}', expect: 403, why: 'no exp' },
  { path: '/streams/stream2.m3u8?token={infiniteExpiry}', expect: 403, why: 'exp 1e400 (Infinity)' },
  { path: '/streams/stream2.m3u8?token={year9999}', expect: 403, why: 'valid until 9999' },
  { path: '/streams/stream2.m3u8?token={notYet}', expect: 403, why: 'nbf in the future' },
  { path: '/streams/stream2.m3u8?token={publish}', expect: 403, why: 'a publish token' },
  { path: '/streams/_adaptive.m3u8?token={emptyStreamId}', expect: 403, why: 'an empty streamId' },
  { path: '/streams/stream2.m3u8?token={tooLong}', expect: 403, why: 'a token over 2 KB' },
  { path: '/streams/stream2.m3u8?token={t1}&token={t2}', expect: 403, why: 'two tokens' },
  { path: '/streams/stream2.m3u8?tok%65n={t2}', expect: 403, why: 'an encoded parameter name alone' },
  { path: '/streams/stream1.m3u8?token={t1}&tok%65n={t2}', expect: 403, why: 'an encoded second token' },
  { path: '/streams/stream1.m3u8?token={t1}&Token={t2}', expect: 403, why: 'a second token in other case' },
  { path: '/streams/stream2.m3u8?token={t1}', method: 'HEAD', expect: 403, why: 'HEAD of another stream' },
  { path: '/streams/stream2.m3u8', method: 'POST', expect: 403, why: 'POST' },
];

/** The request's target with its placeholders filled in. */
function targetOf(path, segment) {
  return path.replace('{segment}', segment).replace(/\{(\w+)\}/g, (placeholder, name) => tokens[{ t1: 'stream1', t2: 'stream2' }[name] ?? name] ?? placeholder);
}

/** Sends `target` exactly as written (fetch() would normalize it); the status. */
function rawRequest(baseUrl, target, method = 'GET') {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method, path: target, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end();
  });
}

async function startSecuredOrigin(t) {
  const origin = await startOrigin({ streams: [{ id: 'stream1', startIn: -20 }, { id: 'stream2', startIn: -20 }], trustedHeader: originSecret });
  t.after(() => origin.close());
  const playlist = await (await fetch(`${origin.url}/live/streams/stream1.m3u8`, { headers: { [originSecret.name]: originSecret.value } })).text();
  const segment = playlist.split('\n').find((line) => line.endsWith('.ts'));
  assert.ok(segment, 'stream1 has a segment');
  return { origin, segment };
}

/**
 * Runs each case through `edgeUrl`; for each, the status and the origin's log since it was sent.
 * Refused: no origin request at all. Otherwise every origin request is for the object named, as
 * written: nothing reached the origin that Tomcat would read as another file.
 */
async function runCorpus({ cases, edgeUrl, origin, segment }) {
  const rows = [];
  for (const entry of cases) {
    const target = targetOf(entry.path, segment);
    const logLength = origin.log.length;
    const status = await rawRequest(edgeUrl, target, entry.method);
    const seen = origin.log.slice(logLength);
    const [rawPath] = target.split('?');
    // The origin served a path other than the one written: Tomcat read it as another file.
    const strayed = seen.filter((logged) => logged.path !== `/live${rawPath}`);
    rows.push({ ...entry, status, originRequests: seen.length, strayed: strayed.map((logged) => logged.path) });
  }
  return rows;
}

/** One assertion message for every row that differs, so a failure shows the whole table's damage. */
function assertRows(rows) {
  const wrong = rows.filter((row) => row.status !== row.expect || (row.expect === 403 && row.originRequests > 0) || row.strayed.length > 0);
  assert.deepEqual(wrong.map((row) => `${row.method ?? 'GET'} ${row.path} (${row.why}): ${row.status}, expected ${row.expect}; origin requests ${row.originRequests}${row.strayed.length ? `, served ${row.strayed.join(' ')}` : ''}`), []);
}

test('the corpus has at least 60 requests, each named once', () => {
  assert.ok(corpus.length >= 60, `${corpus.length} cases`);
  assert.equal(new Set(corpus.map((entry) => `${entry.method ?? 'GET'} ${entry.path}`)).size, corpus.length);
});

test('hostile requests through the edge emulator, the token check on the recipe\'s behaviors: each refused before the origin, the allowed ones reach exactly their object', async (t) => {
  const { origin, segment } = await startSecuredOrigin(t);
  const edge = await startEdge({ originUrl: origin.url, originCustomHeaders: { [originSecret.name]: originSecret.value }, viewerRequest: { keyValueStore } });
  t.after(() => edge.close());
  const rows = await runCorpus({ cases: corpus, edgeUrl: edge.url, origin, segment });
  // CORPUS_TABLE=<file>: the table (case, expected, actual) for a report.
  if (process.env.CORPUS_TABLE) writeFileSync(process.env.CORPUS_TABLE, JSON.stringify(rows.map(({ path, method, expect, status, why }) => ({ path, method, expect, status, why }))));
  assertRows(rows);
});

test('the path cases with Varnish as the edge (the function run before its cache): the same answers, and the same silence at the origin', async (t) => {
  assert.ok(varnishInstalled(), varnishMissing);
  const { origin, segment } = await startSecuredOrigin(t);
  const varnish = await startVarnishEdge({ originUrl: origin.url, viewerRequest: { keyValueStore }, originCustomHeaders: { [originSecret.name]: originSecret.value } });
  t.after(() => varnish.close());
  assertRows(await runCorpus({ cases: corpus.filter((entry) => entry.paths), edgeUrl: varnish.url, origin, segment }));
});

test('before the guard (the function on streams/* and previews/* only): the origin serves another stream, with no token, to paths the patterns miss', async (t) => {
  const { origin } = await startSecuredOrigin(t);
  const edge = await startEdge({ originUrl: origin.url, originCustomHeaders: { [originSecret.name]: originSecret.value }, viewerRequest: { keyValueStore, behaviors: [...streamBehaviorsOnly] } });
  t.after(() => edge.close());
  for (const [target, served] of [
    ['/streams;x/stream2.m3u8', '/live/streams/stream2.m3u8'],
    ['/previews;x/stream2.png', '/live/previews/stream2.png'],
    ['/;/streams/stream2.m3u8', '/live/streams/stream2.m3u8'],
  ]) {
    const logLength = origin.log.length;
    assert.equal(await rawRequest(edge.url, target), 200, target);
    assert.deepEqual(origin.log.slice(logLength).map((entry) => entry.path), [served], target);
  }
});
