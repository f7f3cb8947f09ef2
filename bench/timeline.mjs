// Pure reading of a page's playback timeline: runs of advancing video time ([startWall, endWall]
// in ms, as bench-page.mjs records them) -> stalls and recovery times.

/**
 * Spans inside [from, to] where the video did not advance for longer than minimumGapMs.
 * A stall still going at `to` counts up to `to`.
 * @param {Array<[number, number]>} progress
 */
export function stallsBetween(progress, from, to, minimumGapMs = 300) {
  const stalls = [];
  let cursor = from;
  for (const [start, end] of progress) {
    if (end < from) continue;
    if (start > to) break;
    if (start - cursor > minimumGapMs) stalls.push({ start: cursor, end: start });
    cursor = Math.max(cursor, end);
  }
  if (to - cursor > minimumGapMs) stalls.push({ start: cursor, end: to });
  return stalls;
}

/** Count, total seconds and per-minute rates of the stalls over a span of durationMs. */
export function stallSummary(stalls, durationMs) {
  const seconds = stalls.reduce((sum, stall) => sum + (stall.end - stall.start), 0) / 1000;
  const minutes = durationMs / 60_000;
  return {
    count: stalls.length,
    seconds,
    perMinute: minutes > 0 ? stalls.length / minutes : null,
    secondsPerMinute: minutes > 0 ? seconds / minutes : null,
  };
}

/**
 * Milliseconds from `time` until the video advanced again (0 if it was advancing then), or null
 * if it did not before `deadline`.
 */
export function recoveryAfter(progress, time, deadline = Infinity) {
  for (const [start, end] of progress) {
    if (end < time) continue;
    const resumed = Math.max(start, time);
    return resumed <= deadline ? resumed - time : null;
  }
  return null;
}

/**
 * For each stall: seconds from its end until a latency sample is within toleranceSeconds of the
 * player's target latency sampled with it, or null if none was before `to`.
 * @param {Array<{ start: number, end: number }>} stalls
 * @param {Array<[number, number, number | null]>} latency [wall, latency ms, target s]
 */
export function backOnTargetAfterStalls(stalls, latency, to, toleranceSeconds = 0.2) {
  return stalls.map((stall) => {
    // Measured in the player's own latency figure where the sample has it (the target is set in it).
    const back = latency.find(([wall, milliseconds, target, ownLatency]) => wall >= stall.end && wall < to
      && typeof target === 'number' && Math.abs((ownLatency ?? milliseconds / 1000) - target) <= toleranceSeconds);
    return back ? (back[0] - stall.end) / 1000 : null;
  });
}
