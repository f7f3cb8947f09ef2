// The simulated AMS streams the scenarios play, and their URLs through the edge.

/**
 * definition: the origin stream definition (without id and startIn).
 * availableAfter: seconds from the broadcast's start until its playlist has something to list
 * (the origin 404s until then, as AMS does): the first part for LL-HLS, the first 2 s segment for HLS.
 * newMedia: what one playlist update brings, for the playlist requests per new media figure.
 *
 * Publish jitter: a real encoder and AMS's muxer publish each segment or part a little after it is
 * complete, never at the same instant. The AMS-like streams get some, so the figures hold for
 * streams in general and cannot come from tuning to the emulator's exact timing. 300 ms on 2 s
 * segments and 150 ms on 1 s parts are plausible for a loaded server, not measured values.
 */
export const streamKinds = {
  'apple-ll-hls': { label: 'Apple-style LL-HLS (fMP4, 200 ms parts, blocking reload)', definition: { llHls: 'apple' }, playOrder: 'll-hls', availableAfter: 0.2, mpegTs: false, newMedia: 'parts' },
  // 4 s segments of 1 s parts, TARGETDURATION:4: the shape of AMS's published LL-HLS playlists.
  'ams-ll-hls': { label: 'AMS-style LL-HLS (MPEG-TS, 1 s parts, 4 s segments, 150 ms publish jitter)', definition: { llHls: 'ams', llSegmentSeconds: 4, publishJitterMs: 150 }, playOrder: 'll-hls', availableAfter: 1, mpegTs: true, newMedia: 'parts' },
  'ams-hls': { label: 'AMS HLS (MPEG-TS, 2 s segments, 300 ms publish jitter)', definition: { llHls: 'ams', publishJitterMs: 300 }, playOrder: 'hls', availableAfter: 2, mpegTs: true, newMedia: 'segments' },
  // The shape an independent measurement found the element stalling on (issue 31): short segments
  // leave little buffer, so any slack in the player's timing shows.
  'hls-1s': { label: 'HLS (fMP4, 1 s segments, 150 ms publish jitter)', definition: { hlsSegmentSeconds: 1, hlsContainer: 'fmp4', publishJitterMs: 150 }, playOrder: 'hls', availableAfter: 1, mpegTs: false, newMedia: 'segments' },
};

/** Counts what a stream of this kind published between two times, from the origin's timeline. */
export function publishedCounter(control, kind) {
  const count = (id, time) => {
    const published = control.publishedMedia(id, time);
    if (!published) return null;
    return kind.newMedia === 'segments' ? published.hlsSegments : published.llHlsParts;
  };
  return (id, from, to) => {
    const [before, after] = [count(id, from), count(id, to)];
    return before === null || after === null ? null : after - before;
  };
}

/** The URL raw hls.js is given: what the element plays first for that play order. */
export function streamUrl(edgeUrl, id, playOrder) {
  const base = new URL('/streams/', edgeUrl);
  if (playOrder.split(',')[0] === 'll-hls') return new URL(`ll-hls/${encodeURIComponent(id)}/${encodeURIComponent(id)}__master.m3u8`, base).href;
  return new URL(`${encodeURIComponent(id)}.m3u8`, base).href;
}

const runToken = String(Date.now() % 1_000_000).padStart(6, '0');
let counter = 0;

/**
 * A stream id no earlier run used, so no cached edge response answers for it. All ids have the
 * same length and only one letter run, so no id is part of another and a path names one stream.
 */
export function freshStreamId() {
  counter += 1;
  return `bench${runToken}${String(counter).padStart(4, '0')}`;
}

/** The real-encoder scenario's stream: ffmpeg's HLS output, served from its directory (bench/encoder.mjs). */
export const realEncoderKind = { label: 'Real encoder (ffmpeg libx264 + AAC in real time, 2 s segments)', playOrder: 'hls', availableAfter: 2, mpegTs: true, newMedia: 'segments' };

/**
 * Wall time (ms) a broadcast that started at startAt first has something to play: its first
 * segment (HLS) or part (LL-HLS), publish jitter included. Needs the broadcast to have started.
 */
export function firstAvailableAt(control, kind, id, startAt) {
  const earliest = startAt + kind.availableAfter * 1000;
  for (let time = earliest; time < earliest + 5_000; time += 1) {
    const published = control.publishedMedia(id, time);
    if ((kind.newMedia === 'segments' ? published?.hlsSegments : published?.llHlsParts) > 0) return time;
  }
  return earliest;
}
