// The committed fixtures and the timestamp rewriting that makes them loop seamlessly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadFixtureMedia, fixturesDirectory } from '../media/fixture-media.mjs';
import { readTimestamps, readStreamPids, shiftTimestamps, packetSize } from '../media/mpegts.mjs';
import { readInitTracks, readFragment, listBoxes } from '../media/fmp4.mjs';

const sets = loadFixtureMedia();
const loopTicks = 8 * 90000;

function videoAndAudioPts(buffer) {
  const { video, audio } = readStreamPids(buffer);
  const timestamps = readTimestamps(buffer);
  const ptsOf = (pid) => timestamps.filter((entry) => entry.kind === 'pts' && entry.pid === pid).map((entry) => Number(entry.value));
  return { video: ptsOf(video), audio: ptsOf(audio), pcr: timestamps.filter((entry) => entry.kind === 'pcr').map((entry) => Number(entry.value)) };
}

for (const name of ['main', 'high']) {
  test(`TS fixture ${name}: 8 chunks of exactly 30 frames, each starting with PAT/PMT and an IDR at a whole second`, () => {
    const set = sets[name];
    assert.equal(set.unitsPerLoop, 8);
    assert.equal(set.unitMs, 1000);
    const first = videoAndAudioPts(set.unit(0));
    for (let chunk = 0; chunk < 8; chunk++) {
      const buffer = set.unit(chunk);
      assert.equal(buffer.length % packetSize, 0);
      const firstPids = [0, 1, 2].map((packet) => ((buffer[packet * packetSize + 1] & 0x1f) << 8) | buffer[packet * packetSize + 2]);
      assert.ok(firstPids.includes(0), 'chunk starts with SDT/PAT/PMT');
      const { video } = videoAndAudioPts(buffer);
      assert.equal(video.length, 30);
      assert.equal(video[0], first.video[0] + chunk * 90000);
      // IDR NAL (type 5) near the start of the chunk's first video PES
      const nal = buffer.indexOf(Buffer.from([0, 0, 1, 0x65]));
      assert.ok(nal > 0 && nal < 2000, 'IDR at the start of the chunk');
    }
    assert.equal(first.audio[0], first.video[0], 'audio and video start together');
  });
}

test('TS loop: PTS keep increasing across the loop boundary with no gap or overlap', () => {
  const units = Array.from({ length: 20 }, (_, index) => sets.main.unit(index));
  const { video, audio, pcr } = videoAndAudioPts(Buffer.concat(units));
  assert.equal(video.length, 600);
  for (let index = 1; index < video.length; index++) assert.equal(video[index] - video[index - 1], 3000, `video frame ${index}`);
  // Audio PES packets carry whole AAC frames (1920 ticks each): strictly increasing, on the frame grid.
  for (let index = 1; index < audio.length; index++) {
    const step = audio[index] - audio[index - 1];
    assert.ok(step > 0 && step % 1920 === 0 && step <= 1920 * 20, `audio PES ${index} step ${step}`);
  }
  assert.equal((audio.at(-1) - audio[0]) % 1920, 0);
  for (let index = 1; index < pcr.length; index++) assert.ok(pcr[index] > pcr[index - 1], 'PCR increases');
  // loop n is loop 0 shifted by n x 8 s
  assert.deepEqual(videoAndAudioPts(sets.main.unit(17)).video, videoAndAudioPts(sets.main.unit(1)).video.map((pts) => pts + 2 * loopTicks));
});

test('TS loop: the audio covers exactly 375 AAC frames per loop', () => {
  // Count ADTS sync words in the audio PES payloads of one loop.
  const loop = Buffer.concat(Array.from({ length: 8 }, (_, index) => sets.main.unit(index)));
  const { audio: audioPid } = readStreamPids(loop);
  const payload = [];
  for (let start = 0; start < loop.length; start += packetSize) {
    const pid = ((loop[start + 1] & 0x1f) << 8) | loop[start + 2];
    if (pid !== audioPid) continue;
    const control = (loop[start + 3] >> 4) & 3;
    let offset = start + 4 + (control & 2 ? 1 + loop[start + 4] : 0);
    if (loop[start + 1] & 0x40) offset += 9 + loop[offset + 8]; // skip the PES header
    payload.push(loop.subarray(offset, start + packetSize));
  }
  const elementary = Buffer.concat(payload);
  let frames = 0;
  for (let offset = 0; offset + 7 <= elementary.length;) {
    assert.equal(elementary[offset], 0xff, 'ADTS sync');
    frames++;
    offset += ((elementary[offset + 3] & 3) << 11) | (elementary[offset + 4] << 3) | (elementary[offset + 5] >> 5);
  }
  assert.equal(frames, 375);
});

test('shiftTimestamps wraps at 2^33 and leaves the input untouched', () => {
  const original = sets.main.unit(0);
  const copy = Buffer.from(original);
  const shifted = shiftTimestamps(original, 2 ** 33 - 126000);
  assert.deepEqual(original, copy);
  assert.equal(Number(readTimestamps(shifted).find((entry) => entry.kind === 'pts').value), 0);
});

test('fMP4 fixture: init has a 90 kHz video and a 48 kHz audio track, no edit list; 40 fragments of 200 ms', () => {
  const init = readFileSync(new URL('fmp4/init.mp4', `file://${fixturesDirectory}`));
  assert.deepEqual(listBoxes(init).map((box) => box.type), ['ftyp', 'moov']);
  assert.equal(init.indexOf('elst'), -1);
  const tracks = readInitTracks(init);
  assert.deepEqual(tracks.map((track) => [track.handler, track.timescale]), [['vide', 90000], ['soun', 48000]]);
  assert.ok(init.includes(Buffer.from([0x05, 0x80, 0x80, 0x80, 0x02, 0x11, 0x88])), 'esds carries the AudioSpecificConfig');
  assert.equal(sets.cmaf.unitsPerLoop, 40);
  assert.equal(sets.cmaf.unitMs, 200);
  for (let index = 0; index < 40; index++) {
    const fragment = readFragment(sets.cmaf.unit(index));
    assert.deepEqual(listBoxes(sets.cmaf.unit(index)).map((box) => box.type), ['moof', 'mdat']);
    const video = fragment.tracks.get(1);
    assert.equal(video.duration, 18000, `fragment ${index} is 200 ms of video`);
    assert.equal(video.firstSampleIsSync, index % 5 === 0, `fragment ${index} keyframe`);
  }
});

test('fMP4 loop: tfdt continues exactly across loop boundaries, mfhd numbers count up', () => {
  const expectedNext = new Map();
  for (let index = 0; index < 130; index++) {
    const fragment = readFragment(sets.cmaf.unit(index));
    assert.equal(fragment.sequenceNumber, index + 1);
    for (const [trackId, track] of fragment.tracks) {
      if (expectedNext.has(trackId)) assert.equal(track.baseMediaDecodeTime, expectedNext.get(trackId), `track ${trackId} fragment ${index}`);
      expectedNext.set(trackId, track.baseMediaDecodeTime + BigInt(track.duration));
    }
  }
  assert.equal(readFragment(sets.cmaf.unit(120)).tracks.get(1).baseMediaDecodeTime, 3n * 720000n);
  assert.equal(readFragment(sets.cmaf.unit(120)).tracks.get(2).baseMediaDecodeTime, 3n * 384000n);
});

test('committed fixtures stay small', async () => {
  const { readdirSync, statSync } = await import('node:fs');
  let total = 0;
  for (const directory of ['ts-main', 'ts-high', 'fmp4', 'fmp4-frames']) {
    for (const file of readdirSync(`${fixturesDirectory}${directory}`)) {
      const size = statSync(`${fixturesDirectory}${directory}/${file}`).size;
      assert.ok(size < 200_000, `${directory}/${file} is ${size} bytes`);
      total += size;
    }
  }
  assert.ok(total < 3_000_000, `fixtures total ${total} bytes`);
});

test('timed metadata: a TS unit lists a timed-metadata stream (type 0x15) and carries an ID3 PES at its first PTS; fMP4 gets an emsg', async () => {
  const { withTimedMetadata, metadataPid } = await import('../media/timed-metadata.mjs');
  const ts = withTimedMetadata(sets.main);
  const tagged = ts.unit(10);
  const plain = ts.unit(11);
  assert.equal(tagged.length % packetSize, 0);
  const metadataPackets = (buffer) => Array.from({ length: buffer.length / packetSize }, (_, index) => buffer.subarray(index * packetSize, (index + 1) * packetSize))
    .filter((packet) => (((packet[1] & 0x1f) << 8) | packet[2]) === metadataPid);
  assert.equal(metadataPackets(plain).length, 0, 'a unit between tags has none');
  const [packet] = metadataPackets(tagged);
  const pes = packet.subarray(4 + 1 + packet[4]);
  assert.deepEqual([...pes.subarray(0, 4)], [0, 0, 1, 0xbd]);
  assert.equal(pes.subarray(14, 17).toString('latin1'), 'ID3');
  assert.ok(pes.includes(Buffer.from('unit 10')));
  const timestamps = readTimestamps(tagged);
  const firstPts = timestamps.find((entry) => entry.kind === 'pts').value;
  assert.equal(timestamps.find((entry) => entry.kind === 'pts' && entry.pid === metadataPid).value, firstPts);
  for (const buffer of [tagged, plain]) {
    assert.ok(buffer.includes(Buffer.from([0x15, 0xe0 | (metadataPid >> 8), metadataPid & 0xff])), 'the PMT lists the metadata stream');
  }
  const fmp4 = withTimedMetadata(sets.cmaf);
  assert.deepEqual(listBoxes(fmp4.unit(10)).map((box) => box.type), ['emsg', 'moof', 'mdat']);
  assert.deepEqual(listBoxes(fmp4.unit(11)).map((box) => box.type), ['moof', 'mdat']);
  assert.ok(fmp4.unit(10).includes(Buffer.from('https://aomedia.org/emsg/ID3')));
});
