// A backup stream: the element plays it while the main stream is not live yet, and goes back to
// the main one once it is. Element only: raw hls.js has no notion of a backup. Switch = from the
// moment the main stream first has something to play at the origin until the element's
// source-change to it; stalls are read over the 10 s after the switch.
import { stallsBetween, stallSummary } from '../timeline.mjs';
import { sleep } from '../players.mjs';
import { firstAvailableAt, freshStreamId, streamKinds } from '../streams.mjs';
import { openOn } from './context.mjs';

/** The main stream goes live this long after the page opens (the backup plays meanwhile). */
const mainStartsInSeconds = 12;
const afterSwitchMs = 10_000;
/** How long after the main stream is live the element may take before it counts as never back. */
const watchAfterMs = 20_000;

async function oneRun(context, kind) {
  const main = freshStreamId();
  const backup = freshStreamId();
  context.control.putStream({ ...kind.definition, id: backup, startIn: -30 });
  const state = context.control.putStream({ ...kind.definition, id: main, startIn: mainStartsInSeconds });
  const page = await openOn(context, 'element', { streamId: main, playOrder: kind.playOrder, backupStreamId: backup });
  // Until the main stream is live, and then as long as a switch may take.
  await sleep(mainStartsInSeconds * 1000 + 2000);
  const liveAt = firstAvailableAt(context.control, kind, main, Date.parse(state.nextStartAt));
  await sleep(Math.max(0, liveAt + watchAfterMs - Date.now()));
  const bench = await page.read();
  await page.close();
  const backToMain = bench.sources.find((source) => source.url.includes(`/${main}`) && source.wall >= liveAt - 1000);
  const playedBackup = bench.sources.some((source) => source.url.includes(`/${backup}`));
  const switchMs = backToMain ? backToMain.wall - liveAt : null;
  const stalls = backToMain ? stallsBetween(bench.progress, backToMain.wall, backToMain.wall + afterSwitchMs) : null;
  return { playedBackup, switchMs, stallsAfterSwitch: stalls ? stallSummary(stalls, afterSwitchMs).count : null };
}

export async function runBackup(context, { kindName = 'ams-hls', runs = 5 } = {}) {
  const kind = streamKinds[kindName];
  context.log(`backup: ${runs} runs, the main stream live ${mainStartsInSeconds} s after the page opens on its backup`);
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await oneRun(context, kind));
  const switches = results.map((result) => result.switchMs);
  const sorted = switches.filter((value) => value !== null).sort((a, b) => a - b);
  return {
    stream: kind.label,
    runs,
    players: {
      element: {
        runsOnBackupFirst: results.filter((result) => result.playedBackup).length,
        switchBackMs: { median: sorted.length === runs ? sorted[Math.floor(runs / 2)] : null, max: sorted.length === runs ? sorted.at(-1) : null, all: switches },
        stallsAfterSwitch: { max: results.every((result) => result.stallsAfterSwitch !== null) ? Math.max(...results.map((result) => result.stallsAfterSwitch)) : null },
      },
    },
  };
}
