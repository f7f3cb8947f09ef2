// A page opened 5 s before the broadcast starts, behind the edge's 3 s cached 404s: first frame
// after the stream becomes available, and how hard each player hits the edge while it waits.
// Runs go one after another (overlapping runs measured the 2-core machine's load, not the player:
// 30 pages at a load average of 8 to 16), each with a lead a little longer than the last, so the
// stream starts at a different phase of the edge's error-TTL cycle in each run.
import { median, medianOrNever, perMinute } from '../stats.mjs';
import { entriesFor, maxRequestsPerUrlPerWindow } from '../requests.mjs';
import { stallsBetween, stallSummary } from '../timeline.mjs';
import { playerIds, sleep } from '../players.mjs';
import { firstAvailableAt, freshStreamId, streamKinds } from '../streams.mjs';
import { briefError, openOn } from './context.mjs';

const leadSeconds = 5;
/** A first frame that freezes at once is no start: stalls are read over this long after it. */
const watchAfterFirstFrameMs = 10_000;
/** A player that has not shown a frame this long after availability is recorded as never. */
const giveUpAfterMs = 20_000;

async function oneRun(context, kind, run) {
  // Spreads the start over one error TTL across the runs.
  const lead = leadSeconds + (context.errorTtl * run) / context.runs;
  const outcomes = await Promise.all(playerIds.map(async (player) => {
    // Nothing exists for an unknown id, as before a broadcast: the page opens first, and the
    // stream is scheduled `lead` seconds after the player started (page opening time varies with load).
    const streamId = freshStreamId();
    const page = await openOn(context, player, { streamId, playOrder: kind.playOrder },
      { waitForFirstFrame: false, firstFrameTimeoutMs: (lead * 1000) + giveUpAfterMs });
    let state = await page.read();
    const scheduled = context.control.putStream({ id: streamId, ...kind.definition, startIn: lead - (Date.now() - state.attachedAt) / 1000 });
    const startAt = Date.parse(scheduled.nextStartAt ?? scheduled.startedAt);
    let availableAt = startAt + kind.availableAfter * 1000;
    // Done at the first frame, at a fatal error (nothing plays after one), or at the deadline.
    const deadline = availableAt + giveUpAfterMs;
    while (state.firstFrameWall === null && state.fatalErrors.length === 0 && Date.now() < deadline) {
      await sleep(250);
      state = await page.read();
    }
    // Exact (publish jitter included) once the broadcast has started.
    availableAt = firstAvailableAt(context.control, kind, streamId, startAt);
    if (state.firstFrameWall !== null) {
      await sleep(Math.max(0, state.firstFrameWall + watchAfterFirstFrameMs - Date.now()));
      state = await page.read();
    }
    await page.close();
    return { player, state, streamId, availableAt };
  }));
  const edgeLog = context.edgeLog();
  const originLog = context.originLog();
  const result = {};
  for (const { player, state, streamId: id, availableAt: available } of outcomes) {
    const waitingMs = available - state.attachedAt;
    const waiting = entriesFor(edgeLog, id, state.attachedAt, available);
    const firstFound = entriesFor(edgeLog, id, state.attachedAt).filter((entry) => entry.status === 200).sort((a, b) => a.time - b.time)[0];
    result[player] = {
      run,
      openedBeforeAvailableMs: waitingMs,
      firstFrameAfterAvailableMs: state.firstFrameWall === null ? null : state.firstFrameWall - available,
      // Splits the delay: finding the stream (CDN cache and probing) vs starting playback.
      foundAfterAvailableMs: firstFound ? firstFound.time - available : null,
      stalledSecondsAfterFirstFrame: state.firstFrameWall === null ? null
        : stallSummary(stallsBetween(state.progress, state.firstFrameWall, state.firstFrameWall + watchAfterFirstFrameMs), watchAfterFirstFrameMs).seconds,
      fatalError: state.fatalErrors[0] ? briefError(state.fatalErrors[0]) : null,
      source: state.sources.at(-1)?.url ?? null,
      waitingEdgeRequests: waiting.length,
      waitingEdgeRequestsPerMinute: perMinute(waiting.length, waitingMs),
      waitingOriginRequests: entriesFor(originLog, id, state.attachedAt, available).length,
      maxRequestsPerUrlPerTtl: maxRequestsPerUrlPerWindow(waiting, context.errorTtl * 1000),
    };
  }
  return result;
}

export async function runBeforeStart(context, kindName) {
  const kind = streamKinds[kindName];
  context.log(`before-start (${kindName}): ${context.runs} runs in turn, pages opened ${leadSeconds} to ${leadSeconds + context.errorTtl} s before the stream starts`);
  const results = [];
  for (let run = 0; run < context.runs; run++) results.push(await oneRun(context, kind, run));
  const summary = { stream: kind.label, errorTtlSeconds: context.errorTtl, leadSeconds, runs: context.runs, players: {} };
  for (const player of playerIds) {
    const perRun = results.map((result) => result[player]);
    const delays = perRun.map((run) => run.firstFrameAfterAvailableMs);
    const worst = perRun.reduce((best, run) => (run.maxRequestsPerUrlPerTtl.max > best.max ? run.maxRequestsPerUrlPerTtl : best), { max: 0, url: null });
    summary.players[player] = {
      playOrder: kind.playOrder,
      played: delays.filter((delay) => delay !== null).length,
      // A run that never played counts as infinitely late, so the median says "never" when most did not.
      firstFrameAfterAvailableMs: { median: medianOrNever(delays), samples: delays },
      foundAfterAvailableMs: { median: medianOrNever(perRun.map((run) => run.foundAfterAvailableMs)) },
      stalledSecondsAfterFirstFrame: { median: median(perRun.map((run) => run.stalledSecondsAfterFirstFrame)), max: Math.max(...perRun.map((run) => run.stalledSecondsAfterFirstFrame ?? 0)) },
      waitingEdgeRequestsPerMinute: median(perRun.map((run) => run.waitingEdgeRequestsPerMinute)),
      waitingOriginRequests: median(perRun.map((run) => run.waitingOriginRequests)),
      maxRequestsPerUrlPerTtl: worst,
      fatalErrors: [...new Set(perRun.filter((run) => run.fatalError).map((run) => run.fatalError))],
      runs: perRun,
    };
  }
  return summary;
}
