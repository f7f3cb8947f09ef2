// In-band CEA-608 captions in the MPEG-TS fixtures: SEI messages that decode back to the caption
// text, with the timing and the packet counting of the chunks left intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixtureMedia } from '../media/fixture-media.mjs';
import { packetSize, readStreamPids, readTimestamps } from '../media/mpegts.mjs';
import { captionSei, popOnCaptionPairs, withClosedCaptions } from '../media/closed-captions.mjs';

const { main, audioDe, cmaf } = loadFixtureMedia();
const captioned = withClosedCaptions(main);

/** The video PID's packets: payloads joined per PES, and continuity counters, in order. */
function videoPackets(buffer) {
  const { video } = readStreamPids(buffer);
  const pes = [];
  const continuity = [];
  for (let start = 0; start < buffer.length; start += packetSize) {
    if ((((buffer[start + 1] & 0x1f) << 8) | buffer[start + 2]) !== video) continue;
    const adaptationControl = (buffer[start + 3] >> 4) & 0x3;
    if (!(adaptationControl & 0x1)) continue;
    continuity.push(buffer[start + 3] & 0x0f);
    const payload = buffer.subarray(start + 4 + (adaptationControl & 0x2 ? 1 + buffer[start + 4] : 0), start + packetSize);
    if (buffer[start + 1] & 0x40) pes.push([]);
    pes.at(-1).push(payload);
  }
  return { pes: pes.map((parts) => Buffer.concat(parts)), continuity };
}

/** The NAL unit types of an Annex B elementary stream (a PES, header and all), in order. */
function nalTypes(bytes) {
  const types = [];
  for (let index = 0; index + 3 < bytes.length; index++) {
    if (bytes[index] === 0 && bytes[index + 1] === 0 && bytes[index + 2] === 1) types.push(bytes[index + 3] & 0x1f);
  }
  return types.slice(1); // the first start code is the PES's own 00 00 01 E0
}

/** The CEA-608 field-1 byte pair of each frame's GA94 SEI, parity stripped; null where a frame has none. */
function captionPairs(buffer) {
  return videoPackets(buffer).pes.map((pes) => {
    const at = pes.indexOf(Buffer.from('GA94', 'latin1'));
    if (at < 0) return null;
    assert.equal(pes[at + 4], 0x03, 'cc_data');
    assert.equal(pes[at + 5] & 0x5f, 0x41, 'process_cc_data_flag, one cc');
    assert.equal(pes[at + 7], 0xfc, 'valid, field 1');
    return [pes[at + 8] & 0x7f, pes[at + 9] & 0x7f];
  });
}

/** The text a 608 decoder shows: the characters loaded between the preamble and End Of Caption. */
function shownText(pairs) {
  let text = '';
  for (const [first, second] of pairs.filter(Boolean)) {
    if (first === 0x14 && second === 0x2f) return text;
    if (first >= 0x20) text += String.fromCharCode(first) + (second >= 0x20 ? String.fromCharCode(second) : '');
  }
  return null;
}

test('captions: every frame of unit N carries a GA94 SEI, and together they show "Caption N"', () => {
  for (const unitIndex of [0, 5, 8, 13]) {
    const pairs = captionPairs(captioned.unit(unitIndex));
    assert.equal(pairs.length, 30, 'one PES per frame');
    assert.ok(pairs.every(Boolean), 'an SEI in every frame');
    assert.equal(shownText(pairs), `Caption ${unitIndex}`);
  }
});

test('captions: timestamps unchanged, each SEI before the first slice, continuity counters run on across units and loops', () => {
  let previousLast = null;
  for (let unitIndex = 0; unitIndex < 18; unitIndex++) {
    const plain = main.unit(unitIndex);
    const withCaptions = captioned.unit(unitIndex);
    assert.equal(withCaptions.length % packetSize, 0);
    assert.ok(withCaptions.length > plain.length);
    const values = (buffer) => readTimestamps(buffer).map(({ kind, pid, value }) => `${kind} ${pid} ${value}`);
    assert.deepEqual(values(withCaptions), values(plain));
    const { pes, continuity } = videoPackets(withCaptions);
    for (const frame of pes) {
      const types = nalTypes(frame);
      const firstSlice = types.findIndex((type) => type === 1 || type === 5);
      assert.ok(firstSlice > 0 && types[firstSlice - 1] === 6, `SEI just before the first slice: ${types}`);
    }
    continuity.forEach((counter, index) => {
      const expected = index === 0 ? (previousLast === null ? counter : (previousLast + 1) % 16) : (continuity[index - 1] + 1) % 16;
      assert.equal(counter, expected, `unit ${unitIndex}, video packet ${index}`);
    });
    previousLast = continuity.at(-1);
  }
});

test('captions: pairs carry odd parity; an SEI needs no emulation prevention; text outside the basic set is refused', () => {
  const ones = (byte) => [...byte.toString(2)].filter((bit) => bit === '1').length;
  for (const pair of popOnCaptionPairs('Caption 42')) for (const byte of pair) assert.equal(ones(byte) % 2, 1);
  const sei = captionSei([0x94, 0x20]);
  assert.equal(sei.indexOf(Buffer.from([0, 0, 3])), -1);
  assert.throws(() => popOnCaptionPairs('Grüße'), /basic set/);
  assert.throws(() => withClosedCaptions(cmaf), /MPEG-TS/);
  assert.throws(() => withClosedCaptions(audioDe), /H\.264/);
});
