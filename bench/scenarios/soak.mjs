// --soak MINUTES: the element plays Apple-style LL-HLS; each minute prints the heap (after GC),
// seconds buffered ahead, stalls and latency of that minute.
import { median } from '../stats.mjs';
import { stallsBetween } from '../timeline.mjs';
import { sleep } from '../players.mjs';
import { streamKinds } from '../streams.mjs';
import { openOn, streamsPerPlayer } from './context.mjs';

export async function runSoak(context, minutes) {
  const kind = streamKinds['apple-ll-hls'];
  const { element: streamId } = streamsPerPlayer(context, ['element'], { startIn: -30, llHls: kind.llHls });
  const page = await openOn(context, 'element', { streamId, playOrder: kind.playOrder });
  const rows = [];
  console.log('minute  heap MB  buffered s  stalls  stalled s  latency median s  status changes');
  let from = Date.now();
  for (let minute = 1; minute <= minutes; minute++) {
    await sleep(Math.max(0, from + 60_000 - Date.now()));
    const to = Date.now();
    const state = await page.read();
    const stalls = stallsBetween(state.progress, from, to);
    const latency = state.latency.filter(([wall]) => wall >= from && wall < to).map(([, milliseconds]) => milliseconds / 1000);
    const row = {
      minute,
      heapBytes: await page.heapBytes(),
      bufferedSeconds: await page.page.evaluate(() => window.benchBuffered()),
      stalls: stalls.length,
      stalledSeconds: stalls.reduce((sum, stall) => sum + stall.end - stall.start, 0) / 1000,
      latencyMedianSeconds: median(latency),
      statusChanges: state.statuses.filter((entry) => entry.wall >= from && entry.wall < to).map((entry) => entry.status),
    };
    rows.push(row);
    console.log([
      String(minute).padStart(6),
      (row.heapBytes / 1e6).toFixed(1).padStart(8),
      row.bufferedSeconds.toFixed(2).padStart(11),
      String(row.stalls).padStart(7),
      row.stalledSeconds.toFixed(1).padStart(10),
      (row.latencyMedianSeconds ?? NaN).toFixed(2).padStart(17),
      ` ${row.statusChanges.join(' ') || '-'}`,
    ].join(' '));
    from = to;
  }
  await page.close();
  return { stream: kind.label, minutes: rows };
}
