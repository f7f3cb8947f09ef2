// AMS-style HLS and ABR from the origin emulator, driven by a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTime, withOrigin } from '../test-support/origin-harness.mjs';
import { loadFixtureMedia } from '../media/fixture-media.mjs';
import { readStreamPids, readTimestamps } from '../media/mpegts.mjs';


function assertHlsRules(parsed) {
  for (const segment of parsed.segments) {
    assert.ok(parsed.targetDuration >= Math.round(segment.duration), `TARGETDURATION ${parsed.targetDuration} < EXTINF ${segment.duration}`);
  }
  for (let index = 1; index < parsed.segments.length; index++) {
    const previous = parsed.segments[index - 1];
    assert.equal(parsed.segments[index].programDateTime - previous.programDateTime, Math.round(previous.duration * 1000), 'program date times follow durations');
  }
}

test('HLS: 404 before start, 404 until the first 2 s segment exists, then a live sliding window', async () => {
  await withOrigin({ streams: [{ id: 'cam1', startIn: 10 }] }, async ({ get, playlist, advance }) => {
    assert.equal((await get('cam1.m3u8')).status, 404);
    assert.equal((await get('cam1000000000.ts')).status, 404);
    advance(11);
    assert.equal((await get('cam1.m3u8')).status, 404, 'no segment yet 1 s after the start');
    assert.equal((await get('cam1000000000.ts')).status, 404, 'incomplete segment');
    advance(1);
    let parsed = await playlist('cam1.m3u8');
    assert.deepEqual(parsed.segments.map((segment) => segment.uri), ['cam1000000000.ts']);
    assert.equal(parsed.segments[0].programDateTime, startTime + 10000);
    assert.equal(parsed.ended, false);
    let previousSequence = -1;
    for (let step = 0; step < 80; step++) {
      advance(0.7);
      parsed = await playlist('cam1.m3u8');
      assertHlsRules(parsed);
      assert.ok(parsed.mediaSequence >= previousSequence, 'media sequence never goes back');
      previousSequence = parsed.mediaSequence;
      assert.ok(parsed.segments.length <= 15);
      parsed.segments.forEach((segment) => {
        assert.equal(segment.uri, `cam1${String(segment.mediaSequence).padStart(9, '0')}.ts`);
        assert.equal(segment.duration, 2);
        assert.equal(segment.programDateTime, startTime + 10000 + segment.mediaSequence * 2000);
      });
    }
    // 2 + 56 = 58 s of live time -> 29 segments -> window 14..28
    assert.equal(parsed.segments.length, 15);
    assert.equal(parsed.mediaSequence, 14);
    assert.equal(parsed.segments.at(-1).uri, 'cam1000000028.ts');
  });
});

test('HLS: headers, HEAD, segment bytes and availability', async () => {
  await withOrigin({ streams: [{ id: 'cam1' }] }, async ({ origin, get, advance }) => {
    advance(6.5);
    const list = await get('cam1.m3u8');
    assert.equal(list.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    assert.equal(list.headers.get('cache-control'), 'max-age=0');
    assert.equal(list.headers.get('access-control-allow-origin'), '*');
    const segment = await get('cam1000000001.ts');
    assert.equal(segment.status, 200);
    assert.equal(segment.headers.get('content-type'), 'video/mp2t');
    assert.equal(segment.headers.get('cache-control'), 'max-age=10');
    const { main } = loadFixtureMedia();
    assert.deepEqual(segment.body, Buffer.concat([main.unit(2), main.unit(3)]));
    const head = await get('cam1000000001.ts', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(Number(head.headers.get('content-length')), segment.body.length);
    assert.equal((await get('cam1.m3u8', { method: 'HEAD' })).status, 200);
    assert.equal((await get('cam1000000003.ts')).status, 404, 'segment 3 ends at 8 s, not produced yet');
    assert.equal((await get('nosuch.m3u8')).status, 404);
    const preflight = await fetch(`${origin.url}/live/streams/cam1.m3u8`, { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-test' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods'), /GET/);
    const entry = origin.log.find((record) => record.path === '/live/streams/cam1000000001.ts' && record.method === 'GET');
    assert.equal(entry.status, 200);
    assert.equal(entry.time, startTime + 6500);
    assert.equal(typeof entry.durationMs, 'number');
    // Segments far behind the window are deleted, as AMS does.
    advance(60);
    assert.equal((await get('cam1000000001.ts')).status, 404);
  });
});

test('HLS: ENDLIST after stopAfter, 404 goneAfter later, restart under the same id begins a fresh broadcast', async () => {
  await withOrigin({ streams: [{ id: 'show', stopAfter: 9, goneAfter: 20 }] }, async ({ origin, get, playlist, advance }) => {
    advance(8.5);
    assert.equal((await playlist('show.m3u8')).ended, false);
    advance(1);
    let parsed = await playlist('show.m3u8');
    assert.equal(parsed.ended, true);
    assert.deepEqual(parsed.segments.map((segment) => segment.duration), [2, 2, 2, 2, 1], 'the final segment holds the last second');
    assertHlsRules(parsed);
    assert.equal(origin.control.getStream('show').phase, 'ended');
    advance(19); // 28.5 s: stopped 19.5 s ago
    assert.deepEqual((await playlist('show.m3u8')).segments.length, 5, 'no new segments after the stop');
    assert.equal((await get('show000000004.ts')).status, 200);
    advance(1);
    assert.equal((await get('show.m3u8')).status, 404, 'gone 20 s after the stop');
    assert.equal((await get('show000000004.ts')).status, 404);
    assert.equal(origin.control.getStream('show').phase, 'gone');

    const restarted = origin.control.startStream('show', { startIn: 2 });
    assert.equal(restarted.phase, 'gone');
    advance(3.9);
    assert.equal((await get('show.m3u8')).status, 404, 'first segment of the new broadcast not complete yet');
    advance(0.1);
    parsed = await playlist('show.m3u8');
    assert.equal(parsed.mediaSequence, 0, 'media sequence restarts');
    assert.equal(parsed.ended, false);
    assert.equal(parsed.segments[0].programDateTime, origin.control.now() - 2000);
    assert.equal(origin.control.getStream('show').live, true);

    origin.control.stopStream('show', { goneAfter: 0 });
    assert.equal((await get('show.m3u8')).status, 404, 'goneAfter 0: gone at once');
  });
});

test('HLS: stopping and restarting while the old broadcast is still listed', async () => {
  await withOrigin({ streams: [{ id: 'again' }] }, async ({ origin, playlist, advance }) => {
    advance(10);
    origin.control.stopStream('again');
    advance(5);
    const ended = await playlist('again.m3u8');
    assert.equal(ended.ended, true);
    assert.equal(ended.segments.length, 5);
    origin.control.startStream('again', { startIn: 3 });
    advance(2);
    assert.equal((await playlist('again.m3u8')).ended, true, 'old broadcast stays until the new one starts');
    advance(3);
    const fresh = await playlist('again.m3u8');
    assert.equal(fresh.ended, false);
    assert.equal(fresh.mediaSequence, 0);
    assert.equal(fresh.segments.length, 1);
  });
});

test('ABR: _adaptive.m3u8 only for adaptive streams, with two live renditions', async () => {
  await withOrigin({ streams: [{ id: 'multi', adaptive: true }, { id: 'single' }] }, async ({ get, playlist, advance }) => {
    advance(1);
    assert.equal((await get('multi_adaptive.m3u8')).status, 404, 'nothing produced yet');
    advance(5);
    assert.equal((await get('single_adaptive.m3u8')).status, 404);
    assert.equal((await get('single_360p500kbps.m3u8')).status, 404);
    assert.equal((await get('single.m3u8')).status, 200);
    const master = await playlist('multi_adaptive.m3u8');
    assert.deepEqual(master.variants.map((variant) => variant.uri), ['multi_360p500kbps.m3u8', 'multi_180p200kbps.m3u8']);
    for (const variant of master.variants) {
      assert.ok(Number(variant.BANDWIDTH) > 100000);
      assert.match(variant.RESOLUTION, /^\d+x\d+$/);
      assert.match(variant.CODECS, /^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
      const media = await playlist(variant.uri);
      assert.equal(media.segments.length, 3);
      assertHlsRules(media);
      const segment = await get(media.segments[0].uri);
      assert.equal(segment.status, 200);
      assert.equal(segment.headers.get('content-type'), 'video/mp2t');
    }
    const { high, main } = loadFixtureMedia();
    assert.deepEqual((await get('multi_360p500kbps000000000.ts')).body, Buffer.concat([high.unit(0), high.unit(1)]));
    assert.deepEqual((await get('multi_180p200kbps000000000.ts')).body, Buffer.concat([main.unit(0), main.unit(1)]));
    assert.equal((await get('multi.m3u8')).status, 200, 'the plain playlist exists for adaptive streams too');
  });
});

test('DELETE: a stream is gone at once', async () => {
  await withOrigin({ streams: [{ id: 'temp' }] }, async ({ origin, get, advance }) => {
    advance(4);
    assert.equal((await get('temp.m3u8')).status, 200);
    assert.equal(origin.control.deleteStream('temp'), true);
    assert.equal((await get('temp.m3u8')).status, 404);
    assert.equal((await get('temp000000000.ts')).status, 404);
    assert.equal(origin.control.getStream('temp'), null);
  });
});

test('corrupt fault: TS video payloads come inverted, timestamps and stream layout intact, for its seconds', async () => {
  await withOrigin({ streams: [{ id: 'bad', startIn: -20 }] }, async ({ origin, get, advance }) => {
    const clean = await get('bad000000003.ts');
    const cleanPart = await get('ll-hls/bad/480/bad000000003.0.ts');
    origin.control.addFault({ kind: 'corrupt', id: 'bad', resource: 'segment', seconds: 5 });
    const corrupt = await get('bad000000003.ts');
    assert.equal(corrupt.status, 200);
    assert.equal(corrupt.body.length, clean.body.length);
    assert.notDeepEqual(corrupt.body, clean.body);
    assert.deepEqual(readTimestamps(corrupt.body), readTimestamps(clean.body), 'PES headers untouched');
    assert.deepEqual(readStreamPids(corrupt.body), readStreamPids(clean.body), 'PAT/PMT untouched');
    assert.deepEqual((await get('ll-hls/bad/480/bad000000003.0.ts')).body, cleanPart.body, 'parts are another resource');
    advance(6);
    assert.deepEqual((await get('bad000000003.ts')).body, clean.body, 'clean again once the fault expires');
  });
});

test('previews/{id}.png: the preview image AMS writes, for a known stream only', async () => {
  await withOrigin({ streams: [{ id: 'cam1', startIn: 10 }] }, async ({ origin }) => {
    const known = await fetch(`${origin.url}/live/previews/cam1.png`);
    assert.equal(known.status, 200);
    assert.equal(known.headers.get('content-type'), 'image/png');
    assert.deepEqual([...Buffer.from(await known.arrayBuffer()).subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.equal((await fetch(`${origin.url}/live/previews/nobody.png`)).status, 404);
  });
});

test('streams/{id}.mp4: the recording, for a stream defined with recording only', async () => {
  await withOrigin({ streams: [{ id: 'cam1', startIn: 10, recording: true }, { id: 'cam2', startIn: 10 }] }, async ({ get }) => {
    const recording = await get('cam1.mp4');
    assert.equal(recording.status, 200);
    assert.equal(recording.headers.get('content-type'), 'video/mp4');
    assert.equal(recording.body.subarray(4, 8).toString('latin1'), 'ftyp');
    assert.equal((await get('cam1.mp4', { method: 'HEAD' })).status, 200);
    assert.equal((await get('cam2.mp4')).status, 404);
    assert.equal((await get('cam1.webm')).status, 404);
  });
});

test('listSize: a long window (AMS hlsListSize), every listed segment served', async () => {
  await withOrigin({ streams: [{ id: 'cam1', startIn: -300, listSize: 60 }, { id: 'cam2', startIn: -300 }] }, async ({ get, playlist }) => {
    const long = await playlist('cam1.m3u8');
    assert.equal(long.segments.length, 60);
    assert.equal((await playlist('cam2.m3u8')).segments.length, 15);
    assert.equal((await get(long.segments[0].uri)).status, 200);
  });
});

test('subtitles: the ABR master lists a WebVTT rendition; its playlist follows the HLS one; each .vtt is timed by X-TIMESTAMP-MAP', async () => {
  await withOrigin({ streams: [{ id: 'cam1', startIn: -30, adaptive: true, subtitles: true }, { id: 'cam2', startIn: -30, adaptive: true }] }, async ({ get, playlist }) => {
    const master = (await get('cam1_adaptive.m3u8')).text;
    assert.match(master, /#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",.*URI="cam1_subtitles_en.m3u8"/);
    assert.match(master, /#EXT-X-STREAM-INF:.*SUBTITLES="subs"/);
    assert.doesNotMatch((await get('cam2_adaptive.m3u8')).text, /SUBTITLES/);
    const video = await playlist('cam1.m3u8');
    const subtitles = await playlist('cam1_subtitles_en.m3u8');
    assert.deepEqual(subtitles.segments.map((segment) => segment.duration), video.segments.map((segment) => segment.duration));
    const last = subtitles.segments.at(-1);
    assert.match(last.uri, /^cam1_subtitles_en\d{9}\.vtt$/);
    const vtt = await get(last.uri);
    assert.equal(vtt.headers.get('content-type'), 'text/vtt; charset=utf-8');
    const sequence = Number(last.uri.slice(-13, -4));
    const ts = await get(video.segments.at(-1).uri);
    const firstPts = Math.min(...readTimestamps(ts.body).filter(({ kind }) => kind === 'pts').map(({ value }) => Number(value)));
    assert.equal(vtt.text, `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${firstPts},LOCAL:00:00:00.000\n\n00:00:00.000 --> 00:00:01.900\nSegment ${sequence}\n`);
    assert.equal((await get('cam2_subtitles_en.m3u8')).status, 404);
  });
});

test('closedCaptions: the ABR master declares CC1; the video segments carry the captions, the plain stream none', async () => {
  await withOrigin({ streams: [{ id: 'cam1', startIn: -30, adaptive: true, closedCaptions: true }, { id: 'cam2', startIn: -30, adaptive: true }] }, async ({ get, playlist }) => {
    const master = (await get('cam1_adaptive.m3u8')).text;
    assert.match(master, /#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,INSTREAM-ID="CC1"\n/);
    assert.match(master, /#EXT-X-STREAM-INF:.*CLOSED-CAPTIONS="cc"/);
    assert.doesNotMatch((await get('cam2_adaptive.m3u8')).text, /CLOSED-CAPTIONS/);
    const captionData = Buffer.from('GA94', 'latin1');
    for (const uri of ['cam1.m3u8', 'cam1_360p500kbps.m3u8']) {
      const segment = await get((await playlist(uri)).segments.at(-1).uri);
      assert.ok(segment.body.includes(captionData), `${uri}: a segment with caption data`);
    }
    const plain = await get((await playlist('cam2.m3u8')).segments.at(-1).uri);
    assert.ok(!plain.body.includes(captionData));
  });
});

test('audioRenditions: the ABR master lists English (in the segments) and Deutsch (a playlist of audio alone, same timeline)', async () => {
  await withOrigin({ streams: [{ id: 'cam1', startIn: -30, adaptive: true, audioRenditions: true }, { id: 'cam2', startIn: -30, adaptive: true }] }, async ({ get, playlist }) => {
    const master = (await get('cam1_adaptive.m3u8')).text;
    assert.match(master, /#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES\n/);
    assert.match(master, /#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Deutsch",LANGUAGE="de",DEFAULT=NO,AUTOSELECT=YES,URI="cam1_audio_de.m3u8"/);
    assert.match(master, /#EXT-X-STREAM-INF:.*AUDIO="audio"/);
    const video = await playlist('cam1_180p200kbps.m3u8');
    const german = await playlist('cam1_audio_de.m3u8');
    assert.deepEqual(german.segments.map((segment) => segment.programDateTime), video.segments.map((segment) => segment.programDateTime));
    const segment = await get(german.segments.at(-1).uri);
    assert.equal(segment.status, 200);
    const { video: videoPid, audio } = readStreamPids(segment.body);
    assert.equal(videoPid, null);
    assert.notEqual(audio, null);
    assert.equal((await get('cam2_audio_de.m3u8')).status, 404);
  });
});
