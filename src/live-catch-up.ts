import type Hls from 'hls.js';

/**
 * Catch-up by playback rate, toward hls.js's target latency. hls.js's own catch-up only runs
 * with more than 1 s buffered ahead, which never happens at an LL-HLS hold-back of 0.6 s, so a
 * player that started a few parts late stayed late. This one asks for two parts ahead instead
 * (never more than hls.js's 1 s, which AMS-style 1 s parts would otherwise need twice over).
 */

/** Start catching up this far behind the target; keep going until this close to it. */
const startDistance = 0.1;
const stopDistance = 0.02;
/** Rate steps of 1/20: fewer changes, and each one audible as little as possible. */
const stepsPerUnit = 20;

/**
 * The playback rate for this moment: 1, or a little faster while behind with enough buffer.
 * @param distance Seconds behind the target latency.
 * @param liveRange Seconds behind the target past which the viewer is watching back in time, not live.
 * @param bufferAhead Seconds buffered ahead of the playhead.
 * @param minimumBuffer Below this buffer the player plays at normal speed, so catching up never causes a stall.
 * @param currentRate The rate this controller set last (1 when not catching up).
 */
export function catchUpRate(distance: number, liveRange: number, bufferAhead: number, minimumBuffer: number, maxRate: number, currentRate: number): number {
  if (distance <= (currentRate > 1 ? stopDistance : startDistance) || distance >= liveRange || bufferAhead < minimumBuffer) return 1;
  // Proportional, rounded up to a step: half a second behind gives 1.25x, a tenth gives 1.05x.
  return Math.min(maxRate, Math.ceil((1 + distance / 2) * stepsPerUnit) / stepsPerUnit);
}

/**
 * Seconds from the playhead to the live edge, the edge moved on by the playlist's age; null when
 * not live, and before hls.js has moved the playhead into the live window (it starts at 0 for a moment).
 */
export function secondsBehindLiveEdge(hls: Hls): number | null {
  const details = hls.latestLevelDetails;
  const time = hls.media?.currentTime;
  return details?.live && time! >= details.fragmentStart ? Math.max(0, details.edge + details.age - time!) : null;
}

/** Moves the playhead forward to hls.js's live position; never back (closer to the edge is fine). */
export function jumpToLive(hls: Hls): void {
  // No live position yet (null) is never ahead of the playhead.
  const position = hls.liveSyncPosition!;
  if (hls.media && position > hls.media.currentTime) hls.media.currentTime = position;
}

/**
 * Runs the catch-up on the video's timeupdate events; returns the function that stops it. A stall
 * that leaves the player further behind than catching up can mend (a long one on a flaky network)
 * jumps back to the live edge once media flows again ('playing'), as a viewer expects of live; a
 * pause or a seek by the viewer does not, so watching back in time stays possible. (A stall that
 * left the playhead before the live window altogether is hls.js's: it seeks to live itself.)
 */
export function attachLiveCatchUp(hls: Hls, video: HTMLVideoElement, maxRate: number): () => void {
  let rateSet = 1;
  let stalled = false;
  const onEvent = ({ type }: Event): void => {
    const stallEnded = type === 'playing' && stalled;
    if (type !== 'timeupdate') stalled = type === 'waiting' && !video.seeking;
    const details = hls.latestLevelDetails!;
    const targetLatency = hls.targetLatency;
    const latency = secondsBehindLiveEdge(hls);
    // (hls.js's target latency is a positive number or null.)
    if (latency === null || !targetLatency) return;
    // Further behind the target than this, the viewer is taken to be watching back in time (hls.js's rule).
    const liveRange = Math.min(hls.maxLatency, targetLatency + details.targetduration);
    if (stallEnded && latency >= liveRange) jumpToLive(hls);
    // Someone else (the page, the viewer) chose a rate: theirs wins.
    if (type !== 'timeupdate' || video.paused || video.seeking || video.playbackRate !== rateSet) return;
    // hls.js's figure for the buffer ahead bridges the small holes it would skip.
    const rate = catchUpRate(latency - targetLatency, liveRange, hls.mainForwardBufferInfo?.len ?? 0, Math.min(1, 2 * details.partTarget || 1), maxRate, rateSet);
    if (rate !== rateSet) video.playbackRate = rateSet = rate;
  };
  const types = ['timeupdate', 'waiting', 'playing'];
  for (const type of types) video.addEventListener(type, onEvent);
  return () => {
    for (const type of types) video.removeEventListener(type, onEvent);
    if (video.playbackRate === rateSet) video.playbackRate = 1;
  };
}
