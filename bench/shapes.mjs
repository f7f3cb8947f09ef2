// The stream shapes of the benchmark's matrix (`--matrix`): how live streams behave in general, not
// the emulator's defaults. Segments of 1 to 6 s, an encoder with 8 s GOPs, LL-HLS parts of 0.2 to
// 1 s with and without blocking reload, MPEG-TS and fMP4, publish jitter of 0, 150 and 300 ms.
// Each shape is a stream kind (bench/streams.mjs): what the origin serves, or what ffmpeg encodes.

const jitterName = (jitterMs) => (jitterMs ? `-j${jitterMs}` : '');
const jitterLabel = (jitterMs) => (jitterMs ? `, ${jitterMs} ms publish jitter` : '');

/** Plain HLS of `seconds` segments. */
function hls({ seconds, container, jitterMs = 0 }) {
  return {
    name: `hls-${container}-${seconds}s${jitterName(jitterMs)}`,
    label: `HLS, ${container === 'ts' ? 'MPEG-TS' : 'fMP4'}, ${seconds} s segments${jitterLabel(jitterMs)}`,
    definition: { hlsSegmentSeconds: seconds, hlsContainer: container, publishJitterMs: jitterMs },
    playOrder: 'hls', availableAfter: seconds, mpegTs: container === 'ts', newMedia: 'segments',
  };
}

/** Apple-style LL-HLS (fMP4) of `partMs` parts: 2 s segments, 4 s for parts of half a second or more. */
function appleLowLatency({ partMs, blocking, jitterMs = 0 }) {
  const partName = partMs === 333 ? '0.33' : String(partMs / 1000);
  return {
    name: `ll-fmp4-${partName}s${blocking ? '' : '-poll'}${jitterName(jitterMs)}`,
    label: `LL-HLS, fMP4, ${partName} s parts, ${blocking ? 'blocking reload' : 'no blocking reload'}${jitterLabel(jitterMs)}`,
    definition: { llHls: 'apple', llPartMs: partMs, llSegmentSeconds: partMs >= 500 ? 4 : 2, blockingReload: blocking, publishJitterMs: jitterMs },
    playOrder: 'll-hls', availableAfter: partMs / 1000, mpegTs: false, newMedia: 'parts',
  };
}

/** AMS-style LL-HLS: MPEG-TS, 1 s parts of 4 s segments, no blocking reload, no hold-back stated. */
function amsLowLatency({ jitterMs = 0 }) {
  return {
    name: `ll-ts-1s${jitterName(jitterMs)}`,
    label: `LL-HLS, MPEG-TS, 1 s parts (AMS-style, no blocking reload)${jitterLabel(jitterMs)}`,
    definition: { llHls: 'ams', llSegmentSeconds: 4, publishJitterMs: jitterMs },
    playOrder: 'll-hls', availableAfter: 1, mpegTs: true, newMedia: 'parts',
  };
}

/** ffmpeg in real time (bench/encoder.mjs): its own timing, a keyframe every gopFrames at 30 fps. */
function encoder({ segmentSeconds, gopFrames }) {
  const gopSeconds = Math.round((gopFrames / 30) * 10) / 10;
  return {
    name: `encoder-${segmentSeconds}s-gop${gopSeconds}s`,
    label: `real encoder (ffmpeg), hls_time ${segmentSeconds}, ${gopSeconds} s GOPs`,
    encoder: { segmentSeconds, gopFrames },
    playOrder: 'hls', mpegTs: true, newMedia: 'segments',
  };
}

/** The same shape behind a CDN that keeps playlists `seconds` (its Age header tells how old a copy is). */
function cachedPlaylists(shape, seconds) {
  return { ...shape, name: `${shape.name}-cdn${seconds}`, label: `${shape.label}, playlists cached ${seconds} s at the edge`, edge: { playlistMinimumTtl: seconds } };
}

export const shapes = [
  ...[1, 2, 4, 6].flatMap((seconds) => ['ts', 'fmp4'].map((container) => hls({ seconds, container }))),
  ...[1, 2].flatMap((seconds) => ['ts', 'fmp4'].flatMap((container) => [150, 300].map((jitterMs) => hls({ seconds, container, jitterMs })))),
  ...[200, 333, 500, 1000].flatMap((partMs) => [true, false].map((blocking) => appleLowLatency({ partMs, blocking }))),
  ...[200, 1000].flatMap((partMs) => [150, 300].map((jitterMs) => appleLowLatency({ partMs, blocking: true, jitterMs }))),
  ...[0, 150, 300].map((jitterMs) => amsLowLatency({ jitterMs })),
  cachedPlaylists(hls({ seconds: 1, container: 'fmp4', jitterMs: 150 }), 1),
  cachedPlaylists(hls({ seconds: 2, container: 'ts', jitterMs: 300 }), 1),
  encoder({ segmentSeconds: 1, gopFrames: 30 }),
  encoder({ segmentSeconds: 2, gopFrames: 60 }),
  // Keyframes every 8.3 s: the segments are that long whatever hls_time asks.
  encoder({ segmentSeconds: 2, gopFrames: 250 }),
];

export const shapeNames = shapes.map((shape) => shape.name);
