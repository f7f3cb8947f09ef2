// Timed ID3 metadata, as AMS injects it into a live stream through its REST API: an ID3 tag in an
// MPEG-TS timed-metadata stream (a PMT entry of stream type 0x15, PES packets with a PTS), or in
// an fMP4 `emsg` box (scheme https://aomedia.org/emsg/ID3) before the fragment's `moof`.
import { packetSize, packetizePes, readPesTimestamp } from './mpegts.mjs';
import { findAll, findBox, readInitTracks } from './fmp4.mjs';

/** The PID the metadata stream gets: the fixtures use 0x100 (video) and 0x101 (audio). */
export const metadataPid = 0x102;

/** An ID3v2.4 size or frame size: four 7-bit bytes. */
function syncSafe(value) {
  return Buffer.from([(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f]);
}

function id3Frame(id, body) {
  return Buffer.concat([Buffer.from(id, 'latin1'), syncSafe(body.length), Buffer.from([0, 0]), body]);
}

/**
 * An ID3v2.4 tag with a TXXX frame (UTF-8 `description` and `text`) and a PRIV frame (`owner` and
 * `data` bytes): the text and data frames a page reads from the player's `metadata` event.
 * @param {{ description: string, text: string, owner: string, data: Buffer }} content
 */
export function id3Tag({ description, text, owner, data }) {
  const frames = Buffer.concat([
    id3Frame('TXXX', Buffer.concat([Buffer.from([3]), Buffer.from(`${description}\0${text}`, 'utf8')])),
    id3Frame('PRIV', Buffer.concat([Buffer.from(`${owner}\0`, 'latin1'), data])),
  ]);
  return Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0]), syncSafe(frames.length), frames]);
}

/** CRC-32/MPEG-2, as PSI sections end with. */
function crc32Mpeg2(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

/** Offset of a packet's payload, after its header and adaptation field. */
function payloadOffset(buffer, start) {
  const adaptationControl = (buffer[start + 3] >> 4) & 0x3;
  return start + 4 + (adaptationControl & 0x2 ? 1 + buffer[start + 4] : 0);
}

const pidOf = (buffer, start) => ((buffer[start + 1] & 0x1f) << 8) | buffer[start + 2];

/**
 * Apple's metadata_descriptor for ID3 (HLS timed metadata spec): format 0xFFFF "ID3 ", format
 * 0xFF "ID3 ", service 0, no decoder config.
 */
const id3Descriptor = Buffer.from([0x26, 0x0d, 0xff, 0xff, 0x49, 0x44, 0x33, 0x20, 0xff, 0x49, 0x44, 0x33, 0x20, 0x00, 0x0f]);

/**
 * Adds a timed-metadata stream to every PMT in `buffer` (one packet each, as the fixtures have).
 * Returns a new buffer; packets other than the PMT are copied unchanged.
 */
function withMetadataStreamInPmt(buffer) {
  const output = Buffer.from(buffer);
  let pmtPid = null;
  for (let start = 0; start < output.length; start += packetSize) {
    if (!(output[start + 1] & 0x40)) continue;
    const pid = pidOf(output, start);
    const payload = payloadOffset(output, start);
    const section = payload + 1 + output[payload];
    if (pid === 0) pmtPid = ((output[section + 10] & 0x1f) << 8) | output[section + 11];
    if (pid !== pmtPid) continue;
    const sectionLength = ((output[section + 1] & 0x0f) << 8) | output[section + 2];
    const entries = output.subarray(section + 3 + 5 + 4, section + 3 + sectionLength - 4);
    const entry = Buffer.concat([
      Buffer.from([0x15, 0xe0 | (metadataPid >> 8), metadataPid & 0xff, 0xf0, id3Descriptor.length]),
      id3Descriptor,
    ]);
    const header = Buffer.from(output.subarray(section, section + 3 + 5 + 4));
    const newLength = sectionLength + entry.length;
    header[1] = (header[1] & 0xf0) | (newLength >> 8);
    header[2] = newLength & 0xff;
    const body = Buffer.concat([header, entries, entry]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32Mpeg2(body));
    const rebuilt = Buffer.concat([body, crc]);
    if (section + rebuilt.length > start + packetSize) throw new Error('the PMT with a metadata stream does not fit one packet');
    rebuilt.copy(output, section);
    output.fill(0xff, section + rebuilt.length, start + packetSize);
  }
  return output;
}

/** The first video PTS in `buffer` (the PID of the first PES with a PTS), in 90 kHz ticks. */
function firstPts(buffer) {
  for (let start = 0; start < buffer.length; start += packetSize) {
    if (!(buffer[start + 1] & 0x40)) continue;
    const payload = payloadOffset(buffer, start);
    if (buffer[payload] !== 0 || buffer[payload + 1] !== 0 || buffer[payload + 2] !== 1) continue;
    if (buffer[payload + 7] & 0x80) return readPesTimestamp(buffer, payload + 9);
  }
  throw new Error('no PTS in the chunk');
}

/** A PES packet of private stream 1 carrying `tag`, with `pts` (90 kHz). */
function metadataPes(tag, pts) {
  const timestamp = Buffer.alloc(5);
  const value = BigInt(pts);
  timestamp[0] = 0x21 | (Number(value >> 30n) & 0x07) << 1;
  timestamp.writeUInt16BE((Number((value >> 15n) & 0x7fffn) << 1) | 1, 1);
  timestamp.writeUInt16BE((Number(value & 0x7fffn) << 1) | 1, 3);
  const header = Buffer.from([0, 0, 1, 0xbd, 0, 0, 0x84, 0x80, 5]);
  header.writeUInt16BE(3 + 5 + tag.length, 4);
  return Buffer.concat([header, timestamp, tag]);
}

/**
 * An MPEG-TS chunk of a stream that carries timed metadata: its PMT lists the metadata stream, and
 * with `tag` it carries that ID3 tag timed at the chunk's first PTS. `unitIndex` keeps the
 * metadata PID's continuity counter running from chunk to chunk.
 */
export function tsWithTimedMetadata(chunk, { tag, unitIndex }) {
  const output = withMetadataStreamInPmt(chunk);
  if (!tag) return output;
  const { packets } = packetizePes({ pid: metadataPid, pes: metadataPes(tag, firstPts(chunk)), adaptationField: null, firstContinuity: unitIndex * 4 });
  // After the PAT and PMT, so the demuxer knows the PID before its first packet.
  return Buffer.concat([output.subarray(0, 2 * packetSize), ...packets, output.subarray(2 * packetSize)]);
}

/**
 * An fMP4 fragment preceded by an `emsg` (version 1) carrying `tag` at the video's decode time:
 * how CMAF streams carry ID3 timed metadata.
 * @param {Buffer} fragment @param {{ tag: Buffer, videoTrackId: number, videoTimescale: number, eventId: number }} options
 */
export function fmp4WithTimedMetadata(fragment, { tag, videoTrackId, videoTimescale, eventId }) {
  const moof = findBox(fragment, ['moof']);
  let presentationTime = null;
  for (const traf of findAll(fragment, 'traf', moof)) {
    const tfhd = findBox(fragment, ['tfhd'], traf);
    if (fragment.readUInt32BE(tfhd.start + tfhd.headerSize + 4) !== videoTrackId) continue;
    const tfdt = findBox(fragment, ['tfdt'], traf);
    const version = fragment[tfdt.start + tfdt.headerSize];
    const at = tfdt.start + tfdt.headerSize + 4;
    presentationTime = version === 1 ? fragment.readBigUInt64BE(at) : BigInt(fragment.readUInt32BE(at));
  }
  if (presentationTime === null) throw new Error('no video track fragment');
  const fields = Buffer.alloc(4 + 4 + 8 + 4 + 4);
  fields.writeUInt32BE(0x01000000, 0); // version 1, flags 0
  fields.writeUInt32BE(videoTimescale, 4);
  fields.writeBigUInt64BE(presentationTime, 8);
  fields.writeUInt32BE(0xffffffff, 16); // duration unknown
  fields.writeUInt32BE(eventId, 20);
  const body = Buffer.concat([fields, Buffer.from('https://aomedia.org/emsg/ID3\0\0', 'latin1'), tag]);
  const box = Buffer.alloc(8);
  box.writeUInt32BE(8 + body.length);
  box.write('emsg', 4, 'latin1');
  return Buffer.concat([box, body, fragment]);
}

/**
 * A media set (see fixture-media.mjs) whose units carry timed metadata: an ID3 tag at the start of
 * every unit that begins a multiple of `everyMs`, with the text `unit N` and N as 4 bytes of data,
 * so a test can tell each cue and where it belongs.
 * @param {import('./fixture-media.mjs').MediaSet} set
 */
export function withTimedMetadata(set, { everyMs = 2000 } = {}) {
  const video = set.init && readInitTracks(set.init).find((track) => track.handler === 'vide');
  const tagFor = (unitIndex) => {
    if ((unitIndex * set.unitMs) % everyMs !== 0) return null;
    const data = Buffer.alloc(4);
    data.writeUInt32BE(unitIndex);
    return id3Tag({ description: 'ams-cdn-player', text: `unit ${unitIndex}`, owner: 'ams-cdn-player', data });
  };
  return {
    ...set,
    name: `${set.name}+id3`,
    unit(unitIndex) {
      const tag = tagFor(unitIndex);
      if (set.container === 'ts') return tsWithTimedMetadata(set.unit(unitIndex), { tag, unitIndex });
      if (!tag) return set.unit(unitIndex);
      return fmp4WithTimedMetadata(set.unit(unitIndex), { tag, videoTrackId: video.trackId, videoTimescale: video.timescale, eventId: unitIndex });
    },
  };
}
