// The simulated AMS streams the scenarios play, and their URLs through the edge.

/**
 * availableAfter: seconds from the broadcast's start until its playlist has something to list
 * (the origin 404s until then, as AMS does): the first part for LL-HLS, the first 2 s segment for HLS.
 */
export const streamKinds = {
  'apple-ll-hls': { label: 'Apple-style LL-HLS (fMP4, 200 ms parts, blocking reload)', llHls: 'apple', playOrder: 'll-hls', availableAfter: 0.2, mpegTs: false },
  // 4 s segments of 1 s parts, TARGETDURATION:4: the shape of AMS's published LL-HLS playlists.
  'ams-ll-hls': { label: 'AMS-style LL-HLS (MPEG-TS, 1 s parts, 4 s segments)', llHls: 'ams', llSegmentSeconds: 4, playOrder: 'll-hls', availableAfter: 1, mpegTs: true },
  'ams-hls': { label: 'AMS HLS (MPEG-TS, 2 s segments)', llHls: 'ams', playOrder: 'hls', availableAfter: 2, mpegTs: true },
};

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
