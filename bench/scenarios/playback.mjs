// Steady live playback of one stream kind: time to first frame (players one at a time, rotated),
// then all three players at once for the run length: latency, stalls, long tasks, requests.
import { median, percentile, perMinute, ratio } from '../stats.mjs';
import { stallsBetween, stallSummary } from '../timeline.mjs';
import { entriesFor, mediaPlaylistRequests } from '../requests.mjs';
import { playerIds, rotated, sleep } from '../players.mjs';
import { publishedCounter, streamKinds } from '../streams.mjs';
import { briefError, openOn, streamsPerPlayer } from './context.mjs';

/** Latency and long tasks are read after this settling time (start-up catch-up, hls.js compile). */
const warmUpMs = 5_000;

/** Median latency of each 5 s since the first frame, in seconds (two decimals). */
function latencyBySlice(samples, from) {
  const slices = [];
  for (const [wall, milliseconds] of samples) (slices[Math.floor((wall - from) / 5_000)] ??= []).push(milliseconds / 1000);
  return [...slices].map((slice) => (slice ? Math.round(median(slice) * 100) / 100 : null));
}
const firstFrameTimeoutMs = 30_000;

async function timeToFirstFrame(context, kind, streams) {
  const samples = Object.fromEntries(playerIds.map((player) => [player, []]));
  for (let round = 0; round < context.ttffRounds; round++) {
    for (const player of rotated(playerIds, round)) {
      const page = await openOn(context, player, { streamId: streams[player], playOrder: kind.playOrder }, { firstFrameTimeoutMs, sample: false });
      const state = await page.read();
      samples[player].push(state.firstFramePerf === null ? null : state.firstFramePerf - state.attachedPerf);
      await page.close();
    }
  }
  return samples;
}

export async function runPlayback(context, kindName) {
  const kind = streamKinds[kindName];
  const streams = streamsPerPlayer(context, playerIds, { startIn: -40, ...kind.definition });
  return measurePlayback(context, { kindName, kind, streams, publishedBetween: publishedCounter(context.control, kind) });
}

/**
 * The measurement itself, on streams already publishing: one per player.
 * publishedBetween(id, from, to): new segments (HLS) or parts (LL-HLS) the stream published in [from, to].
 * measureTimeToFirstFrame: false skips those rounds (the matrix measures playback only).
 */
export async function measurePlayback(context, { kindName, kind, streams, publishedBetween, measureTimeToFirstFrame = true }) {
  let ttff = Object.fromEntries(playerIds.map((player) => [player, []]));
  if (measureTimeToFirstFrame) {
    context.log(`${kindName}: time to first frame, ${context.ttffRounds} rounds`);
    ttff = await timeToFirstFrame(context, kind, streams);
  }

  context.log(`${kindName}: ${context.durationSeconds} s of playback, all players at once`);
  const pages = await Promise.all(playerIds.map((player) => openOn(context, player, { streamId: streams[player], playOrder: kind.playOrder }, { firstFrameTimeoutMs })));
  await sleep(context.durationSeconds * 1000);
  const end = Date.now();
  const states = await Promise.all(pages.map((page) => page.read()));
  // Dedicated workers still running: hls.js's transmuxer when it works off the main thread.
  const workers = pages.map((page) => page.page.workers().map((worker) => worker.url().split('/').pop().split('?')[0]));
  await Promise.all(pages.map((page) => page.close()));
  const edgeLog = context.edgeLog();
  const originLog = context.originLog();

  const result = { stream: kind.label, durationSeconds: context.durationSeconds, players: {} };
  playerIds.forEach((player, index) => {
    const state = states[index];
    const id = streams[player];
    const samples = ttff[player];
    const entry = {
      timeToFirstFrameMs: { median: median(samples), samples, failures: samples.filter((sample) => sample === null).length },
      workers: workers[index],
      playerErrors: state.playerErrors.map((error) => `${error.code}${error.fatal ? ' (fatal)' : ''}: ${error.message}`),
      fatalErrors: state.fatalErrors.map((error) => `${((error.wall - (state.firstFrameWall ?? state.attachedAt)) / 1000).toFixed(1)} s after first frame: ${briefError(error)}`),
    };
    if (state.firstFrameWall === null) {
      entry.played = false;
    } else {
      const from = state.firstFrameWall;
      const settled = from + warmUpMs;
      const latency = state.latency.filter(([wall]) => wall >= settled).map(([, milliseconds]) => milliseconds / 1000);
      const stalls = stallsBetween(state.progress, from, end);
      Object.assign(entry, {
        played: true,
        measuredSeconds: (end - from) / 1000,
        latencySeconds: { median: median(latency), p95: percentile(latency, 95), samples: latency.length },
        // The player's own target (hls.js's targetLatency, which the element keeps at its learned one),
        // and the latency by 5 s slices, to see how it settles.
        targetSeconds: { median: median(state.latency.filter(([wall, , target]) => wall >= settled && target !== null).map(([, , target]) => target)) },
        latencyBySliceSeconds: latencyBySlice(state.latency.filter(([wall]) => wall >= from), from),
        // The first 10 s sample by sample, to see where the player starts and how it settles:
        // [seconds since the first frame, latency, the player's target, the player's own latency].
        startTimeline: state.latency
          .filter(([wall]) => wall >= from && wall < from + 10_000)
          .map(([wall, milliseconds, target, own]) => [wall - from, milliseconds, target * 1000, own * 1000].map((value) => Math.round(value / 10) / 100)),
        stalls: { ...stallSummary(stalls, end - from), list: stalls.map((stall) => [stall.start - from, stall.end - from]) },
        // hls.js's loads and the video's events around each stall over 0.25 s (bench-page.mjs).
        stallTraces: state.stallTraces,
        longTasksPerMinute: perMinute(state.longTasks.filter((task) => task.wall >= settled).length, end - settled),
        longTasks: state.longTasks.filter((task) => task.wall >= settled).map((task) => [(task.wall - from) / 1000, task.duration]),
        edgeRequestsPerMinute: perMinute(entriesFor(edgeLog, id, from, end).length, end - from),
        // Master playlists are not counted: a player loads one once, whatever the stream does.
        playlistRequestsPerNewMedia: ratio(mediaPlaylistRequests(entriesFor(edgeLog, id, from, end)).length, publishedBetween(id, from, end)),
        originRequestsPerMinute: perMinute(entriesFor(originLog, id, from, end).length, end - from),
      });
    }
    result.players[player] = entry;
  });
  return result;
}
