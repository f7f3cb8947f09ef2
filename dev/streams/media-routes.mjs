// Maps /{app}/streams/... paths to playlists and media of a stream's current broadcast, like AMS.
//
// URLs (relative to /{app}/streams/), NNNNNNNNN = media sequence number, %09d:
//   {id}.m3u8                              HLS media playlist (MPEG-TS, hlsSegmentSeconds segments, 2 s by default)
//   {id}NNNNNNNNN.ts                       its segments
//   {id}_init.mp4, {id}NNNNNNNNN.fmp4      the same in fMP4 (hlsContainer 'fmp4')
//   {id}_adaptive.m3u8                     ABR master (adaptive streams only)
//   {id}_360p500kbps.m3u8, {id}_180p200kbps.m3u8 and {id}_360p500kbpsNNNNNNNNN.ts ... renditions
//   ll-hls/{id}/{id}__master.m3u8          LL-HLS master -> 480/{id}__lowlatency.m3u8
//   ll-hls/{id}/480/{id}__lowlatency.m3u8  LL-HLS media playlist
//     llHls 'ams':   {id}NNNNNNNNN.ts (2 s segment), {id}NNNNNNNNN.P.ts (part P = 0..1, 1 s)
//     llHls 'apple': {id}__init.mp4, {id}NNNNNNNNN.m4s (2 s), {id}NNNNNNNNN.P.m4s (part P = 0..9, 200 ms;
//                    llPartMs and llSegmentSeconds change both)
//   {id}_audio_de.m3u8, {id}_audio_deNNNNNNNNN.ts           second audio rendition (audioRenditions streams)
//   {id}_subtitles_en.m3u8, {id}_subtitles_enNNNNNNNNN.vtt   WebVTT subtitle rendition (subtitles streams)
import { layout, segmentUnits, broadcastPhase } from './timeline.mjs';
import { masterPlaylist, mediaPlaylist, targetDuration } from './playlists.mjs';
import { withTimedMetadata } from '../media/timed-metadata.mjs';
import { withClosedCaptions } from '../media/closed-captions.mjs';
import { groupedUnits } from '../media/fixture-media.mjs';

export const segmentDurationMs = 2000;
/** AMS's default hlsListSize: segments a live playlist lists (a stream's `listSize` overrides it). */
export const windowSegments = 15;
export const lowLatencyDirectory = '480';
const extraServedSegments = 5; // AMS deletes segments a little after they leave the window
const partListedSegments = 3; // complete segments whose parts stay listed in LL playlists
/** Apple's HLS authoring spec (14.3): PART-HOLD-BACK at least 3 x PART-TARGET; Apple-style streams use that minimum. */
const applePartHoldBackPartTargets = 3;
const holdPollMs = 20;
export const renditions = [
  { suffix: '_360p500kbps', set: 'high' },
  { suffix: '_180p200kbps', set: 'main' },
];
/**
 * Audio renditions of streams with `audioRenditions`: the first is the audio in the video segments
 * (no playlist of its own), the others are playlists of audio alone.
 */
export const audioRenditions = [
  { suffix: null, name: 'English', language: 'en' },
  { suffix: '_audio_de', set: 'audioDe', name: 'Deutsch', language: 'de' },
];
const playlistRenditions = [...renditions, ...audioRenditions.filter(({ suffix }) => suffix)];

export const contentTypes = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t', m4s: 'video/mp4', fmp4: 'video/mp4', mp4: 'video/mp4' };
const pad = (mediaSequence) => String(mediaSequence).padStart(9, '0');

/**
 * What a path under /{app}/streams/ asks for. id is set whenever one can be read from the path
 * (even for unknown streams, so per-stream faults still match).
 * @returns {null | { id: string, resource: 'playlist'|'segment'|'part', target: string, rendition?: string, mediaSequence?: number, part?: number, extension?: string }}
 */
export function parseStreamPath(path, hasStream) {
  const lowLatency = /^ll-hls\/([^/]+)\/(?:(480)\/)?([^/]+)$/.exec(path);
  if (lowLatency) {
    const [, id, directory, file] = lowLatency;
    if (!directory) return file === `${id}__master.m3u8` ? { id, resource: 'playlist', target: 'll-master' } : null;
    if (file === `${id}__lowlatency.m3u8`) return { id, resource: 'playlist', target: 'll-media' };
    if (file === `${id}__init.mp4`) return { id, resource: 'segment', target: 'll-init' };
    const media = file.startsWith(id) && /^(\d{9})(?:\.(\d{1,2}))?\.(ts|m4s)$/.exec(file.slice(id.length));
    if (!media) return null;
    const [, sequence, part, extension] = media;
    return part === undefined
      ? { id, resource: 'segment', target: 'll-segment', mediaSequence: Number(sequence), extension }
      : { id, resource: 'part', target: 'll-part', mediaSequence: Number(sequence), part: Number(part), extension };
  }
  if (path.includes('/')) return null;
  const subtitles = /^(.+)_subtitles_([a-z]{2})(?:(\d{9})\.vtt|\.m3u8)$/.exec(path);
  if (subtitles && hasStream(subtitles[1])) {
    const [, id, language, sequence] = subtitles;
    return sequence === undefined
      ? { id, resource: 'playlist', target: 'subtitle-playlist', language }
      : { id, resource: 'segment', target: 'subtitle-segment', language, mediaSequence: Number(sequence) };
  }
  const adaptive = /^(.+)_adaptive\.m3u8$/.exec(path);
  if (adaptive) return { id: adaptive[1], resource: 'playlist', target: 'adaptive-master' };
  const init = /^(.+)_init\.mp4$/.exec(path);
  if (init && hasStream(init[1])) return { id: init[1], resource: 'segment', target: 'hls-init' };
  const playlist = /^(.+)\.m3u8$/.exec(path);
  const segment = /^(.+)(\d{9})\.(ts|fmp4)$/.exec(path);
  const name = playlist?.[1] ?? segment?.[1];
  if (!name) return null;
  // A name is either a stream id or a stream id plus a rendition suffix; stream ids win.
  let id = name;
  let rendition;
  const suffix = playlistRenditions.find((candidate) => name.endsWith(candidate.suffix));
  if (!hasStream(name) && suffix && hasStream(name.slice(0, -suffix.suffix.length))) {
    id = name.slice(0, -suffix.suffix.length);
    rendition = suffix.suffix;
  }
  return playlist
    ? { id, resource: 'playlist', target: 'hls-media', rendition }
    : { id, resource: 'segment', target: 'hls-segment', rendition, mediaSequence: Number(segment[2]), extension: segment[3] };
}

/**
 * How one playlist of a stream slices the fixture media into segments/parts and names them.
 * shape: the timeline's view of it; a playlist publishes whole segments (HLS) or parts (LL-HLS),
 * each up to the stream's publishJitterMs late.
 */
export function feedFor(definition, sets, options = {}) {
  const feed = elsewhere(mediaFeed(definition, sets, options), definition.mediaBaseUrl);
  const unitsPerItem = feed.lowLatency ? 1 : feed.unitsPerSegment;
  const publish = { jitterMs: definition.publishJitterMs ?? 0, key: definition.id, unitsPerItem };
  const listSize = definition.listSize ?? windowSegments;
  return { ...feed, listSize, shape: { unitMs: feed.set.unitMs, unitsPerSegment: feed.unitsPerSegment, publish } };
}

/** The feed's media URIs made absolute under `base` (a stream's mediaBaseUrl); unchanged without one. */
function elsewhere(feed, base) {
  if (!base) return feed;
  return {
    ...feed,
    mapUri: feed.mapUri && `${base}${feed.mapUri}`,
    segmentUri: (mediaSequence) => `${base}${feed.segmentUri(mediaSequence)}`,
    partUri: (mediaSequence, part) => `${base}${feed.partUri(mediaSequence, part)}`,
  };
}

function mediaFeed(definition, sets, options) {
  const feed = plainMediaFeed(definition, sets, options);
  // In-band CEA-608 captions ride in the H.264 of MPEG-TS video (not in an audio-only rendition).
  const captioned = definition.closedCaptions && feed.set.container === 'ts' && feed.set.width > 0 ? { ...feed, set: captionedSet(feed.set) } : feed;
  // ID3 timed metadata, as AMS injects it through its REST API.
  return definition.timedMetadata ? { ...captioned, set: withTimedMetadata(captioned.set) } : captioned;
}

/** @type {WeakMap<import('../media/fixture-media.mjs').MediaSet, import('../media/fixture-media.mjs').MediaSet>} */
const captionedSets = new WeakMap();

/** One captioned set per fixture set: making one measures every chunk. */
function captionedSet(set) {
  let captioned = captionedSets.get(set);
  if (!captioned) {
    captioned = withClosedCaptions(set);
    captionedSets.set(set, captioned);
  }
  return captioned;
}

/** Frames per second of the fixtures (fmp4-frames/ has one frame per unit). */
const framesPerSecond = 30;

/** The fMP4 units Apple-style parts of partMs are made of: the 200 ms fragments, or frames grouped. */
function partSet(sets, partMs) {
  if (partMs === 200) return sets.cmaf;
  // 333 stands for a third of a second: 10 frames.
  const frames = partMs === 333 ? framesPerSecond / 3 : (partMs * framesPerSecond) / 1000;
  return groupedUnits(sets.frames, frames);
}

/** Whole units in a segment of segmentMs (units may last a fraction of a millisecond more or less). */
const unitsIn = (segmentMs, set) => Math.round(segmentMs / set.unitMs);

function plainMediaFeed(definition, sets, { lowLatency = false, rendition }) {
  const { id } = definition;
  const llSegmentMs = (definition.llSegmentSeconds ?? 2) * 1000;
  if (lowLatency && definition.llHls === 'apple') {
    const set = partSet(sets, definition.llPartMs ?? 200);
    const blocking = definition.blockingReload ?? true;
    return {
      set, segmentMs: llSegmentMs, unitsPerSegment: unitsIn(llSegmentMs, set), extension: 'm4s',
      lowLatency: { partTargetMs: set.unitMs, blocking, statesPartHoldBack: true },
      mapUri: `${id}__init.mp4`,
      segmentUri: (mediaSequence) => `${id}${pad(mediaSequence)}.m4s`,
      partUri: (mediaSequence, part) => `${id}${pad(mediaSequence)}.${part}.m4s`,
    };
  }
  const hlsSegmentMs = (definition.hlsSegmentSeconds ?? 2) * 1000;
  if (!lowLatency && !rendition && definition.hlsContainer === 'fmp4') {
    const set = sets.cmaf;
    return {
      set, segmentMs: hlsSegmentMs, unitsPerSegment: unitsIn(hlsSegmentMs, set), extension: 'fmp4',
      lowLatency: null,
      mapUri: `${id}_init.mp4`,
      segmentUri: (mediaSequence) => `${id}${pad(mediaSequence)}.fmp4`,
      partUri: () => { throw new Error('HLS has no parts'); },
    };
  }
  const renditionInfo = playlistRenditions.find((candidate) => candidate.suffix === rendition);
  const set = renditionInfo ? sets[renditionInfo.set] : sets.main;
  const prefix = `${id}${renditionInfo ? renditionInfo.suffix : ''}`;
  // AMS's LL-HLS plugin cuts its own segments, apart from the HLS ones (hlsTime).
  const segmentMs = lowLatency ? llSegmentMs : hlsSegmentMs;
  return {
    set, segmentMs, unitsPerSegment: unitsIn(segmentMs, set), extension: 'ts',
    lowLatency: lowLatency ? { partTargetMs: set.unitMs, blocking: false, statesPartHoldBack: false } : null,
    mapUri: undefined,
    segmentUri: (mediaSequence) => `${prefix}${pad(mediaSequence)}.ts`,
    partUri: (mediaSequence, part) => `${prefix}${pad(mediaSequence)}.${part}.ts`,
  };
}

/** What EXT-X-SERVER-CONTROL says: nothing for AMS-style playlists (AMS writes none). */
function serverControl({ blocking, statesPartHoldBack, partTargetMs }) {
  if (!statesPartHoldBack) return null;
  const partHoldBack = `PART-HOLD-BACK=${((applePartHoldBackPartTargets * partTargetMs) / 1000).toFixed(3)}`;
  return blocking ? `CAN-BLOCK-RELOAD=YES,${partHoldBack}` : partHoldBack;
}

/** Media playlist text for a broadcast at now, or null while it has nothing to list yet (AMS: 404). */
export function renderMediaPlaylist(feed, broadcast, now) {
  const { set, segmentMs, unitsPerSegment, lowLatency } = feed;
  const state = layout(broadcast, now, feed.shape);
  const first = Math.max(0, state.segmentCount - feed.listSize);
  const partsOf = (mediaSequence, count) => Array.from({ length: count }, (_, part) => ({
    durationMs: set.unitMs,
    uri: feed.partUri(mediaSequence, part),
    independent: set.startsWithKeyframe(mediaSequence * unitsPerSegment + part),
  }));
  const segments = [];
  for (let mediaSequence = first; mediaSequence < state.segmentCount; mediaSequence++) {
    const { count } = segmentUnits(mediaSequence, state.units, unitsPerSegment);
    const withParts = lowLatency && mediaSequence >= state.segmentCount - partListedSegments;
    segments.push({
      mediaSequence, durationMs: count * set.unitMs, startTime: broadcast.startAt + mediaSequence * segmentMs,
      uri: feed.segmentUri(mediaSequence), parts: withParts ? partsOf(mediaSequence, count) : undefined,
    });
  }
  let lowLatencyOptions;
  if (lowLatency) {
    const pending = state.inProgress;
    lowLatencyOptions = {
      partTargetMs: lowLatency.partTargetMs,
      serverControl: serverControl(lowLatency),
      pending: pending && {
        startTime: broadcast.startAt + pending.mediaSequence * segmentMs,
        parts: partsOf(pending.mediaSequence, pending.completeParts),
      },
      preloadHintUri: lowLatency.blocking && pending ? feed.partUri(pending.mediaSequence, pending.completeParts) : undefined,
    };
    if (segments.length === 0 && !(pending && pending.completeParts > 0)) return null;
  } else if (segments.length === 0) {
    return null;
  }
  return {
    state,
    text: mediaPlaylist({
      segments, mediaSequence: first, ended: state.ended, mapUri: feed.mapUri, lowLatency: lowLatencyOptions,
      targetDurationSeconds: targetDuration(segments, segmentMs),
    }),
  };
}

/**
 * Whether a blocking playlist reload (_HLS_msn / _HLS_part) can be answered now.
 * @returns {'ready'|'wait'|'bad-request'}
 */
export function blockingReloadState(feed, broadcast, now, mediaSequence, part) {
  const { unitsPerSegment } = feed;
  const state = layout(broadcast, now, feed.shape);
  if (part !== undefined && part >= unitsPerSegment) {
    mediaSequence += Math.floor(part / unitsPerSegment);
    part %= unitsPerSegment;
  }
  // HLS spec 6.2.5.2: more than two segments past the last one in the playlist is a client error.
  const lastListed = state.segmentCount - 1;
  if (mediaSequence > lastListed + 2) return 'bad-request';
  if (state.ended) return 'ready';
  const neededUnit = part === undefined ? (mediaSequence + 1) * unitsPerSegment - 1 : mediaSequence * unitsPerSegment + part;
  return neededUnit < state.units ? 'ready' : 'wait';
}

/**
 * Bytes of a segment or part if it exists now; 'wait' for a soon-to-exist part that may be held
 * (Apple LL-HLS preload hint); null otherwise.
 */
export function mediaBytes(feed, broadcast, now, { mediaSequence, part }) {
  const { set, unitsPerSegment } = feed;
  const state = layout(broadcast, now, feed.shape);
  const oldestServed = state.segmentCount - feed.listSize - extraServedSegments;
  if (mediaSequence < oldestServed) return null;
  if (part === undefined) {
    if (mediaSequence >= state.segmentCount) return null;
    const { first, count } = segmentUnits(mediaSequence, state.units, unitsPerSegment);
    return Buffer.concat(Array.from({ length: count }, (_, offset) => set.unit(first + offset)));
  }
  if (part >= unitsPerSegment) return null;
  const unitIndex = mediaSequence * unitsPerSegment + part;
  if (unitIndex < state.units) return set.unit(unitIndex);
  // A part that is about to be produced (at most 3 parts ahead) is held until it exists.
  if (feed.lowLatency?.blocking && !state.ended && unitIndex <= state.units + 2) return 'wait';
  return null;
}

/** Polls until check() returns something other than 'wait', or the hold limit passes. */
export async function holdUntil(check, limitMs) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const result = check();
    if (result !== 'wait' || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, holdPollMs));
  }
}

export { masterPlaylist, broadcastPhase };
