// HLS playlist text. Everything here is pure string building; the origin decides what to list.

const isoTime = (ms) => new Date(ms).toISOString();
const seconds = (ms, digits = 3) => (ms / 1000).toFixed(digits);

/**
 * @typedef {object} SegmentEntry
 * @property {number} mediaSequence
 * @property {number} durationMs
 * @property {number} startTime        wall time (ms) its first frame was captured
 * @property {string} uri
 * @property {{ durationMs: number, uri: string, independent: boolean }[]} [parts]
 */

/**
 * Master playlist; variants: [{ uri, bandwidth, width, height, codecs }]; audio and subtitles:
 * renditions [{ name, language, uri }] of one AUDIO and one SUBTITLES group every variant names;
 * closedCaptions: in-band captions [{ name, language, instreamId }] of one CLOSED-CAPTIONS group.
 * The first audio rendition is the default, and without a uri: the audio in the variants' segments.
 */
export function masterPlaylist(variants, { version = 3, audio = [], subtitles = [], closedCaptions = [] } = {}) {
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${version}`, '#EXT-X-INDEPENDENT-SEGMENTS'];
  audio.forEach(({ name, language, uri }, index) => {
    const where = uri ? `,URI="${uri}"` : '';
    lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="${name}",LANGUAGE="${language}",DEFAULT=${index === 0 ? 'YES' : 'NO'},AUTOSELECT=YES${where}`);
  });
  for (const { name, language, uri } of subtitles) {
    lines.push(`#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="${name}",LANGUAGE="${language}",DEFAULT=NO,AUTOSELECT=YES,URI="${uri}"`);
  }
  for (const { name, language, instreamId } of closedCaptions) {
    lines.push(`#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID="cc",NAME="${name}",LANGUAGE="${language}",DEFAULT=NO,AUTOSELECT=YES,INSTREAM-ID="${instreamId}"`);
  }
  const groups = `${audio.length > 0 ? ',AUDIO="audio"' : ''}${subtitles.length > 0 ? ',SUBTITLES="subs"' : ''}${closedCaptions.length > 0 ? ',CLOSED-CAPTIONS="cc"' : ''}`;
  for (const variant of variants) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${variant.bandwidth},RESOLUTION=${variant.width}x${variant.height},CODECS="${variant.codecs}"${groups}`,
      variant.uri,
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * A WebVTT segment of a live subtitle rendition: one cue over the segment, "Segment N", timed
 * against the MPEG-TS clock by X-TIMESTAMP-MAP (HLS spec 3.5) at the segment's first PTS.
 */
export function subtitleSegment({ mediaSequence, durationMs, startPts }) {
  const end = new Date(Math.max(0, durationMs - 100)).toISOString().slice(11, 23);
  return `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${startPts},LOCAL:00:00:00.000\n\n00:00:00.000 --> ${end}\nSegment ${mediaSequence}\n`;
}

/** Smallest integer TARGETDURATION that is >= every rounded EXTINF (and at least nominalMs). */
export function targetDuration(segments, nominalMs) {
  return Math.max(Math.round(nominalMs / 1000), ...segments.map((segment) => Math.round(segment.durationMs / 1000)));
}

/**
 * Media playlist (plain or low-latency).
 * @param {object} options
 * @param {SegmentEntry[]} options.segments         complete segments, oldest first
 * @param {number} options.mediaSequence            EXT-X-MEDIA-SEQUENCE (first listed segment)
 * @param {number} options.targetDurationSeconds
 * @param {boolean} options.ended
 * @param {object} [options.lowLatency]             { partTargetMs, serverControl, pending, preloadHintUri }
 *   pending: { startTime, parts } of the in-progress segment; serverControl: text after EXT-X-SERVER-CONTROL:
 * @param {string} [options.mapUri]                 EXT-X-MAP for fMP4
 */
export function mediaPlaylist({ segments, mediaSequence, targetDurationSeconds, ended, lowLatency, mapUri }) {
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${lowLatency || mapUri ? 6 : 3}`, `#EXT-X-TARGETDURATION:${targetDurationSeconds}`];
  if (lowLatency?.serverControl) lines.push(`#EXT-X-SERVER-CONTROL:${lowLatency.serverControl}`);
  // One decimal as AMS writes it (1.0), more where a part needs them (a third of a second: 0.333).
  if (lowLatency) lines.push(`#EXT-X-PART-INF:PART-TARGET=${seconds(lowLatency.partTargetMs, lowLatency.partTargetMs % 100 === 0 ? 1 : 3)}`);
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${mediaSequence}`);
  if (mapUri) lines.push(`#EXT-X-MAP:URI="${mapUri}"`);
  const partLines = (parts) =>
    parts.map((part) => `#EXT-X-PART:DURATION=${seconds(part.durationMs)},URI="${part.uri}"${part.independent ? ',INDEPENDENT=YES' : ''}`);
  for (const segment of segments) {
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${isoTime(segment.startTime)}`);
    if (segment.parts) lines.push(...partLines(segment.parts));
    lines.push(`#EXTINF:${seconds(segment.durationMs)},`, segment.uri);
  }
  if (lowLatency?.pending && !ended) {
    if (lowLatency.pending.parts.length > 0 || lowLatency.preloadHintUri) {
      lines.push(`#EXT-X-PROGRAM-DATE-TIME:${isoTime(lowLatency.pending.startTime)}`);
    }
    lines.push(...partLines(lowLatency.pending.parts));
  }
  if (lowLatency?.preloadHintUri && !ended) lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${lowLatency.preloadHintUri}"`);
  if (ended) lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}
