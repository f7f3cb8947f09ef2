// Many viewers of a secured AMS HLS stream behind the edge: N elements on one page, each with its
// own AMS JWT play token, opened before the stream starts and then watching it, plus one more
// element on a bench page of its own whose latency is sampled. Measured three ways: the shipped
// edge function (cloudfront/verify-stream-token.js: tokens checked at the edge and removed, one
// cache entry per object) with AMS's max-age=0 on playlists; the same with a 1 s minimum TTL on
// playlists (the recipe's option for many viewers); and tokens in the cache key (no function).
// Reports origin requests per published object, per URL per error TTL while all wait, edge
// requests per viewer per minute (beside one raw hls.js viewer), the first segment's spread, the
// measured viewer's latency, and the function's time per request.
import { median } from '../stats.mjs';
import { stallsBetween } from '../timeline.mjs';
import { sleep } from '../players.mjs';
import { freshStreamId, streamKinds } from '../streams.mjs';
import { configureEdge, openOn } from './context.mjs';
import { signStreamToken } from '../../dev/stream-token.mjs';

const secret = 'bench-jwt-stream-secret-32-characters';
const startInSeconds = 12;
const segmentSeconds = 2;


/** How many requests the busiest URL got in any one error-TTL window, over `entries`. */
function mostPerUrlPerTtl(entries, ttlMs) {
  const byUrl = new Map();
  for (const entry of entries) byUrl.set(entry.path, [...(byUrl.get(entry.path) ?? []), entry.time]);
  let most = 0;
  for (const times of byUrl.values()) {
    times.sort((a, b) => a - b);
    // Sliding window: requests within one TTL of each other, a little under so edges of a TTL count once.
    for (let first = 0, last = 0; last < times.length; last++) {
      while (times[last] - times[first] >= ttlMs - 50) first++;
      most = Math.max(most, last - first + 1);
    }
  }
  return most;
}

async function oneMode(context, { viewers, playSeconds, edgeFunction, playlistMinimumTtl = 0 }) {
  const kind = streamKinds['ams-hls'];
  const streamId = freshStreamId();
  const ttlMs = context.errorTtl * 1000;
  await configureEdge(context, { viewerRequest: edgeFunction ? { keyValueStore: { 'ams-jwt-stream-secret': secret } } : null, playlistMinimumTtl });
  const state = context.control.putStream({ ...kind.definition, id: streamId, startIn: startInSeconds });
  const liveAt = Date.parse(state.nextStartAt);
  const browserContext = await context.browser.createBrowserContext();
  try {
    const page = await browserContext.newPage();
    page.on('pageerror', (error) => console.error(`[many-viewers] page error: ${error.message}`));
    await page.goto(`${context.edgeUrl}/many-viewers.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.addViewers === 'function');
    const tokens = Array.from({ length: viewers }, (_, viewer) => signStreamToken({ secret, streamId, extraClaims: { viewer } }));
    const openedAt = Date.now();
    await page.evaluate((options) => window.addViewers(options), { domain: context.edgeUrl, streamId, playOrder: kind.playOrder, errorTtl: context.errorTtl, tokens });
    const measured = await openOn(context, 'element', { streamId, playOrder: kind.playOrder, token: signStreamToken({ secret, streamId, extraClaims: { viewer: 'measured' } }) }, { waitForFirstFrame: false });
    await sleep(Math.max(0, liveAt + playSeconds * 1000 - Date.now()));
    const endAt = Date.now();
    const { playing, errors } = await page.evaluate(() => JSON.parse(JSON.stringify(window.viewers)));
    const measuredState = await measured.read();
    await measured.close();
    const ofStream = (entry) => entry.path.includes(streamId);
    const origin = context.originLog().filter(ofStream);
    const edge = context.edgeLog().filter(ofStream);
    const waiting = origin.filter((entry) => entry.time >= openedAt && entry.time < liveAt);
    // Settled playback: from two segments after the start, when every viewer has found the stream.
    const settledFrom = liveAt + 2 * segmentSeconds * 1000;
    const inPlay = (entry) => entry.time >= settledFrom && entry.time < endAt;
    const originMedia = origin.filter((entry) => inPlay(entry) && entry.path.endsWith('.ts'));
    const originPlaylists = origin.filter((entry) => inPlay(entry) && entry.path.endsWith('.m3u8'));
    const publishedSegments = (endAt - settledFrom) / (segmentSeconds * 1000);
    const firstSegment = edge.filter((entry) => /000000000\.ts$/.test(entry.path) || /000000001\.ts$/.test(entry.path)).sort((a, b) => a.time - b.time);
    const firstPath = firstSegment[0]?.path;
    const firstRequests = firstSegment.filter((entry) => entry.path === firstPath);
    const functionTimes = edge.map((entry) => entry.functionMs).filter((value) => typeof value === 'number');
    const latencies = measuredState.latency.filter(([wall]) => wall >= settledFrom && wall < endAt).map(([, milliseconds]) => milliseconds / 1000);
    return {
      edgeFunction,
      playlistMinimumTtl,
      viewers,
      measuredViewer: { latencyMedianSeconds: median(latencies), stalls: stallsBetween(measuredState.progress, settledFrom, endAt).length },
      playing: playing.length,
      errors: errors.slice(0, 3),
      originRequestsPerMediaObject: originMedia.length / Math.max(1, new Set(originMedia.map((entry) => entry.path)).size),
      originPlaylistRequestsPerNewSegment: originPlaylists.length / publishedSegments,
      originRequestsPerUrlPerTtlWhileWaiting: mostPerUrlPerTtl(waiting, ttlMs),
      // The measured viewer is one more viewer of the stream.
      edgeRequestsPerViewerPerMinute: edge.filter(inPlay).length / (viewers + 1) / ((endAt - settledFrom) / 60_000),
      firstSegment: firstPath ? {
        path: firstPath.split('/').pop(),
        viewerRequests: firstRequests.length,
        originRequests: firstRequests.filter((entry) => entry.originRequest).length,
        spreadMs: firstRequests.at(-1).time - firstRequests[0].time,
      } : null,
      functionMs: functionTimes.length ? { median: median(functionTimes), max: Math.max(...functionTimes), requests: functionTimes.length } : null,
    };
  } finally {
    await browserContext.close();
    await configureEdge(context, { viewerRequest: null, playlistMinimumTtl: 0 });
  }
}

/** One raw hls.js viewer on the same kind of stream (no token): its edge requests per minute. */
async function rawHlsjsViewer(context, playSeconds) {
  const kind = streamKinds['ams-hls'];
  const streamId = freshStreamId();
  context.control.putStream({ ...kind.definition, id: streamId, startIn: -30 });
  const page = await openOn(context, 'hlsjs', { streamId, playOrder: kind.playOrder });
  const from = Date.now();
  await sleep(playSeconds * 1000);
  const to = Date.now();
  await page.close();
  const requests = context.edgeLog().filter((entry) => entry.path.includes(streamId) && entry.time >= from && entry.time < to);
  return { edgeRequestsPerViewerPerMinute: requests.length / ((to - from) / 60_000) };
}

export async function runManyViewers(context, { viewers = 20, playSeconds = 60 } = {}) {
  context.log(`many-viewers: ${viewers} elements with their own tokens, opened ${startInSeconds} s before the stream, then ${playSeconds} s of it; with the edge function, then with tokens in the cache key`);
  const withFunction = await oneMode(context, { viewers, playSeconds, edgeFunction: true });
  const withFunctionAndPlaylistTtl = await oneMode(context, { viewers, playSeconds, edgeFunction: true, playlistMinimumTtl: 1 });
  const tokensInCacheKey = await oneMode(context, { viewers, playSeconds, edgeFunction: false });
  const hlsjs = await rawHlsjsViewer(context, playSeconds);
  return { stream: streamKinds['ams-hls'].label, viewers, withFunction, withFunctionAndPlaylistTtl, tokensInCacheKey, rawHlsjs: hlsjs };
}
