// Stream definitions and their broadcasts (publish -> unpublish runs), with the control operations.
import { broadcastPhase } from './timeline.mjs';

/**
 * @typedef {object} StreamDefinition
 * @property {string} id
 * @property {number} [startIn]      seconds from now until the broadcast starts (default 0)
 * @property {number|null} [stopAfter] seconds of live time, null = endless
 * @property {boolean} [adaptive]    serve {id}_adaptive.m3u8 with two renditions
 * @property {'ams'|'apple'|'none'} [llHls] what the ll-hls URL serves (default 'ams'; 'none': LL-HLS off, 404)
 * @property {number} [goneAfter]    seconds after the stop until everything 404s (default 30)
 * @property {number} [llSegmentSeconds] AMS-style LL-HLS segment length, whole seconds (default 2;
 *   published AMS LL-HLS playlists show 4, with TARGETDURATION:4)
 * @property {number} [hlsSegmentSeconds] HLS segment length, whole seconds (AMS's hlsTime; default 2)
 * @property {'ts'|'fmp4'} [hlsContainer] what the HLS playlist's segments are (default 'ts'; 'fmp4':
 *   `{id}_init.mp4` and `{id}NNNNNNNNN.fmp4`, as AMS writes them with fMP4 HLS; not with `adaptive`)
 * @property {number} [llPartMs] Apple-style LL-HLS part length: 200 (default), 333 (10 frames), 500 or 1000
 * @property {boolean} [blockingReload] Apple-style LL-HLS answers `_HLS_msn` blocking reloads and
 *   lists a preload hint (default true); false: neither, PART-HOLD-BACK still stated
 * @property {number} [publishJitterMs] each segment (HLS) or part (LL-HLS) is published a fixed
 *   pseudo-random delay in [0, publishJitterMs) after it is complete (default 0)
 * @property {boolean} [timedMetadata] carry an ID3 tag every 2 s (MPEG-TS timed-metadata stream,
 *   fMP4 emsg), text `unit N` and N as data, as AMS injects metadata through its REST API
 * @property {number} [listSize] segments a live playlist lists, AMS's hlsListSize (default 15; a
 *   long window, 60 = 2 minutes, is a live stream a viewer can rewind)
 * @property {boolean} [audioRenditions] the ABR master (`adaptive`) lists two audio renditions: English
 *   (the audio in the video segments, default) and Deutsch (`{id}_audio_de.m3u8`, another tone)
 * @property {boolean} [subtitles] the ABR master (`adaptive`) lists a live WebVTT subtitle rendition,
 *   English, one cue per segment ("Segment N")
 * @property {boolean} [closedCaptions] in-band CEA-608 captions in the MPEG-TS video ("Caption N" in
 *   unit N), and the ABR master (`adaptive`) declares them (EXT-X-MEDIA TYPE=CLOSED-CAPTIONS, CC1, English)
 * @property {boolean} [recording] serve streams/{id}.mp4, the recording AMS writes (dev/fixtures/recording.mp4)
 * @property {string|null} [mediaBaseUrl] media playlists name their segments, parts and init
 *   section as absolute URLs under this http(s) base: media on another host, as any playlist may
 *   point a player elsewhere (null = relative URIs, as AMS writes them)
 * @property {string|null} [directory] serve {id}.m3u8 and {id}NNNNNNNNN.ts from this directory
 *   (files an encoder such as ffmpeg writes) instead of the looped fixtures; null = fixtures
 */

const streamIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export class RequestError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function numberOr(value, fallback, name) {
  if (value === undefined) return fallback;
  if (value === null && fallback === null) return null;
  // A negative startIn means "live since that many seconds ago": a full playlist window at once.
  const minimum = name === 'startIn' ? -Infinity : 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) throw new RequestError(400, `${name} must be a number${minimum === 0 ? ' >= 0' : ''}`);
  return value;
}

function wholeNumberFrom(value, { minimum, maximum, name }) {
  if (!Number.isInteger(value) || value < minimum || value > maximum) throw new RequestError(400, `${name} must be a whole number from ${minimum} to ${maximum}`);
  return value;
}

/** Validates and fills in defaults. */
export function normalizeDefinition(definition) {
  if (!definition || typeof definition !== 'object') throw new RequestError(400, 'stream definition must be an object');
  const { id } = definition;
  if (typeof id !== 'string' || !streamIdPattern.test(id) || /_adaptive$/.test(id)) throw new RequestError(400, `bad stream id ${JSON.stringify(id)}`);
  const llHls = definition.llHls ?? 'ams';
  if (!['ams', 'apple', 'none'].includes(llHls)) throw new RequestError(400, "llHls must be 'ams', 'apple' or 'none'");
  const llSegmentSeconds = definition.llSegmentSeconds ?? 2;
  if (!Number.isInteger(llSegmentSeconds) || llSegmentSeconds < 1 || llSegmentSeconds > 10) throw new RequestError(400, 'llSegmentSeconds must be a whole number from 1 to 10');
  const hlsSegmentSeconds = wholeNumberFrom(definition.hlsSegmentSeconds ?? 2, { minimum: 1, maximum: 10, name: 'hlsSegmentSeconds' });
  const hlsContainer = definition.hlsContainer ?? 'ts';
  if (!['ts', 'fmp4'].includes(hlsContainer)) throw new RequestError(400, "hlsContainer must be 'ts' or 'fmp4'");
  if (hlsContainer === 'fmp4' && definition.adaptive) throw new RequestError(400, "hlsContainer 'fmp4' has no ABR renditions: not with adaptive");
  const llPartMs = definition.llPartMs ?? 200;
  if (![200, 333, 500, 1000].includes(llPartMs)) throw new RequestError(400, 'llPartMs must be 200, 333, 500 or 1000');
  if (llPartMs !== 200 && llHls !== 'apple') throw new RequestError(400, "llPartMs is for llHls 'apple' (AMS-style parts are 1 s)");
  // A segment is a whole number of parts.
  if ((llSegmentSeconds * 1000) % (llPartMs === 333 ? 1000 : llPartMs) !== 0) throw new RequestError(400, 'llSegmentSeconds must be a whole number of parts');
  const blockingReload = definition.blockingReload ?? true;
  if (typeof blockingReload !== 'boolean') throw new RequestError(400, 'blockingReload must be true or false');
  const directory = definition.directory ?? null;
  const mediaBaseUrl = definition.mediaBaseUrl ?? null;
  if (mediaBaseUrl !== null && (typeof mediaBaseUrl !== 'string' || !/^https?:\/\/[^/]+\/(.*\/)?$/.test(mediaBaseUrl))) throw new RequestError(400, 'mediaBaseUrl must be an http(s) URL ending in "/"');
  if (directory !== null && (typeof directory !== 'string' || directory === '')) throw new RequestError(400, 'directory must be a path');
  return {
    id,
    directory,
    mediaBaseUrl,
    publishJitterMs: numberOr(definition.publishJitterMs, 0, 'publishJitterMs'),
    startIn: numberOr(definition.startIn, 0, 'startIn'),
    stopAfter: numberOr(definition.stopAfter, null, 'stopAfter'),
    adaptive: Boolean(definition.adaptive),
    llHls,
    goneAfter: numberOr(definition.goneAfter, 30, 'goneAfter'),
    llSegmentSeconds,
    hlsSegmentSeconds,
    hlsContainer,
    llPartMs,
    blockingReload,
    timedMetadata: Boolean(definition.timedMetadata),
    recording: Boolean(definition.recording),
    subtitles: Boolean(definition.subtitles),
    closedCaptions: Boolean(definition.closedCaptions),
    audioRenditions: Boolean(definition.audioRenditions),
    listSize: wholeNumberFrom(definition.listSize ?? 15, { minimum: 3, maximum: 1000, name: 'listSize' }),
  };
}

function newBroadcast(now, startIn, stopAfter, goneAfter) {
  const startAt = now + startIn * 1000;
  return { startAt, stopAt: stopAfter === null ? null : startAt + stopAfter * 1000, goneAfterMs: goneAfter * 1000 };
}

export function createRegistry(now) {
  /** @type {Map<string, { definition: ReturnType<typeof normalizeDefinition>, broadcasts: import('./timeline.mjs').Broadcast[] }>} */
  const streams = new Map();

  /** The broadcast that answers requests now: the latest one that has started (null = 404). */
  function currentBroadcast(id) {
    const stream = streams.get(id);
    if (!stream) return null;
    const time = now();
    for (let index = stream.broadcasts.length - 1; index >= 0; index--) {
      if (stream.broadcasts[index].startAt <= time) return stream.broadcasts[index];
    }
    return null;
  }

  function requireStream(id) {
    const stream = streams.get(id);
    if (!stream) throw new RequestError(404, `no stream ${id}`);
    return stream;
  }

  return {
    streams,
    currentBroadcast,
    /** Creates or replaces a stream; its first broadcast starts after definition.startIn. */
    putStream(definition) {
      const normalized = normalizeDefinition(definition);
      const broadcast = newBroadcast(now(), normalized.startIn, normalized.stopAfter, normalized.goneAfter);
      streams.set(normalized.id, { definition: normalized, broadcasts: [broadcast] });
      return normalized.id;
    },
    /** Stops publishing now; the playlists get ENDLIST and 404 goneAfter seconds later. */
    stopStream(id, { goneAfter } = {}) {
      const stream = requireStream(id);
      const broadcast = stream.broadcasts.at(-1);
      const time = now();
      if (broadcast.startAt > time) {
        stream.broadcasts.pop(); // never started: nothing to end
        return;
      }
      if (broadcast.stopAt === null || broadcast.stopAt > time) broadcast.stopAt = time;
      if (goneAfter !== undefined) broadcast.goneAfterMs = numberOr(goneAfter, 30, 'goneAfter') * 1000;
    },
    /**
     * Publishes again under the same id: a fresh broadcast (media sequence and timestamps restart)
     * startIn seconds from now. A broadcast still running ends when the new one starts.
     */
    startStream(id, { startIn = 0, stopAfter = null, goneAfter } = {}) {
      const stream = requireStream(id);
      const broadcast = newBroadcast(now(), numberOr(startIn, 0, 'startIn'), numberOr(stopAfter, null, 'stopAfter'),
        numberOr(goneAfter, stream.definition.goneAfter, 'goneAfter'));
      const time = now();
      stream.broadcasts = stream.broadcasts.filter((previous) => previous.startAt <= time);
      const previous = stream.broadcasts.at(-1);
      if (previous && (previous.stopAt === null || previous.stopAt > broadcast.startAt)) previous.stopAt = broadcast.startAt;
      stream.broadcasts = [...stream.broadcasts.slice(-1), broadcast];
    },
    /** Gone at once. */
    deleteStream(id) {
      return streams.delete(id);
    },
    phase(id) {
      if (!streams.has(id)) return 'unknown';
      const broadcast = currentBroadcast(id);
      return broadcast ? broadcastPhase(broadcast, now()) : 'scheduled';
    },
  };
}
