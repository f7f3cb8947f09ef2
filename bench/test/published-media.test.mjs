// Counting what a stream published, from the origin's own timeline (publish jitter included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTime, withOrigin } from '../../dev/test-support/origin-harness.mjs';
import { firstAvailableAt, publishedCounter, streamKinds } from '../streams.mjs';

test('new segments (AMS HLS) and new parts (LL-HLS) between two times; null for an unknown stream', async () => {
  const streams = [
    { id: 'hls', ...streamKinds['ams-hls'].definition },
    { id: 'ams', ...streamKinds['ams-ll-hls'].definition },
    { id: 'apple', ...streamKinds['apple-ll-hls'].definition },
  ];
  await withOrigin({ streams }, async ({ origin, advance }) => {
    advance(61);
    const count = (kindName, id) => publishedCounter(origin.control, streamKinds[kindName])(id, startTime + 10_500, startTime + 50_500);
    assert.equal(count('ams-hls', 'hls'), 20, '40 s of 2 s segments');
    assert.equal(count('ams-ll-hls', 'ams'), 40, '40 s of 1 s parts');
    assert.equal(count('apple-ll-hls', 'apple'), 200, '40 s of 200 ms parts');
    assert.equal(count('ams-hls', 'nothing'), null);
  });
});

test('firstAvailableAt waits for the first segment\'s publish jitter', async () => {
  await withOrigin({ streams: [{ id: 'late', publishJitterMs: 300 }, { id: 'exact' }] }, async ({ origin, advance }) => {
    advance(5);
    const kind = streamKinds['ams-hls'];
    const jittered = firstAvailableAt(origin.control, kind, 'late', startTime);
    assert.ok(jittered >= startTime + 2000 && jittered < startTime + 2300, `${jittered - startTime} ms`);
    assert.equal(origin.control.publishedMedia('late', jittered).hlsSegments, 1);
    assert.equal(origin.control.publishedMedia('late', jittered - 10).hlsSegments, 0);
    assert.equal(firstAvailableAt(origin.control, kind, 'exact', startTime), startTime + 2000);
  });
});
