import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entriesFor, maxRequestsPerUrlPerWindow, mediaPlaylistRequests, requestKey } from '../requests.mjs';

const entry = (time, path, query = '') => ({ time, path, query });

test('one request per URL per TTL window when probes come just after each cached 404 expires', () => {
  const log = [entry(0, '/a.m3u8'), entry(3050, '/a.m3u8'), entry(6100, '/a.m3u8'), entry(10, '/b.m3u8'), entry(3100, '/b.m3u8')];
  assert.deepEqual(maxRequestsPerUrlPerWindow(log, 3000), { max: 1, url: '/a.m3u8' });
});

test('two requests for the same URL inside one TTL window are counted, whatever the order of the log', () => {
  const log = [entry(5900, '/a.m3u8'), entry(3000, '/a.m3u8'), entry(0, '/a.m3u8'), entry(100, '/b.m3u8')];
  assert.deepEqual(maxRequestsPerUrlPerWindow(log, 3000), { max: 2, url: '/a.m3u8' });
});

test('the query string is part of the URL, as in the cache key', () => {
  const log = [entry(0, '/a.m3u8', '_HLS_msn=1'), entry(10, '/a.m3u8', '_HLS_msn=2')];
  assert.equal(maxRequestsPerUrlPerWindow(log, 3000).max, 1);
  assert.equal(requestKey(log[0]), '/a.m3u8?_HLS_msn=1');
  assert.deepEqual(maxRequestsPerUrlPerWindow([], 3000), { max: 0, url: null });
});

test('entriesFor keeps one stream and a half-open time span', () => {
  const log = [entry(0, '/streams/bench1230001.m3u8'), entry(5, '/streams/bench1230002.m3u8'), entry(10, '/streams/bench1230001000000001.ts')];
  assert.deepEqual(entriesFor(log, 'bench1230001').map((item) => item.time), [0, 10]);
  assert.deepEqual(entriesFor(log, 'bench1230001', 0, 10).map((item) => item.time), [0]);
});

test('media playlist requests leave out the masters and the media', () => {
  const log = [
    entry(0, '/streams/ll-hls/a/a__master.m3u8'), entry(1, '/streams/ll-hls/a/480/a__lowlatency.m3u8', '_HLS_msn=3'),
    entry(2, '/streams/a.m3u8'), entry(3, '/streams/a_adaptive.m3u8'), entry(4, '/streams/a000000001.ts'),
  ];
  assert.deepEqual(mediaPlaylistRequests(log).map((item) => item.time), [1, 2]);
});
