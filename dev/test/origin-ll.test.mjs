// LL-HLS from the origin emulator: AMS-style (MPEG-TS, 1 s parts, no blocking reload) and
// Apple-style (fMP4, 200 ms parts, blocking reload, preload hints).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTime, withOrigin } from '../test-support/origin-harness.mjs';
import { parsePlaylist } from '../streams/playlist-parser.mjs';
import { loadFixtureMedia } from '../media/fixture-media.mjs';
import { readFragment } from '../media/fmp4.mjs';


/** Settles-or-not probe for a pending promise. */
function track(promise) {
  const state = { settled: false, value: undefined };
  state.promise = promise.then((value) => { state.settled = true; state.value = value; return value; });
  return state;
}

function assertLowLatencyRules(parsed) {
  for (const segment of parsed.segments) {
    assert.ok(parsed.targetDuration >= Math.round(segment.duration), 'TARGETDURATION >= rounded EXTINF');
    if (segment.parts.length > 0) {
      const total = segment.parts.reduce((sum, part) => sum + part.duration, 0);
      assert.ok(Math.abs(total - segment.duration) < 0.001, 'parts add up to the segment');
    }
    for (const part of segment.parts) assert.ok(part.duration <= parsed.partTarget + 0.001, 'part <= PART-TARGET');
  }
  if (parsed.serverControl?.['PART-HOLD-BACK']) {
    assert.ok(Number(parsed.serverControl['PART-HOLD-BACK']) >= 3 * parsed.partTarget - 1e-9, 'PART-HOLD-BACK >= 3 x PART-TARGET');
  }
}

test('AMS-style LL-HLS: master -> 480/{id}__lowlatency.m3u8, TS parts of 1 s, no server control', async () => {
  await withOrigin({ streams: [{ id: 'ams1' }] }, async ({ get, playlist, advance }) => {
    assert.equal((await get('ll-hls/ams1/ams1__master.m3u8')).status, 404, 'before anything is produced');
    advance(1);
    const master = await playlist('ll-hls/ams1/ams1__master.m3u8');
    assert.deepEqual(master.variants.map((variant) => variant.uri), ['480/ams1__lowlatency.m3u8']);
    advance(6.5);
    const response = await get('ll-hls/ams1/480/ams1__lowlatency.m3u8?_HLS_msn=50');
    assert.equal(response.status, 200, 'no blocking reload: query ignored');
    assert.equal(response.headers.get('cache-control'), 'max-age=0');
    const parsed = parsePlaylist(response.text);
    assert.equal(parsed.serverControl, null);
    assert.equal(parsed.partTarget, 1);
    assert.equal(parsed.preloadHint, null);
    assertLowLatencyRules(parsed);
    assert.deepEqual(parsed.segments.map((segment) => segment.uri), ['ams1000000000.ts', 'ams1000000001.ts', 'ams1000000002.ts']);
    assert.deepEqual(parsed.pendingParts.map((part) => part.uri), ['ams1000000003.0.ts']);
    assert.ok(parsed.pendingParts[0].independent);
    const { main } = loadFixtureMedia();
    for (const segment of parsed.segments) {
      const whole = await get(`ll-hls/ams1/480/${segment.uri}`);
      assert.equal(whole.headers.get('content-type'), 'video/mp2t');
      assert.deepEqual(segment.parts.map((part) => part.uri), [0, 1].map((part) => segment.uri.replace('.ts', `.${part}.ts`)));
      const parts = await Promise.all(segment.parts.map(async (part) => (await get(`ll-hls/ams1/480/${part.uri}`)).body));
      assert.deepEqual(Buffer.concat(parts), whole.body, 'parts concatenate to the segment');
    }
    assert.deepEqual((await get('ll-hls/ams1/480/ams1000000003.0.ts')).body, main.unit(6));
    assert.equal((await get('ll-hls/ams1/480/ams1000000003.1.ts')).status, 404, 'part not produced yet');
    assert.equal((await get('ll-hls/ams1/480/ams1000000003.ts')).status, 404);
    assert.equal((await get('ll-hls/ams1/480/ams1__init.mp4')).status, 404);
    assert.equal((await get('ll-hls/ams1/480/ams1000000000.0.m4s')).status, 404);
    // Program date times are listed for the in-progress segment too.
    assert.equal(parsed.pendingProgramDateTime, startTime + 6000);
  });
});

test('AMS-style LL-HLS: for the first part after a segment completes, the playlist ends on that segment', async () => {
  // AMS writes no preload hint, so until the next segment's first part exists the playlist ends
  // on the complete segment's URI: the case hls.js 1.7.4 mishandles (src/hls/hls-workarounds.ts
  // rewrittenPlaylist: the next-segment marker). The emulator must keep producing it.
  await withOrigin({ streams: [{ id: 'ams2' }] }, async ({ get, advance }) => {
    advance(6.5);
    const text = (await get('ll-hls/ams2/480/ams2__lowlatency.m3u8')).text;
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.at(-1), 'ams2000000002.ts');
    assert.equal(lines.at(-3), '#EXT-X-PART:DURATION=1.000,URI="ams2000000002.1.ts",INDEPENDENT=YES');
    advance(1);
    const parsed = parsePlaylist((await get('ll-hls/ams2/480/ams2__lowlatency.m3u8')).text);
    assert.deepEqual(parsed.pendingParts.map((part) => part.uri), ['ams2000000003.0.ts']);
  });
});

test('AMS-style LL-HLS with llSegmentSeconds 4: TARGETDURATION:4, four 1 s parts per segment, as published AMS playlists', async () => {
  await withOrigin({ streams: [{ id: 'ams4', llSegmentSeconds: 4 }] }, async ({ get, playlist, advance }) => {
    advance(13.5);
    const parsed = await playlist('ll-hls/ams4/480/ams4__lowlatency.m3u8');
    assert.equal(parsed.targetDuration, 4);
    assertLowLatencyRules(parsed);
    assert.deepEqual(parsed.segments.map((segment) => [segment.uri, segment.duration, segment.programDateTime - startTime]),
      [['ams4000000000.ts', 4, 0], ['ams4000000001.ts', 4, 4000], ['ams4000000002.ts', 4, 8000]]);
    assert.deepEqual(parsed.segments[2].parts.map((part) => part.uri), [0, 1, 2, 3].map((part) => `ams4000000002.${part}.ts`));
    assert.deepEqual(parsed.pendingParts.map((part) => part.uri), ['ams4000000003.0.ts']);
    const whole = await get('ll-hls/ams4/480/ams4000000002.ts');
    const parts = await Promise.all(parsed.segments[2].parts.map(async (part) => (await get(`ll-hls/ams4/480/${part.uri}`)).body));
    assert.deepEqual(Buffer.concat(parts), whole.body, 'parts concatenate to the segment');
    // The HLS playlist of the same stream keeps AMS's 2 s hlsTime.
    assert.equal((await playlist('ams4.m3u8')).targetDuration, 2);
  });
});

test('Apple-style LL-HLS: fMP4 parts of 200 ms, EXT-X-MAP, server control and preload hint', async () => {
  await withOrigin({ streams: [{ id: 'apl', llHls: 'apple', stopAfter: 30 }] }, async ({ get, playlist, advance }) => {
    advance(0.1);
    assert.equal((await get('ll-hls/apl/480/apl__lowlatency.m3u8')).status, 404);
    advance(0.1);
    let parsed = await playlist('ll-hls/apl/480/apl__lowlatency.m3u8');
    assert.deepEqual(parsed.pendingParts.map((part) => part.uri), ['apl000000000.0.m4s']);
    advance(5.3); // 5.5 s: segments 0, 1; segment 2 has parts 0..6
    parsed = await playlist('ll-hls/apl/480/apl__lowlatency.m3u8');
    assert.equal(parsed.serverControl['CAN-BLOCK-RELOAD'], 'YES');
    assert.equal(parsed.partTarget, 0.2);
    assert.equal(parsed.map, 'apl__init.mp4');
    assertLowLatencyRules(parsed);
    assert.equal(parsed.segments.length, 2);
    assert.equal(parsed.pendingParts.length, 7);
    assert.deepEqual(parsed.preloadHint, { TYPE: 'PART', URI: 'apl000000002.7.m4s' });
    assert.deepEqual(parsed.pendingParts.map((part) => part.independent), [true, false, false, false, false, true, false]);
    const init = await get('ll-hls/apl/480/apl__init.mp4');
    assert.equal(init.headers.get('content-type'), 'video/mp4');
    const { cmaf } = loadFixtureMedia();
    assert.deepEqual(init.body, cmaf.init);
    const segment = await get('ll-hls/apl/480/apl000000001.m4s');
    assert.equal(segment.headers.get('content-type'), 'video/mp4');
    const parts = await Promise.all(parsed.segments[1].parts.map(async (part) => (await get(`ll-hls/apl/480/${part.uri}`)).body));
    assert.equal(parts.length, 10);
    assert.deepEqual(Buffer.concat(parts), segment.body, 'parts concatenate to the segment');
    assert.equal(readFragment(parts[0]).tracks.get(1).baseMediaDecodeTime, 180000n);
    assert.equal((await get('ll-hls/apl/480/apl000000001.0.ts')).status, 404, 'TS names do not exist for apple streams');
    advance(30);
    parsed = await playlist('ll-hls/apl/480/apl__lowlatency.m3u8');
    assert.equal(parsed.ended, true);
    assert.equal(parsed.preloadHint, null);
    assert.equal(parsed.pendingParts.length, 0);
    assert.equal(parsed.segments.at(-1).uri, 'apl000000014.m4s');
  });
});

test('Apple-style LL-HLS blocking reload: held until the part exists, immediate if it does, 400 if too far', async () => {
  await withOrigin({ streams: [{ id: 'blk', llHls: 'apple' }] }, async ({ get, advance }) => {
    const path = 'll-hls/blk/480/blk__lowlatency.m3u8';
    advance(5.5); // segment 2 has parts 0..6 complete; part 7 is the hinted one
    const immediate = await get(`${path}?_HLS_msn=2&_HLS_part=3`);
    assert.equal(immediate.status, 200);
    assert.ok(immediate.text.includes('blk000000002.6.m4s'));

    const held = track(get(`${path}?_HLS_msn=2&_HLS_part=7`));
    const heldPart = track(get('ll-hls/blk/480/blk000000002.7.m4s'));
    await sleep(150);
    assert.equal(held.settled, false, 'playlist held while part 7 does not exist');
    assert.equal(heldPart.settled, false, 'hinted part held while it does not exist');
    advance(0.2);
    const answer = await Promise.race([held.promise, sleep(1000).then(() => null)]);
    assert.ok(answer, 'answered soon after the part is produced');
    assert.equal(answer.status, 200);
    const parsed = parsePlaylist(answer.text);
    assert.equal(parsed.pendingParts.at(-1).uri, 'blk000000002.7.m4s');
    const part = await heldPart.promise;
    assert.equal(part.status, 200);
    assert.deepEqual(part.body, loadFixtureMedia().cmaf.unit(27));

    // _HLS_part past the last part of a segment means the next segment's parts.
    const nextSegment = track(get(`${path}?_HLS_msn=2&_HLS_part=10`));
    const wholeSegment = track(get(`${path}?_HLS_msn=2`));
    await sleep(100);
    assert.equal(nextSegment.settled, false);
    assert.equal(wholeSegment.settled, false);
    advance(0.4); // 6.1 s: segment 2 complete, part 3.0 not yet
    assert.equal((await wholeSegment.promise).status, 200);
    await sleep(100);
    assert.equal(nextSegment.settled, false);
    advance(0.1);
    assert.ok(parsePlaylist((await nextSegment.promise).text).pendingParts.some((entry) => entry.uri === 'blk000000003.0.m4s'));

    assert.equal((await get(`${path}?_HLS_msn=6`)).status, 400, 'more than two segments ahead');
    assert.equal((await get(`${path}?_HLS_msn=x`)).status, 400);
    assert.equal((await get('ll-hls/blk/480/blk000000005.0.m4s')).status, 404, 'far-future part is not held');
  });
});

test('LL-HLS: held requests end with 404 when the stream is deleted', async () => {
  await withOrigin({ streams: [{ id: 'del', llHls: 'apple' }] }, async ({ origin, get, advance }) => {
    advance(3);
    const held = track(get('ll-hls/del/480/del__lowlatency.m3u8?_HLS_msn=1&_HLS_part=8'));
    await sleep(80);
    assert.equal(held.settled, false);
    origin.control.deleteStream('del');
    assert.equal((await held.promise).status, 404);
  });
});

test("LL-HLS turned off (llHls 'none'): every ll-hls URL 404s while HLS plays", async () => {
  await withOrigin({ streams: [{ id: 'off', llHls: 'none' }] }, async ({ get, advance }) => {
    advance(10);
    assert.equal((await get('off.m3u8')).status, 200);
    assert.equal((await get('off000000001.ts')).status, 200);
    for (const path of ['ll-hls/off/off__master.m3u8', 'll-hls/off/480/off__lowlatency.m3u8', 'll-hls/off/480/off000000001.ts', 'll-hls/off/480/off000000001.0.ts']) {
      assert.equal((await get(path)).status, 404, path);
    }
  });
});
