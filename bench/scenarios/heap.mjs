// Memory: the JS heap (after forced GC) before and after 50 attach/detach cycles. "Before" is
// taken after one warm-up cycle, so hls.js's code (loaded on first use) is not counted as growth.
import { playerIds } from '../players.mjs';
import { streamKinds } from '../streams.mjs';
import { openOn, attachOptions, streamsPerPlayer } from './context.mjs';

const kindName = 'apple-ll-hls';
const cycleTimeoutMs = 10_000;

async function cycle(page, options) {
  const played = await page.page.evaluate((attach) => window.benchAttach(attach), options);
  await page.page.evaluate(() => window.benchDetach());
  return played;
}

export async function runHeap(context) {
  const kind = streamKinds[kindName];
  context.log(`heap: ${context.cycles} attach/detach cycles per player`);
  const streams = streamsPerPlayer(context, playerIds, { startIn: -30, ...kind.definition });
  const results = await Promise.all(playerIds.map(async (player) => {
    // The first cycle is the warm-up: openOn attaches once; detach it before measuring.
    const page = await openOn(context, player, { streamId: streams[player], playOrder: kind.playOrder }, { firstFrameTimeoutMs: cycleTimeoutMs, sample: false });
    await page.page.evaluate(() => window.benchDetach());
    const beforeBytes = await page.heapBytes();
    const options = attachOptions(context, { streamId: streams[player], playOrder: kind.playOrder, firstFrameTimeoutMs: cycleTimeoutMs, sample: false });
    let cyclesWithoutFrame = 0;
    for (let index = 0; index < context.cycles; index++) if (!(await cycle(page, options))) cyclesWithoutFrame += 1;
    const afterBytes = await page.heapBytes();
    await page.close();
    return [player, { cycles: context.cycles, cyclesWithoutFrame, beforeBytes, afterBytes, growthBytes: afterBytes - beforeBytes }];
  }));
  return { stream: kind.label, players: Object.fromEntries(results) };
}
