import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStreamId, streamUrl } from '../streams.mjs';
import { rotated } from '../players.mjs';

test('streamUrl gives raw hls.js the URL the element plays first for the play order', () => {
  assert.equal(streamUrl('http://127.0.0.1:8080', 'abc', 'll-hls'), 'http://127.0.0.1:8080/streams/ll-hls/abc/abc__master.m3u8');
  assert.equal(streamUrl('http://127.0.0.1:8080', 'abc', 'hls'), 'http://127.0.0.1:8080/streams/abc.m3u8');
  assert.equal(streamUrl('http://127.0.0.1:8080', 'abc', 'll-hls,hls'), 'http://127.0.0.1:8080/streams/ll-hls/abc/abc__master.m3u8');
});

test('fresh stream ids differ, have one length, and none is found inside another one\'s media path', () => {
  const ids = Array.from({ length: 20 }, () => freshStreamId());
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(new Set(ids.map((id) => id.length)).size, 1);
  for (const id of ids) {
    const path = `/streams/ll-hls/${id}/480/${id}000000012.3.m4s`;
    assert.deepEqual(ids.filter((other) => path.includes(other)), [id]);
  }
});

test('rotated starts each round with the next player', () => {
  assert.deepEqual(rotated(['a', 'b', 'c'], 0), ['a', 'b', 'c']);
  assert.deepEqual(rotated(['a', 'b', 'c'], 1), ['b', 'c', 'a']);
  assert.deepEqual(rotated(['a', 'b', 'c'], 5), ['c', 'a', 'b']);
});
