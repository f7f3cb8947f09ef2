// In-band CEA-608 closed captions, as broadcast encoders (and so AMS's HLS) carry them: byte pairs
// in an H.264 SEI message (ATSC A/53 "GA94" user data, registered ITU-T T.35), one SEI per video
// frame. A caption is sent pop-on: loaded off screen, then shown at once with End Of Caption.
import { packetSize, packetizePes, readStreamPids } from './mpegts.mjs';

/** CEA-608 channel 1 control codes (first byte 0x14, field 1). */
const controlCodes = {
  resumeCaptionLoading: [0x14, 0x20],
  eraseNonDisplayedMemory: [0x14, 0x2e],
  endOfCaption: [0x14, 0x2f],
  // Preamble address code: row 15 (the bottom row), white, column 0.
  bottomRowWhite: [0x14, 0x60],
};

/** A 7-bit CEA-608 byte with its odd parity bit set. */
function withOddParity(byte) {
  let ones = 0;
  for (let bit = 0; bit < 7; bit++) ones += (byte >> bit) & 1;
  return ones % 2 === 0 ? byte | 0x80 : byte;
}

/**
 * The byte pairs, one per video frame, that show `text` as a pop-on caption on the bottom row.
 * Control codes go twice, as the standard asks, for a receiver that misses one. `text` is basic
 * characters only: the letters, digits, space and common punctuation that 608 shares with ASCII.
 * @param {string} text
 * @returns {[number, number][]}
 */
export function popOnCaptionPairs(text) {
  if (!/^[A-Za-z0-9 .,:!?'-]*$/.test(text)) throw new Error(`caption text ${JSON.stringify(text)} has characters 608's basic set does not share with ASCII`);
  const twice = (code) => [code, code];
  const characters = [...text].map((character) => character.charCodeAt(0));
  const textPairs = [];
  for (let index = 0; index < characters.length; index += 2) textPairs.push([characters[index], characters[index + 1] ?? 0]);
  return [
    ...twice(controlCodes.resumeCaptionLoading),
    ...twice(controlCodes.eraseNonDisplayedMemory),
    ...twice(controlCodes.bottomRowWhite),
    ...textPairs,
    ...twice(controlCodes.endOfCaption),
  ].map(([first, second]) => [withOddParity(first), withOddParity(second)]);
}

/** Inserts the emulation prevention bytes H.264 needs: no 00 00 0x (x <= 3) inside a NAL unit. */
function withEmulationPrevention(bytes) {
  const output = [];
  let zeros = 0;
  for (const byte of bytes) {
    if (zeros === 2 && byte <= 3) {
      output.push(3);
      zeros = 0;
    }
    output.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return output;
}

/**
 * An SEI NAL unit (with its start code) carrying one CEA-608 field-1 byte pair; without a pair,
 * padding, as encoders send in frames with nothing to say.
 * @param {[number, number] | null} pair
 */
export function captionSei(pair) {
  const [first, second] = pair ?? [0x80, 0x80];
  const ccCount = 1;
  const payload = [
    0xb5, 0x00, 0x31, // ITU-T T.35: United States, ATSC
    0x47, 0x41, 0x39, 0x34, // "GA94"
    0x03, // cc_data
    0xc0 | ccCount, // process_cc_data_flag, cc_count
    0xff, // em_data
    0xfc, first, second, // marker bits, cc_valid, cc_type 0 (608 field 1)
    0xff, // marker bits
  ];
  const userDataRegisteredItuTT35 = 4;
  const rbsp = [userDataRegisteredItuTT35, payload.length, ...payload, 0x80];
  const seiNalHeader = 0x06;
  return Buffer.from([0, 0, 0, 1, seiNalHeader, ...withEmulationPrevention(rbsp)]);
}

/** Where the first coded slice (NAL type 1 or 5) starts, start code included; -1 if none. */
function firstSliceOffset(elementaryStream) {
  for (let index = 0; index + 3 < elementaryStream.length; index++) {
    if (elementaryStream[index] !== 0 || elementaryStream[index + 1] !== 0 || elementaryStream[index + 2] !== 1) continue;
    const nalType = elementaryStream[index + 3] & 0x1f;
    if (nalType === 1 || nalType === 5) return index > 0 && elementaryStream[index - 1] === 0 ? index - 1 : index;
  }
  return -1;
}

/**
 * Adaptation field bytes to keep from a PES's first packet (flags, PCR, OPCR), without stuffing.
 * @returns {Buffer | null}
 */
function keptAdaptationField(packet) {
  if (!(packet[3] & 0x20) || packet[4] === 0) return null;
  const flags = packet[5];
  if (flags & 0x07) throw new Error('adaptation field with splicing, private data or an extension: not handled');
  const length = 1 + (flags & 0x10 ? 6 : 0) + (flags & 0x08 ? 6 : 0);
  return Buffer.from(packet.subarray(5, 5 + length));
}

/**
 * A copy of an MPEG-TS chunk whose every video frame (one PES each, as the fixtures have) carries
 * a caption SEI before its first slice: `pairForFrame(n)` for the chunk's frame n. Other packets
 * are copied unchanged; the video PES are packetized again, as they grow, their continuity
 * counters moved on by `continuityShift` (the packets the chunks before this one gained), so
 * consecutive chunks still count on without a gap.
 * @param {Buffer} chunk
 * @param {{ pairForFrame: (frameIndex: number) => [number, number] | null, continuityShift?: number }} options
 * @returns {{ bytes: Buffer, addedPackets: number }}
 */
export function tsWithCaptions(chunk, { pairForFrame, continuityShift = 0 }) {
  const { video } = readStreamPids(chunk);
  if (video === null) throw new Error('no H.264 stream to carry captions');
  /** @type {(Buffer | Buffer[])[]} output slots: a packet, or the packets of one rebuilt PES */
  const output = [];
  let current = null;
  let frameIndex = 0;
  let continuity = null;
  let addedPackets = 0;
  const flush = () => {
    if (!current) return;
    const pes = Buffer.concat(current.parts);
    const headerLength = 9 + pes[8];
    const elementaryStream = pes.subarray(headerLength);
    const sliceAt = firstSliceOffset(elementaryStream);
    if (sliceAt < 0) throw new Error('a video PES without a coded slice');
    const rebuilt = Buffer.concat([
      pes.subarray(0, headerLength),
      elementaryStream.subarray(0, sliceAt),
      captionSei(pairForFrame(frameIndex)),
      elementaryStream.subarray(sliceAt),
    ]);
    // A bounded PES length grows with it; video may say 0 (unbounded), as ffmpeg writes.
    const declaredLength = rebuilt.readUInt16BE(4);
    if (declaredLength !== 0) rebuilt.writeUInt16BE(rebuilt.length - 6 > 0xffff ? 0 : rebuilt.length - 6, 4);
    const { packets, nextContinuity } = packetizePes({ pid: video, pes: rebuilt, adaptationField: current.adaptationField, firstContinuity: continuity ?? current.continuity + continuityShift });
    addedPackets += packets.length - current.packetCount;
    continuity = nextContinuity;
    output[current.slot] = packets;
    frameIndex++;
    current = null;
  };
  for (let start = 0; start < chunk.length; start += packetSize) {
    const packet = chunk.subarray(start, start + packetSize);
    const pid = ((packet[1] & 0x1f) << 8) | packet[2];
    if (pid !== video) {
      output.push(packet);
      continue;
    }
    const adaptationControl = (packet[3] >> 4) & 0x3;
    const payload = packet.subarray(4 + (adaptationControl & 0x2 ? 1 + packet[4] : 0));
    if (packet[1] & 0x40) {
      flush();
      current = { slot: output.length, parts: [], packetCount: 0, adaptationField: keptAdaptationField(packet), continuity: packet[3] & 0x0f };
      output.push([]);
    }
    if (!current) continue;
    current.packetCount++;
    if (adaptationControl & 0x1) current.parts.push(payload);
  }
  flush();
  return { bytes: Buffer.concat(output.flat()), addedPackets };
}

/**
 * A TS media set (see fixture-media.mjs) whose units carry captions: unit N shows "Caption N", so
 * a test can tell each caption and where it belongs. fMP4 sets are not handled.
 * @param {import('./fixture-media.mjs').MediaSet} set
 */
export function withClosedCaptions(set) {
  if (set.container !== 'ts') throw new Error('closed captions are carried in MPEG-TS streams only');
  // Every frame's SEI has the same size, so each fixture chunk gains the same packets in every loop.
  const gained = Array.from({ length: set.unitsPerLoop }, (_, index) => tsWithCaptions(set.unit(index), { pairForFrame: () => null }).addedPackets);
  const gainedPerLoop = gained.reduce((sum, count) => sum + count, 0);
  const gainedBefore = (unitIndex) => {
    const loops = Math.floor(unitIndex / set.unitsPerLoop);
    return loops * gainedPerLoop + gained.slice(0, unitIndex % set.unitsPerLoop).reduce((sum, count) => sum + count, 0);
  };
  return {
    ...set,
    name: `${set.name}+cea608`,
    unit(unitIndex) {
      const pairs = popOnCaptionPairs(`Caption ${unitIndex}`);
      return tsWithCaptions(set.unit(unitIndex), { pairForFrame: (frameIndex) => pairs[frameIndex] ?? null, continuityShift: gainedBefore(unitIndex) % 16 }).bytes;
    },
  };
}
