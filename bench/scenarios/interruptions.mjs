// Playback through an interruption: the broadcast stops and starts again under the same id, or
// the origin answers 503 for 10 s. Recovery = from the moment the stream is back at the origin
// until the video advances again.
import { recoveryAfter, stallsBetween, stallSummary } from '../timeline.mjs';
import { entriesFor, maxRequestsPerUrlPerWindow } from '../requests.mjs';
import { playerIds, sleep } from '../players.mjs';
import { firstAvailableAt, streamKinds } from '../streams.mjs';
import { briefError, openOn, streamsPerPlayer } from './context.mjs';

/** A restart is a new start: stalls are read over this long after playback resumes, as after a first frame. */
const afterRecoveryMs = 10_000;
const playBeforeMs = 10_000;
const stoppedForMs = 10_000;
const outageSeconds = 10;
/** How long after the stream is back a player may take before it counts as never back. */
const watchAfterMs = 20_000;

async function withPlayers(context, streams, kind, interrupt) {
  const pages = await Promise.all(playerIds.map((player) => openOn(context, player, { streamId: streams[player], playOrder: kind.playOrder })));
  await sleep(playBeforeMs);
  const interruptedAt = Date.now();
  const backAt = await interrupt();
  await sleep(Math.max(0, Math.max(...Object.values(backAt)) + watchAfterMs - Date.now()));
  const end = Date.now();
  const states = await Promise.all(pages.map((page) => page.read()));
  await Promise.all(pages.map((page) => page.close()));
  const edgeLog = context.edgeLog();
  const players = {};
  playerIds.forEach((player, index) => {
    const state = states[index];
    const recovery = recoveryAfter(state.progress, backAt[player], backAt[player] + watchAfterMs);
    // Back is not back if it stalls again at once: stalls in the watch window after recovering.
    const relapses = recovery === null ? null : stallSummary(stallsBetween(state.progress, backAt[player] + recovery, end), end - backAt[player] - recovery);
    players[player] = {
      recoveryMs: recovery,
      stalledSecondsAfterRecovery: relapses?.seconds ?? null,
      stalledSecondsInTenSecondsAfterRecovery: recovery === null ? null
        : stallSummary(stallsBetween(state.progress, backAt[player] + recovery, Math.min(end, backAt[player] + recovery + afterRecoveryMs)), afterRecoveryMs).seconds,
      // While the stream was away: how hard the player hit any one URL that answered an error,
      // per error-TTL window (an ended playlist answers 200 and may be reloaded as usual).
      maxRequestsPerUrlPerTtl: maxRequestsPerUrlPerWindow(entriesFor(edgeLog, streams[player], interruptedAt, backAt[player]).filter((entry) => entry.status >= 400), context.errorTtl * 1000),
      played: state.firstFrameWall !== null,
      stalls: state.firstFrameWall === null ? null : stallSummary(stallsBetween(state.progress, state.firstFrameWall, end), end - state.firstFrameWall),
      statuses: state.statuses.map((entry) => `${((entry.wall - backAt[player]) / 1000).toFixed(1)}s ${entry.status}`),
      fatalErrors: state.fatalErrors.map(briefError),
    };
  });
  return players;
}

export async function runRestart(context, kindName) {
  const kind = streamKinds[kindName];
  context.log('restart: play, stop the broadcast, start it again under the same id');
  const streams = streamsPerPlayer(context, playerIds, { startIn: -30, ...kind.definition });
  const players = await withPlayers(context, streams, kind, async () => {
    for (const player of playerIds) context.control.stopStream(streams[player]);
    await sleep(stoppedForMs);
    const backAt = {};
    for (const player of playerIds) {
      const state = context.control.startStream(streams[player], { startIn: 0 });
      backAt[player] = firstAvailableAt(context.control, kind, streams[player], Date.parse(state.startedAt));
    }
    return backAt;
  });
  return { stream: kind.label, stoppedForSeconds: stoppedForMs / 1000, players };
}

export async function runOutage(context) {
  const kind = streamKinds['apple-ll-hls'];
  context.log(`outage: the origin answers 503 for ${outageSeconds} s`);
  const streams = streamsPerPlayer(context, playerIds, { startIn: -30, ...kind.definition });
  const players = await withPlayers(context, streams, kind, async () => {
    const backAt = {};
    for (const player of playerIds) {
      const { fault } = context.control.addFault({ kind: 'status', id: streams[player], status: 503, seconds: outageSeconds });
      backAt[player] = fault.expiresAt;
    }
    return backAt;
  });
  return { stream: kind.label, outageSeconds, players };
}
