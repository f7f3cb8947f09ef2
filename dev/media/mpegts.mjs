// MPEG-TS timestamp rewriting: shifts every PES PTS/DTS and every PCR by a fixed 90 kHz offset,
// so a looped chunk continues the timeline of the previous loop without a discontinuity.

export const packetSize = 188;
const syncByte = 0x47;
const timestampWrap = 2n ** 33n; // PTS, DTS and PCR base are 33-bit counters

/** Reads a 33-bit timestamp from the 5-byte PES encoding at offset. */
export function readPesTimestamp(buffer, offset) {
  return (
    BigInt((buffer[offset] >> 1) & 0x07) * 2n ** 30n +
    BigInt((buffer[offset + 1] << 7) | (buffer[offset + 2] >> 1)) * 2n ** 15n +
    BigInt((buffer[offset + 3] << 7) | (buffer[offset + 4] >> 1))
  );
}

function writePesTimestamp(buffer, offset, value) {
  const prefix = buffer[offset] & 0xf0; // '0010'/'0011'/'0001' marker nibble stays
  const high = Number(value >> 30n) & 0x07;
  const middle = Number((value >> 15n) & 0x7fffn);
  const low = Number(value & 0x7fffn);
  buffer[offset] = prefix | (high << 1) | 1;
  buffer[offset + 1] = middle >> 7;
  buffer[offset + 2] = ((middle & 0x7f) << 1) | 1;
  buffer[offset + 3] = low >> 7;
  buffer[offset + 4] = ((low & 0x7f) << 1) | 1;
}

function readPcrBase(buffer, offset) {
  return (BigInt(buffer.readUInt32BE(offset)) << 1n) | BigInt(buffer[offset + 4] >> 7);
}

function writePcrBase(buffer, offset, value) {
  buffer.writeUInt32BE(Number(value >> 1n), offset);
  buffer[offset + 4] = (buffer[offset + 4] & 0x7f) | (Number(value & 1n) << 7);
}

/**
 * Walks the packets, calling visit for each PCR and each PES header timestamp.
 * @param {Buffer} buffer
 * @param {(field: { kind: 'pcr'|'pts'|'dts', pid: number, offset: number, packetIndex: number }) => void} visit
 */
function walkTimestamps(buffer, visit) {
  if (buffer.length % packetSize !== 0) throw new Error('MPEG-TS length is not a multiple of 188');
  for (let start = 0, packetIndex = 0; start < buffer.length; start += packetSize, packetIndex++) {
    if (buffer[start] !== syncByte) throw new Error(`lost MPEG-TS sync at ${start}`);
    const payloadUnitStart = (buffer[start + 1] & 0x40) !== 0;
    const pid = ((buffer[start + 1] & 0x1f) << 8) | buffer[start + 2];
    const adaptationControl = (buffer[start + 3] >> 4) & 0x3;
    let payloadStart = start + 4;
    if (adaptationControl & 0x2) {
      const adaptationLength = buffer[start + 4];
      if (adaptationLength > 0 && buffer[start + 5] & 0x10) visit({ kind: 'pcr', pid, offset: start + 6, packetIndex });
      payloadStart += 1 + adaptationLength;
    }
    if (!(adaptationControl & 0x1) || !payloadUnitStart) continue;
    // PES packets start with 00 00 01; PSI sections (PAT, PMT, SDT) start with a pointer field.
    if (buffer[payloadStart] !== 0 || buffer[payloadStart + 1] !== 0 || buffer[payloadStart + 2] !== 1) continue;
    const ptsDtsFlags = buffer[payloadStart + 7] >> 6;
    if (ptsDtsFlags & 0x2) visit({ kind: 'pts', pid, offset: payloadStart + 9, packetIndex });
    if (ptsDtsFlags === 0x3) visit({ kind: 'dts', pid, offset: payloadStart + 14, packetIndex });
  }
}

/** Copy of an MPEG-TS buffer with all PTS, DTS and PCR values shifted by offset (90 kHz ticks). */
export function shiftTimestamps(buffer, offset) {
  const output = Buffer.from(buffer);
  const shift = BigInt(offset);
  if (shift === 0n) return output;
  walkTimestamps(output, ({ kind, offset: at }) => {
    if (kind === 'pcr') writePcrBase(output, at, (readPcrBase(output, at) + shift) % timestampWrap);
    else writePesTimestamp(output, at, (readPesTimestamp(output, at) + shift) % timestampWrap);
  });
  return output;
}

/** All timestamps in a buffer, in order: [{ kind, pid, value: bigint }]. For tests and diagnostics. */
export function readTimestamps(buffer) {
  const found = [];
  walkTimestamps(buffer, ({ kind, pid, offset, packetIndex }) => {
    const value = kind === 'pcr' ? readPcrBase(buffer, offset) : readPesTimestamp(buffer, offset);
    found.push({ kind, pid, value, packetIndex });
  });
  return found;
}

/** The PIDs of the H.264 and AAC elementary streams, from the PMT (stream types 0x1b and 0x0f). */
export function readStreamPids(buffer) {
  let pmtPid = null;
  const pids = { video: null, audio: null };
  for (let start = 0; start < buffer.length; start += packetSize) {
    const pid = ((buffer[start + 1] & 0x1f) << 8) | buffer[start + 2];
    if (!(buffer[start + 1] & 0x40)) continue;
    const adaptationControl = (buffer[start + 3] >> 4) & 0x3;
    let payload = start + 4 + (adaptationControl & 0x2 ? 1 + buffer[start + 4] : 0);
    payload += 1 + buffer[payload]; // pointer field
    if (pid === 0 && pmtPid === null) {
      pmtPid = ((buffer[payload + 10] & 0x1f) << 8) | buffer[payload + 11];
    } else if (pid === pmtPid) {
      const sectionLength = ((buffer[payload + 1] & 0x0f) << 8) | buffer[payload + 2];
      const programInfoLength = ((buffer[payload + 10] & 0x0f) << 8) | buffer[payload + 11];
      let entry = payload + 12 + programInfoLength;
      const end = payload + 3 + sectionLength - 4; // minus CRC
      while (entry + 5 <= end) {
        const streamType = buffer[entry];
        const elementaryPid = ((buffer[entry + 1] & 0x1f) << 8) | buffer[entry + 2];
        if (streamType === 0x1b) pids.video = elementaryPid;
        if (streamType === 0x0f) pids.audio = elementaryPid;
        entry += 5 + (((buffer[entry + 3] & 0x0f) << 8) | buffer[entry + 4]);
      }
      return pids;
    }
  }
  return pids;
}

/** profile_idc, constraint flags and level_idc of the first H.264 SPS found (for CODECS="avc1.xxxxxx"). */
export function findAvcProfile(buffer) {
  for (let index = buffer.indexOf(Buffer.from([0, 0, 1])); index >= 0; index = buffer.indexOf(Buffer.from([0, 0, 1]), index + 1)) {
    if ((buffer[index + 3] & 0x1f) === 7) return buffer.subarray(index + 4, index + 7);
  }
  return null;
}

/**
 * A copy whose H.264 picture data is garbage: every video packet that does not start a PES keeps its
 * header but has its payload inverted. PES headers, SPS/PPS and timestamps stay readable, so the
 * demuxer accepts the segment and the browser's decoder is the one to fail, as with a broken encoder.
 */
export function corruptVideo(buffer) {
  const copy = Buffer.from(buffer);
  const { video } = readStreamPids(copy);
  for (let start = 0; start + packetSize <= copy.length; start += packetSize) {
    const pid = ((copy[start + 1] & 0x1f) << 8) | copy[start + 2];
    if (pid !== video || copy[start + 1] & 0x40) continue;
    const adaptationControl = (copy[start + 3] >> 4) & 0x3;
    if (!(adaptationControl & 0x1)) continue; // no payload
    const payload = start + 4 + (adaptationControl & 0x2 ? 1 + copy[start + 4] : 0);
    for (let offset = payload; offset < start + packetSize; offset++) copy[offset] ^= 0xff;
  }
  return copy;
}

/**
 * The TS packets of one PES on `pid`: the first carries `adaptationField` (flags and PCR, without
 * stuffing) when given, the last is stuffed to 188 bytes with an adaptation field; continuity
 * counters count on from `firstContinuity`.
 * @param {{ pid: number, pes: Buffer, adaptationField: Buffer | null, firstContinuity: number }} options
 */
export function packetizePes({ pid, pes, adaptationField, firstContinuity }) {
  const packets = [];
  let continuity = firstContinuity;
  for (let offset = 0; offset < pes.length; continuity++) {
    const fieldBody = offset === 0 && adaptationField ? adaptationField : Buffer.alloc(0);
    const capacityWithoutField = packetSize - 4 - (fieldBody.length > 0 ? 1 + fieldBody.length : 0);
    const chunk = pes.subarray(offset, offset + capacityWithoutField);
    const needsField = fieldBody.length > 0 || chunk.length < packetSize - 4;
    const fieldLength = needsField ? packetSize - 4 - 1 - chunk.length : 0; // the length byte's value
    const packet = Buffer.alloc(packetSize, 0xff);
    packet[0] = 0x47;
    packet[1] = (offset === 0 ? 0x40 : 0) | (pid >> 8);
    packet[2] = pid & 0xff;
    packet[3] = (needsField ? 0x30 : 0x10) | (continuity & 0x0f);
    if (needsField) {
      packet[4] = fieldLength;
      if (fieldLength > 0) {
        if (fieldBody.length > 0) fieldBody.copy(packet, 5);
        else packet[5] = 0; // no flags; the rest is stuffing
      }
    }
    chunk.copy(packet, packetSize - chunk.length);
    packets.push(packet);
    offset += chunk.length;
  }
  return { packets, nextContinuity: continuity };
}
