// The media URLs under /{app}/streams/: playlists and media of a stream's current broadcast, cut
// from the looped fixtures, or read from an encoder's output directory; faults applied first.
import { corruptVideo, readTimestamps } from '../media/mpegts.mjs';
import { subtitleSegment } from '../streams/playlists.mjs';
import { broadcastPhase } from '../streams/timeline.mjs';
import {
  parseStreamPath, feedFor, renderMediaPlaylist, blockingReloadState, mediaBytes, holdUntil, masterPlaylist,
  renditions, audioRenditions, contentTypes, lowLatencyDirectory, segmentDurationMs,
} from '../streams/media-routes.mjs';
import { serveDirectoryStream } from './directory-stream.mjs';
import { notFound, plainText } from './responses.mjs';

const blockingReloadLimitMs = 3 * segmentDurationMs; // HLS spec: answer within 3 target durations
const partHoldLimitMs = 3000;
const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/** The subtitle renditions a stream with `subtitles` has: one, English. */
const subtitleRenditions = [{ name: 'English', language: 'en' }];
const subtitlePlaylistUri = (id, language) => `${id}_subtitles_${language}.m3u8`;

const playlist = (text) => ({ status: 200, headers: { 'Content-Type': contentTypes.m3u8, 'Cache-Control': 'max-age=0' }, body: text });

function variantOf(set) {
  return { bandwidth: set.bandwidth, width: set.width, height: set.height, codecs: set.codecs };
}

/**
 * @param {{ registry: ReturnType<typeof import('../streams/registry.mjs').createRegistry>,
 *   faults: ReturnType<typeof import('../streams/faults.mjs').createFaults>,
 *   sets: object, now: () => number, isClosed: () => boolean }} dependencies
 * @returns {(path: string, query: URLSearchParams) => Promise<{ status: number, headers?: object, body?: Buffer|string }>}
 */
export function createStreamRoutes({ registry, faults, sets, now, isClosed }) {
  return async function handleStream(path, query) {
    const parsed = parseStreamPath(path, (id) => registry.streams.has(id));
    if (!parsed) return notFound();
    const faultTarget = { id: parsed.id, resource: parsed.resource };
    const delay = faults.delayFor(faultTarget);
    if (delay > 0) await sleep(delay);
    const forcedStatus = faults.statusFor(faultTarget);
    if (forcedStatus) return plainText(forcedStatus, `fault ${forcedStatus}\n`);

    const { id } = parsed;
    const definition = registry.streams.get(id)?.definition;
    // The broadcast is looked up again after every wait: the stream may be stopped or deleted meanwhile.
    const liveBroadcast = () => {
      if (isClosed() || registry.streams.get(id)?.definition !== definition) return null;
      const broadcast = registry.currentBroadcast(id);
      return broadcast && broadcastPhase(broadcast, now()) !== 'gone' ? broadcast : null;
    };
    if (!definition || !liveBroadcast()) return notFound();
    if (definition.directory) return serveDirectoryStream(definition, parsed);
    const isAudioRendition = audioRenditions.some(({ suffix }) => suffix && suffix === parsed.rendition);
    if (parsed.rendition && !(isAudioRendition ? definition.audioRenditions : definition.adaptive)) return notFound();
    // An AMS app with LL-HLS turned off has no ll-hls directory at all.
    if (parsed.target.startsWith('ll-') && definition.llHls === 'none') return notFound();

    const corrupt = faults.isCorrupt(faultTarget);
    const media = (bytes, extension) => (bytes
      ? { status: 200, headers: { 'Content-Type': contentTypes[extension], 'Cache-Control': 'max-age=10' }, body: corrupt && extension === 'ts' ? corruptVideo(bytes) : bytes }
      : notFound());
    const rendered = (feed) => renderMediaPlaylist(feed, liveBroadcast(), now());
    const lowLatencyFeed = feedFor(definition, sets, { lowLatency: true });

    switch (parsed.target) {
      case 'hls-media': {
        const result = rendered(feedFor(definition, sets, { rendition: parsed.rendition }));
        return result ? playlist(result.text) : notFound();
      }
      case 'adaptive-master': {
        if (!definition.adaptive || !rendered(feedFor(definition, sets))) return notFound();
        const subtitles = definition.subtitles ? subtitleRenditions.map(({ name, language }) => ({ name, language, uri: subtitlePlaylistUri(id, language) })) : [];
        const audio = definition.audioRenditions ? audioRenditions.map(({ suffix, name, language }) => ({ name, language, uri: suffix && `${id}${suffix}.m3u8` })) : [];
        const closedCaptions = definition.closedCaptions ? [{ name: 'English', language: 'en', instreamId: 'CC1' }] : [];
        return playlist(masterPlaylist(renditions.map(({ suffix, set }) => ({ uri: `${id}${suffix}.m3u8`, ...variantOf(sets[set]) })), { audio, subtitles, closedCaptions }));
      }
      case 'subtitle-playlist': {
        const result = definition.subtitles ? rendered(feedFor(definition, sets)) : null;
        if (!result) return notFound();
        // The HLS playlist, segment for segment, each naming its WebVTT file instead.
        return playlist(result.text.replace(/^.*?(\d{9})\.ts$/gm, (_line, sequence) => `${id}_subtitles_${parsed.language}${sequence}.vtt`));
      }
      case 'subtitle-segment': {
        const feed = feedFor(definition, sets);
        const bytes = definition.subtitles ? mediaBytes(feed, liveBroadcast(), now(), parsed) : null;
        if (!bytes || bytes === 'wait') return notFound();
        const startPts = Math.min(...readTimestamps(bytes).filter(({ kind }) => kind === 'pts').map(({ value }) => Number(value)));
        const text = subtitleSegment({ mediaSequence: parsed.mediaSequence, durationMs: (bytes.length > 0 ? feed.segmentMs : 0), startPts });
        return { status: 200, headers: { 'Content-Type': 'text/vtt; charset=utf-8', 'Cache-Control': 'max-age=10' }, body: text };
      }
      case 'hls-segment': {
        if (faults.isMissing({ id, mediaSequence: parsed.mediaSequence })) return notFound();
        const feed = feedFor(definition, sets, { rendition: parsed.rendition });
        if (parsed.extension !== feed.extension) return notFound();
        return media(mediaBytes(feed, liveBroadcast(), now(), parsed), parsed.extension);
      }
      case 'hls-init': {
        const feed = feedFor(definition, sets);
        return feed.set.init && feed.mapUri ? media(feed.set.init, 'mp4') : notFound();
      }
      case 'll-master': {
        if (!rendered(lowLatencyFeed)) return notFound();
        return playlist(masterPlaylist([{ uri: `${lowLatencyDirectory}/${id}__lowlatency.m3u8`, ...variantOf(lowLatencyFeed.set) }], { version: 6 }));
      }
      case 'll-media': {
        if (lowLatencyFeed.lowLatency.blocking && query.has('_HLS_msn')) {
          const mediaSequence = Number(query.get('_HLS_msn'));
          const part = query.has('_HLS_part') ? Number(query.get('_HLS_part')) : undefined;
          if (!Number.isInteger(mediaSequence) || mediaSequence < 0 || (part !== undefined && !(Number.isInteger(part) && part >= 0))) {
            return plainText(400, 'bad _HLS_msn/_HLS_part\n');
          }
          const outcome = await holdUntil(() => {
            const broadcast = liveBroadcast();
            return broadcast ? blockingReloadState(lowLatencyFeed, broadcast, now(), mediaSequence, part) : 'gone';
          }, blockingReloadLimitMs);
          if (outcome === 'gone') return notFound();
          if (outcome === 'bad-request') return plainText(400, '_HLS_msn too far ahead\n');
          if (outcome === 'wait') return plainText(503, 'not produced in time\n');
        }
        if (!liveBroadcast()) return notFound();
        const result = rendered(lowLatencyFeed);
        return result ? playlist(result.text) : notFound();
      }
      case 'll-init':
        return definition.llHls === 'apple' ? media(lowLatencyFeed.set.init, 'mp4') : notFound();
      case 'll-segment':
      case 'll-part': {
        if (parsed.extension !== lowLatencyFeed.extension) return notFound();
        if (faults.isMissing({ id, mediaSequence: parsed.mediaSequence, part: parsed.part })) return notFound();
        const bytes = await holdUntil(() => {
          const broadcast = liveBroadcast();
          return broadcast ? mediaBytes(lowLatencyFeed, broadcast, now(), parsed) : null;
        }, partHoldLimitMs);
        return media(bytes === 'wait' ? null : bytes, parsed.extension);
      }
      default:
        return notFound();
    }
  };
}
