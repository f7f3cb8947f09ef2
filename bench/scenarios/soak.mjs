// --soak MINUTES: each stream kind in turn, all three players at once on it for MINUTES. Each
// minute prints, per player, the latency median, stalls and stalled seconds, and for the element
// after a stall how long until its latency was back within 0.2 s of its own target latency.
import { median } from '../stats.mjs';
import { backOnTargetAfterStalls, stallsBetween } from '../timeline.mjs';
import { playerIds, sleep } from '../players.mjs';
import { streamKinds } from '../streams.mjs';
import { openOn, streamsPerPlayer } from './context.mjs';
import { startEncoderStreams } from './real-encoder.mjs';

const playOrders = { ...Object.fromEntries(Object.entries(streamKinds).map(([name, kind]) => [name, kind.playOrder])), 'real-encoder': 'hls' };

/** Streams for one kind: the emulator's, or ffmpeg's (null when ffmpeg is missing). */
async function streamsFor(context, kindName) {
  if (kindName === 'real-encoder') return startEncoderStreams(context);
  return { streams: streamsPerPlayer(context, playerIds, { startIn: -30, ...streamKinds[kindName].definition }), close: async () => {} };
}

function minuteRow(minute, state, from, to) {
  const stalls = stallsBetween(state.progress, from, to);
  const latency = state.latency.filter(([wall]) => wall >= from && wall < to);
  return {
    minute,
    latencyMedianSeconds: median(latency.map(([, milliseconds]) => milliseconds / 1000)),
    targetLatencySeconds: median(latency.map(([, , target]) => target)),
    stalls: stalls.length,
    stalledSeconds: stalls.reduce((sum, stall) => sum + stall.end - stall.start, 0) / 1000,
    backOnTargetSeconds: backOnTargetAfterStalls(stalls, state.latency, to),
  };
}

const figure = (value, digits) => (typeof value === 'number' ? value.toFixed(digits) : '-');

async function soakOneKind(context, kindName, minutes) {
  const setup = await streamsFor(context, kindName);
  if (!setup) return { skipped: 'ffmpeg is not on PATH' };
  try {
    const pages = await Promise.all(playerIds.map((player) => openOn(context, player, { streamId: setup.streams[player], playOrder: playOrders[kindName] })));
    const start = Date.now();
    const rows = Object.fromEntries(playerIds.map((player) => [player, []]));
    console.log(`\n${kindName}: minute, then per player: latency median s / stalls / stalled s; element: target s, seconds back on target after each stall`);
    let from = start;
    for (let minute = 1; minute <= minutes; minute++) {
      await sleep(Math.max(0, from + 60_000 - Date.now()));
      const to = Date.now();
      const states = await Promise.all(pages.map((page) => page.read()));
      playerIds.forEach((player, index) => rows[player].push(minuteRow(minute, states[index], from, to)));
      const element = rows.element.at(-1);
      console.log([
        String(minute).padStart(6),
        ...playerIds.map((player) => { const row = rows[player].at(-1); return `${player} ${figure(row.latencyMedianSeconds, 2)} / ${row.stalls} / ${row.stalledSeconds.toFixed(1)}`; }),
        `target ${figure(element.targetLatencySeconds, 2)}`,
        `back ${element.backOnTargetSeconds.map((seconds) => figure(seconds, 1)).join(' ') || '-'}`,
      ].join('  |  '));
      from = to;
    }
    const end = Date.now();
    const states = await Promise.all(pages.map((page) => page.read()));
    await Promise.all(pages.map((page) => page.close()));
    const players = Object.fromEntries(playerIds.map((player, index) => [player, {
      // The first minute's start-up counts too: a soak is what a viewer sees from the start.
      latencyMedianSeconds: median(states[index].latency.filter(([wall]) => wall >= start && wall < end).map(([, milliseconds]) => milliseconds / 1000)),
      stalls: stallsBetween(states[index].progress, states[index].firstFrameWall ?? start, end).length,
      minutes: rows[player],
      // hls.js's loads and the video's events around each stall over 0.25 s (bench-page.mjs).
      stallTraces: states[index].stallTraces,
    }]));
    for (const player of playerIds) console.log(`${kindName} ${player}: latency median over the soak ${figure(players[player].latencyMedianSeconds, 2)} s, ${players[player].stalls} stalls`);
    return { minutes, players };
  } finally {
    await setup.close();
  }
}

export async function runSoak(context, { minutes, kinds }) {
  const results = {};
  for (const kindName of kinds) {
    context.log(`soak: ${kindName}, ${minutes} min, all players`);
    results[kindName] = await soakOneKind(context, kindName, minutes);
  }
  return results;
}
