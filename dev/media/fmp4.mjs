// ISO BMFF (fMP4) box walking and the few rewrites the origin needs to loop fragments:
// tfdt baseMediaDecodeTime (timeline position) and mfhd sequence_number.

/** @typedef {{ type: string, start: number, size: number, headerSize: number, end: number }} Box */

/** Lists the boxes directly inside buffer[start, end). */
export function listBoxes(buffer, start = 0, end = buffer.length) {
  /** @type {Box[]} */
  const boxes = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    let headerSize = 8;
    if (size === 1) {
      size = Number(buffer.readBigUInt64BE(offset + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset; // box runs to the end of its container
    }
    if (size < headerSize || offset + size > end) throw new Error(`bad ${type} box at ${offset}`);
    boxes.push({ type, start: offset, size, headerSize, end: offset + size });
    offset += size;
  }
  return boxes;
}

/** Child boxes of a container box. */
export function childBoxes(buffer, box) {
  return listBoxes(buffer, box.start + box.headerSize, box.end);
}

/** First box along a path of types, e.g. ['moov', 'trak'], starting at the top level. */
export function findBox(buffer, path, parent = null) {
  let boxes = parent ? childBoxes(buffer, parent) : listBoxes(buffer);
  let found = null;
  for (const [index, type] of path.entries()) {
    found = boxes.find((box) => box.type === type);
    if (!found) return null;
    if (index < path.length - 1) boxes = childBoxes(buffer, found);
  }
  return found;
}

/** All boxes of a type directly inside parent. */
export function findAll(buffer, type, parent) {
  return childBoxes(buffer, parent).filter((box) => box.type === type);
}

/**
 * Tracks of an init segment: track id, handler ('vide'/'soun'), media timescale, and for video
 * the avcC profile/compatibility/level bytes (for the CODECS attribute).
 */
export function readInitTracks(init) {
  const moov = findBox(init, ['moov']);
  if (!moov) throw new Error('init segment has no moov');
  return findAll(init, 'trak', moov).map((trak) => {
    const tkhd = findBox(init, ['tkhd'], trak);
    const tkhdVersion = init[tkhd.start + tkhd.headerSize];
    const trackId = init.readUInt32BE(tkhd.start + tkhd.headerSize + (tkhdVersion === 1 ? 20 : 12));
    const mdhd = findBox(init, ['mdia', 'mdhd'], trak);
    const mdhdVersion = init[mdhd.start + mdhd.headerSize];
    const timescale = init.readUInt32BE(mdhd.start + mdhd.headerSize + (mdhdVersion === 1 ? 20 : 12));
    const hdlr = findBox(init, ['mdia', 'hdlr'], trak);
    const handler = init.toString('latin1', hdlr.start + hdlr.headerSize + 8, hdlr.start + hdlr.headerSize + 12);
    const avcC = findBoxAnywhere(init, 'avcC', trak);
    const avcProfile = avcC ? init.subarray(avcC.start + avcC.headerSize + 1, avcC.start + avcC.headerSize + 4) : null;
    return { trackId, handler, timescale, avcProfile };
  });
}

// stsd entries have fixed fields before their children, so scan bytes for the type instead of walking.
function findBoxAnywhere(buffer, type, within) {
  const index = buffer.indexOf(type, within.start, 'latin1');
  if (index < 4 || index >= within.end) return null;
  const start = index - 4;
  return { type, start, size: buffer.readUInt32BE(start), headerSize: 8, end: start + buffer.readUInt32BE(start) };
}

/**
 * Per-track timing of a moof+mdat fragment: trackId -> { baseMediaDecodeTime, firstSampleIsSync }.
 * Also returns the mfhd sequence number.
 */
export function readFragment(fragment) {
  const moof = findBox(fragment, ['moof']);
  if (!moof) throw new Error('fragment has no moof');
  const mfhd = findBox(fragment, ['mfhd'], moof);
  const sequenceNumber = fragment.readUInt32BE(mfhd.start + mfhd.headerSize + 4);
  const tracks = new Map();
  for (const traf of findAll(fragment, 'traf', moof)) {
    const tfhd = findBox(fragment, ['tfhd'], traf);
    const trackId = fragment.readUInt32BE(tfhd.start + tfhd.headerSize + 4);
    const tfdt = findBox(fragment, ['tfdt'], traf);
    const baseMediaDecodeTime = readTfdt(fragment, tfdt);
    tracks.set(trackId, { baseMediaDecodeTime, ...readTrunSummary(fragment, traf, tfhd) });
  }
  return { sequenceNumber, tracks };
}

function readTfdt(buffer, tfdt) {
  const version = buffer[tfdt.start + tfdt.headerSize];
  const at = tfdt.start + tfdt.headerSize + 4;
  return version === 1 ? buffer.readBigUInt64BE(at) : BigInt(buffer.readUInt32BE(at));
}

// Sample count, total duration and whether the first sample is a sync sample, from tfhd defaults + trun.
function readTrunSummary(buffer, traf, tfhd) {
  const tfhdFlags = buffer.readUInt32BE(tfhd.start + tfhd.headerSize) & 0xffffff;
  let at = tfhd.start + tfhd.headerSize + 8;
  if (tfhdFlags & 0x1) at += 8; // base_data_offset
  if (tfhdFlags & 0x2) at += 4; // sample_description_index
  let defaultDuration = 0;
  let defaultFlags = 0;
  if (tfhdFlags & 0x8) { defaultDuration = buffer.readUInt32BE(at); at += 4; }
  if (tfhdFlags & 0x10) at += 4; // default_sample_size
  if (tfhdFlags & 0x20) defaultFlags = buffer.readUInt32BE(at);
  let sampleCount = 0;
  let duration = 0;
  let firstSampleFlags = null;
  for (const trun of findAll(buffer, 'trun', traf)) {
    const flags = buffer.readUInt32BE(trun.start + trun.headerSize) & 0xffffff;
    const count = buffer.readUInt32BE(trun.start + trun.headerSize + 4);
    let cursor = trun.start + trun.headerSize + 8;
    if (flags & 0x1) cursor += 4; // data_offset
    let firstFlagsOverride = null;
    if (flags & 0x4) { firstFlagsOverride = buffer.readUInt32BE(cursor); cursor += 4; }
    for (let sample = 0; sample < count; sample++) {
      let sampleDuration = defaultDuration;
      let sampleFlags = sample === 0 && firstFlagsOverride !== null ? firstFlagsOverride : defaultFlags;
      if (flags & 0x100) { sampleDuration = buffer.readUInt32BE(cursor); cursor += 4; }
      if (flags & 0x200) cursor += 4;
      if (flags & 0x400) { sampleFlags = buffer.readUInt32BE(cursor); cursor += 4; }
      if (flags & 0x800) cursor += 4;
      if (sampleCount === 0 && sample === 0) firstSampleFlags = sampleFlags;
      duration += sampleDuration;
    }
    sampleCount += count;
  }
  // sample_is_non_sync_sample is bit 16 of the sample flags.
  return { sampleCount, duration, firstSampleIsSync: firstSampleFlags !== null && (firstSampleFlags & 0x10000) === 0 };
}

/**
 * Copy of a fragment with every traf's tfdt shifted by offsets.get(trackId) (BigInt, in that
 * track's timescale) and the mfhd sequence number set, so looped fragments continue the timeline.
 * @param {Buffer} fragment
 * @param {{ decodeTimeOffsets: Map<number, bigint>, sequenceNumber?: number }} options
 */
export function rewriteFragment(fragment, { decodeTimeOffsets, sequenceNumber }) {
  const output = Buffer.from(fragment);
  const moof = findBox(output, ['moof']);
  if (sequenceNumber !== undefined) {
    const mfhd = findBox(output, ['mfhd'], moof);
    output.writeUInt32BE(sequenceNumber >>> 0, mfhd.start + mfhd.headerSize + 4);
  }
  for (const traf of findAll(output, 'traf', moof)) {
    const tfhd = findBox(output, ['tfhd'], traf);
    const trackId = output.readUInt32BE(tfhd.start + tfhd.headerSize + 4);
    const offset = decodeTimeOffsets.get(trackId) ?? 0n;
    const tfdt = findBox(output, ['tfdt'], traf);
    const version = output[tfdt.start + tfdt.headerSize];
    const at = tfdt.start + tfdt.headerSize + 4;
    const shifted = readTfdt(output, tfdt) + offset;
    if (version === 1) output.writeBigUInt64BE(shifted, at);
    else output.writeUInt32BE(Number(shifted % 0x100000000n), at); // 32-bit tfdt wraps after hours
  }
  return output;
}
