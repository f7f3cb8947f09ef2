// Unit tests of the edge cache policy and store, with a hand-driven clock and fake origin loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheTtlMs, createCache, originTtlSeconds, parseCacheControl } from '../edge/cache.mjs';
import { SharedResponse } from '../edge/shared-response.mjs';

const policy = { errorCachingMinTtl: { 404: 3 } };
const respond = (status, headers = {}) => ({ status, headers });

test('parseCacheControl reads directives with and without arguments', () => {
  const directives = parseCacheControl('public, Max-Age=10, s-maxage="4", no-transform');
  assert.equal(directives.get('max-age'), '10');
  assert.equal(directives.get('s-maxage'), '4');
  assert.equal(directives.get('public'), true);
});

test('originTtlSeconds: s-maxage beats max-age; no-cache/no-store/private mean 0; Expires counts', () => {
  assert.equal(originTtlSeconds({ 'cache-control': 'max-age=10, s-maxage=2' }), 2);
  for (const value of ['max-age=0', 'no-cache', 'no-store', 'private, max-age=60']) {
    assert.equal(originTtlSeconds({ 'cache-control': value }), 0, value);
  }
  const date = 'Wed, 01 Jan 2025 00:00:00 GMT';
  assert.equal(originTtlSeconds({ date, expires: 'Wed, 01 Jan 2025 00:00:07 GMT' }), 7);
  assert.equal(originTtlSeconds({}), undefined);
});

test('cacheTtlMs: 404 gets the larger of the minimum TTL and the origin max-age', () => {
  assert.equal(cacheTtlMs(respond(404), policy), 3000);
  assert.equal(cacheTtlMs(respond(404, { 'cache-control': 'max-age=10' }), policy), 10_000);
  assert.equal(cacheTtlMs(respond(404, { 'cache-control': 'max-age=1' }), policy), 3000);
  assert.equal(cacheTtlMs(respond(404, { 'cache-control': 'no-store' }), policy), 3000);
});

test('cacheTtlMs: errors not in the map (5xx, 403) are not cached; listed ones are', () => {
  for (const status of [500, 502, 503, 504, 403]) assert.equal(cacheTtlMs(respond(status, { 'cache-control': 'max-age=60' }), policy), 0);
  assert.equal(cacheTtlMs(respond(503), { errorCachingMinTtl: { 503: 1 } }), 1000);
});

test('cacheTtlMs: 200 follows Cache-Control, falls back to defaultTtl', () => {
  assert.equal(cacheTtlMs(respond(200, { 'cache-control': 'max-age=10' }), policy), 10_000);
  assert.equal(cacheTtlMs(respond(200, { 'cache-control': 'max-age=0' }), policy), 0);
  assert.equal(cacheTtlMs(respond(200), policy), 0);
  assert.equal(cacheTtlMs(respond(200), { ...policy, defaultTtl: 86400 }), 86_400_000);
});

function fakeClock(start = 1_000_000) {
  const clock = { time: start, now: () => clock.time, advance(ms) { clock.time += ms; } };
  return clock;
}

test('createCache: stores for the TTL by the injected clock, then asks again', async () => {
  const clock = fakeClock();
  const cache = createCache({ now: clock.now });
  let loads = 0;
  const load = async () => { loads += 1; return SharedResponse.complete(404, {}, 'gone'); };
  const ttl = () => 3000;
  assert.equal((await cache.fetch('k', load, ttl)).source, 'miss');
  await new Promise((resolve) => setImmediate(resolve)); // let the store happen
  clock.advance(2999);
  const hit = await cache.fetch('k', load, ttl);
  assert.equal(hit.source, 'hit');
  assert.equal(clock.now() - hit.receivedAt, 2999);
  clock.advance(1);
  assert.equal((await cache.fetch('k', load, ttl)).source, 'miss');
  assert.equal(loads, 2);
});

test('createCache: concurrent misses share one load until the body is complete', async () => {
  const cache = createCache({ now: fakeClock().now });
  let loads = 0;
  /** @type {SharedResponse} */
  let pending;
  const load = async () => { loads += 1; pending = new SharedResponse(200, {}); return pending; };
  const results = await Promise.all([1, 2, 3].map(() => cache.fetch('k', load, () => 0)));
  assert.deepEqual(results.map((result) => result.source), ['miss', 'collapsed', 'collapsed']);
  // Headers are in but the body is not: a late viewer still joins.
  assert.equal((await cache.fetch('k', load, () => 0)).source, 'collapsed');
  pending.push(Buffer.from('abc'));
  pending.end();
  await new Promise((resolve) => setImmediate(resolve));
  // Not cacheable (TTL 0): the next viewer after completion goes to the origin.
  assert.equal((await cache.fetch('k', load, () => 0)).source, 'miss');
  assert.equal(loads, 2);
});

test('createCache: a body the origin broke off is not stored; clear() forgets everything', async () => {
  const cache = createCache({ now: fakeClock().now });
  const broken = new SharedResponse(200, {});
  await cache.fetch('broken', async () => broken, () => 10_000);
  broken.fail(new Error('reset'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(cache.lookup('broken'), undefined);
  await cache.fetch('good', async () => SharedResponse.complete(200, {}, 'ok'), () => 10_000);
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(cache.lookup('good'));
  cache.clear();
  assert.equal(cache.lookup('good'), undefined);
});
