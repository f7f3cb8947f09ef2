// Stream shapes beyond AMS's defaults, for the benchmark's matrix: HLS segments of 1 to 10 s in
// MPEG-TS or fMP4, Apple-style LL-HLS parts of 200, 333, 500 and 1000 ms, with or without blocking reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withOrigin } from '../test-support/origin-harness.mjs';
import { groupedUnits, loadFixtureMedia } from '../media/fixture-media.mjs';
import { listBoxes, readFragment } from '../media/fmp4.mjs';
import { normalizeDefinition } from '../streams/registry.mjs';

const sets = loadFixtureMedia();

/** Each track's decode times, fragment after fragment, continue where the last one ended. */
function assertContinuous(buffers) {
  const expectedNext = new Map();
  for (const [index, buffer] of buffers.entries()) {
    const boxes = listBoxes(buffer);
    for (const moof of boxes.filter((box) => box.type === 'moof')) {
      const fragment = readFragment(buffer.subarray(moof.start));
      for (const [trackId, track] of fragment.tracks) {
        if (expectedNext.has(trackId)) assert.equal(track.baseMediaDecodeTime, expectedNext.get(trackId), `buffer ${index}, track ${trackId}`);
        expectedNext.set(trackId, track.baseMediaDecodeTime + BigInt(track.duration));
      }
    }
  }
  return expectedNext;
}

test('the frame fixture: 240 one-frame fragments, a keyframe every 30, the 8 s loop in both tracks', () => {
  const { frames } = sets;
  assert.equal(frames.unitsPerLoop, 240);
  assert.equal(frames.container, 'fmp4');
  const units = Array.from({ length: 240 }, (_, index) => frames.unit(index));
  for (const [index, unit] of units.entries()) {
    const video = readFragment(unit).tracks.get(1);
    assert.equal(video.duration, 3000, `fragment ${index} is one frame at 90 kHz`);
    assert.equal(video.firstSampleIsSync, index % 30 === 0, `fragment ${index} keyframe`);
    assert.equal(frames.startsWithKeyframe(index), index % 30 === 0);
  }
  const ends = assertContinuous([...units, frames.unit(240), frames.unit(241)]);
  assert.equal(ends.get(1), 720000n + 6000n, 'video: 8 s and two frames');
});

test('grouped frames make parts of 200, 333, 500 and 1000 ms, with keyframes where the frames have them', () => {
  for (const [count, unitMs, keyframeEvery] of [[6, 200, 5], [10, 333.333333, 3], [15, 500, 2], [30, 1000, 1]]) {
    const parts = groupedUnits(sets.frames, count);
    assert.equal(parts.unitMs, unitMs);
    assert.equal(parts.unitsPerLoop, 240 / count);
    for (let index = 0; index < parts.unitsPerLoop + 2; index++) {
      assert.equal(parts.startsWithKeyframe(index), index % keyframeEvery === 0, `${count} frames, part ${index}`);
    }
    assertContinuous(Array.from({ length: parts.unitsPerLoop + 2 }, (_, index) => parts.unit(index)));
    assert.equal(groupedUnits(sets.frames, count), parts, 'one grouped set per count');
  }
  assert.throws(() => groupedUnits(sets.frames, 7), /cannot group/);
});

test('HLS segments of 1, 4 and 6 s in MPEG-TS: durations, target duration and bytes follow the segment length', async () => {
  for (const seconds of [1, 4, 6]) {
    await withOrigin({ streams: [{ id: 'plain', hlsSegmentSeconds: seconds }] }, async ({ get, playlist, advance }) => {
      advance(seconds - 0.1);
      assert.equal((await get('plain.m3u8')).status, 404, 'nothing before the first segment is complete');
      advance(3 * seconds);
      const parsed = await playlist('plain.m3u8');
      assert.equal(parsed.targetDuration, seconds);
      assert.deepEqual(parsed.segments.map((segment) => segment.duration), [seconds, seconds, seconds]);
      const segment = await get(parsed.segments[1].uri);
      assert.equal(segment.headers.get('content-type'), 'video/mp2t');
      assert.deepEqual(segment.body, Buffer.concat(Array.from({ length: seconds }, (_, offset) => sets.main.unit(seconds + offset))));
    });
  }
});

test('HLS in fMP4: an init section and .fmp4 segments of 200 ms fragments, decode times continuous', async () => {
  await withOrigin({ streams: [{ id: 'cmafhls', hlsContainer: 'fmp4', hlsSegmentSeconds: 1 }] }, async ({ get, playlist, advance }) => {
    advance(4.05);
    const parsed = await playlist('cmafhls.m3u8');
    assert.equal(parsed.map, 'cmafhls_init.mp4');
    assert.ok(parsed.version >= 6);
    assert.deepEqual(parsed.segments.map((segment) => segment.uri), [0, 1, 2, 3].map((index) => `cmafhls00000000${index}.fmp4`));
    const init = await get('cmafhls_init.mp4');
    assert.equal(init.status, 200);
    assert.deepEqual(init.body, sets.cmaf.init);
    const segments = await Promise.all(parsed.segments.map(async (segment) => (await get(segment.uri)).body));
    assert.deepEqual(segments[1], Buffer.concat([5, 6, 7, 8, 9].map((unit) => sets.cmaf.unit(unit))));
    assertContinuous(segments);
    assert.equal((await get('cmafhls000000001.ts')).status, 404, 'no MPEG-TS twin');
  });
});

test('Apple-style LL-HLS with 333 ms parts: PART-TARGET 0.333, PART-HOLD-BACK 1.000, keyframe parts independent', async () => {
  await withOrigin({ streams: [{ id: 'third', llHls: 'apple', llPartMs: 333 }] }, async ({ get, playlist, advance }) => {
    advance(2.5);
    const parsed = await playlist('ll-hls/third/480/third__lowlatency.m3u8');
    assert.equal(parsed.partTarget, 0.333);
    assert.equal(parsed.serverControl['CAN-BLOCK-RELOAD'], 'YES');
    assert.equal(parsed.serverControl['PART-HOLD-BACK'], '1.000');
    assert.deepEqual(parsed.segments[0].parts.map((part) => [part.duration, part.independent]),
      [[0.333, true], [0.333, false], [0.333, false], [0.333, true], [0.333, false], [0.333, false]]);
    assert.equal(parsed.segments[0].duration, 2);
    assert.equal(parsed.pendingParts.length, 1, '2.5 s: one part of the second segment');
    const part = await get(`ll-hls/third/480/${parsed.pendingParts[0].uri}`);
    assert.deepEqual(part.body, groupedUnits(sets.frames, 10).unit(6));
    assert.equal(listBoxes(part.body).filter((box) => box.type === 'moof').length, 10, 'a part of ten one-frame fragments');
  });
});

test('Apple-style LL-HLS without blocking reload: no CAN-BLOCK-RELOAD, no preload hint, _HLS_msn answered at once', async () => {
  await withOrigin({ streams: [{ id: 'poll', llHls: 'apple', llPartMs: 500, llSegmentSeconds: 4, blockingReload: false }] }, async ({ get, advance }) => {
    advance(4.6);
    const response = await get('ll-hls/poll/480/poll__lowlatency.m3u8?_HLS_msn=3&_HLS_part=0');
    assert.equal(response.status, 200, 'not held: the server does not block');
    const text = response.text;
    assert.match(text, /#EXT-X-SERVER-CONTROL:PART-HOLD-BACK=1\.500\n/);
    assert.doesNotMatch(text, /PRELOAD-HINT|CAN-BLOCK-RELOAD/);
    assert.match(text, /#EXT-X-PART-INF:PART-TARGET=0\.5\n/);
    assert.match(text, /#EXTINF:4\.000,\npoll000000000\.m4s/);
    assert.match(text, /poll000000001\.0\.m4s",INDEPENDENT=YES\n$/);
  });
});

test('stream shape definitions: bad values are refused with the field named', () => {
  for (const [definition, message] of [
    [{ hlsSegmentSeconds: 0 }, /hlsSegmentSeconds/],
    [{ hlsSegmentSeconds: 1.5 }, /hlsSegmentSeconds/],
    [{ hlsContainer: 'mp4' }, /hlsContainer/],
    [{ hlsContainer: 'fmp4', adaptive: true }, /adaptive/],
    [{ llHls: 'apple', llPartMs: 250 }, /llPartMs/],
    [{ llPartMs: 500 }, /llPartMs is for llHls 'apple'/],
    [{ llHls: 'apple', llPartMs: 1000, llSegmentSeconds: 3, blockingReload: 'no' }, /blockingReload/],
  ]) {
    assert.throws(() => normalizeDefinition({ id: 'shape', ...definition }), message, JSON.stringify(definition));
  }
});
