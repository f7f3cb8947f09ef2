// --matrix: every stream shape of bench/shapes.mjs in turn, all three players at once on each for
// the run length (no time-to-first-frame rounds): latency median and p95, stalls, and media playlist
// requests per new segment or part. One row per shape and player.
import { playerIds } from '../players.mjs';
import { publishedCounter } from '../streams.mjs';
import { measurePlayback } from './playback.mjs';
import { configureEdge, streamsPerPlayer } from './context.mjs';
import { startEncoderStreams } from './real-encoder.mjs';

/** Streams for one shape, each player its own: the emulator's, or ffmpeg's (null without ffmpeg). */
async function streamsFor(context, shape) {
  if (shape.encoder) return startEncoderStreams(context, shape.encoder);
  // Live long enough that the playlist's window is full at once, whatever the segment length.
  const streams = streamsPerPlayer(context, playerIds, { startIn: -60, ...shape.definition });
  return { streams, publishedBetween: publishedCounter(context.control, shape), close: async () => {} };
}

/** What the matrix keeps of a player's playback figures. */
export function matrixRow(player) {
  if (!player.played) return { played: false, fatalErrors: player.fatalErrors };
  return {
    played: true,
    latencyMedianSeconds: player.latencySeconds.median,
    latencyP95Seconds: player.latencySeconds.p95,
    stalls: player.stalls.count,
    stalledSeconds: player.stalls.seconds,
    playlistRequestsPerNewMedia: player.playlistRequestsPerNewMedia,
    targetSeconds: player.targetSeconds.median,
    fatalErrors: player.fatalErrors,
    stallTraces: player.stallTraces,
  };
}

/**
 * Issue 31's bar for a shape: the element stalls no more than the best of the two hls.js players,
 * never on a stream without publish jitter, and its median latency is no worse than theirs
 * (within 0.05 s, the sampling's own grain). The failed checks, by name; empty when it holds.
 */
export function matrixShortfalls(shape, rows) {
  const element = rows.element;
  if (!element?.played) return ['the element never played'];
  const peers = ['hlsjs', 'hlsjs-config'].map((player) => rows[player]).filter((row) => row?.played);
  const shortfalls = [];
  const fewestPeerStalls = Math.min(...peers.map((row) => row.stalls));
  if (peers.length > 0 && element.stalls > fewestPeerStalls) shortfalls.push(`stalls ${element.stalls} > ${fewestPeerStalls}`);
  const jitterFree = !shape.encoder && !shape.definition.publishJitterMs;
  if (jitterFree && element.stalls > 0) shortfalls.push(`stalls ${element.stalls} on a jitter-free stream`);
  const bestPeerLatency = Math.min(...peers.map((row) => row.latencyMedianSeconds ?? Infinity));
  if (Number.isFinite(bestPeerLatency) && element.latencyMedianSeconds > bestPeerLatency + 0.05) {
    shortfalls.push(`latency ${element.latencyMedianSeconds.toFixed(2)} s > ${bestPeerLatency.toFixed(2)} s`);
  }
  return shortfalls;
}

const figure = (value, digits) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '-');

/** One line per shape: each player's median / p95 latency, stalls and playlist requests per new media. */
export function matrixLine(name, rows) {
  return [name.padEnd(22), ...playerIds.map((player) => {
    const row = rows[player];
    if (!row?.played) return `${player} never played`.padEnd(34);
    return `${player} ${figure(row.latencyMedianSeconds, 2)}/${figure(row.latencyP95Seconds, 2)} s ${row.stalls} st ${figure(row.playlistRequestsPerNewMedia, 2)} rq`.padEnd(34);
  })].join(' | ');
}

export async function runMatrix(context, { shapes }) {
  const results = {};
  context.log(`matrix: ${shapes.length} shapes, ${context.durationSeconds} s each, all players at once`);
  console.log('shape | per player: latency median/p95, stalls, media playlist requests per new segment or part');
  for (const shape of shapes) {
    // Each shape reads only its own requests, and the edge keeps a bounded log.
    context.clearLogs();
    // A CDN that caches playlists (a minimum TTL, as many distributions set for live playlists).
    if (shape.edge) await configureEdge(context, shape.edge);
    const setup = await streamsFor(context, shape);
    if (!setup) {
      results[shape.name] = { label: shape.label, skipped: 'ffmpeg is not on PATH' };
      continue;
    }
    try {
      const measured = await measurePlayback(context, { kindName: shape.name, kind: shape, streams: setup.streams, publishedBetween: setup.publishedBetween, measureTimeToFirstFrame: false });
      const rows = Object.fromEntries(playerIds.map((player) => [player, matrixRow(measured.players[player])]));
      const shortfalls = matrixShortfalls(shape, rows);
      results[shape.name] = { label: shape.label, durationSeconds: context.durationSeconds, shortfalls, players: rows };
      console.log(`${matrixLine(shape.name, rows)} | ${shortfalls.length === 0 ? 'holds' : shortfalls.join('; ')}`);
    } catch (error) {
      context.log(`${shape.name} failed: ${error?.stack ?? error}`);
      results[shape.name] = { label: shape.label, error: String(error?.message ?? error) };
    } finally {
      await setup.close();
      if (shape.edge) await configureEdge(context, { playlistMinimumTtl: 0 });
    }
  }
  return results;
}
