import type Hls from 'hls.js';

/**
 * Catch-up by playback rate, toward hls.js's target latency. hls.js's own catch-up only runs
 * with more than 1 s buffered ahead, which never happens at an LL-HLS hold-back of 0.6 s, so a
 * player that started a few parts late stayed late. This one asks for two parts ahead instead
 * (never more than hls.js's 1 s, which AMS-style 1 s parts would otherwise need twice over).
 */

export interface CatchUpState {
  /** Seconds behind the live edge (hls.js's estimate). */
  latency: number;
  targetLatency: number;
  /** Seconds behind the edge past which the viewer is watching back in time, not live. */
  liveRange: number;
  /** Seconds buffered ahead of the playhead. */
  bufferAhead: number;
  /** Below this buffer the player plays at normal speed, so catching up never causes a stall. */
  minimumBuffer: number;
  maxRate: number;
  /** The rate this controller set last (1 when not catching up). */
  currentRate: number;
}

/** Start catching up this far behind the target; keep going until this close to it. */
const startDistance = 0.1;
const stopDistance = 0.02;
/** Rate steps: fewer changes, and each one audible as little as possible. */
const rateStep = 0.05;

/** The playback rate for this moment: 1, or a little faster while behind with enough buffer. */
export function catchUpRate(state: CatchUpState): number {
  const distance = state.latency - state.targetLatency;
  const catchingUp = state.currentRate > 1;
  if (distance <= (catchingUp ? stopDistance : startDistance)) return 1;
  if (distance >= state.liveRange || state.bufferAhead < state.minimumBuffer) return 1;
  // Proportional: half a second behind gives 1.25x, a tenth gives 1.05x.
  const rate = Math.ceil((1 + distance / 2) / rateStep) * rateStep;
  return Math.min(state.maxRate, Math.max(1 + rateStep, Number(rate.toFixed(2))));
}

type LevelDetails = NonNullable<Hls['latestLevelDetails']>;

/** Seconds from the playhead to the live edge, the edge moved on by the playlist's age. */
export function secondsBehindLiveEdge(details: LevelDetails, currentTime: number): number {
  return details.edge + details.age - currentTime;
}

/** Seconds behind the target past which the viewer is taken to be watching back in time. */
function liveRangeOf(hls: Hls, details: LevelDetails, targetLatency: number): number {
  return Math.min(hls.maxLatency, targetLatency + details.targetduration);
}

function bufferAhead(video: HTMLVideoElement): number {
  const { buffered, currentTime } = video;
  for (let index = 0; index < buffered.length; index++) {
    if (buffered.start(index) <= currentTime + 0.1 && currentTime < buffered.end(index)) return buffered.end(index) - currentTime;
  }
  return 0;
}

/**
 * Runs the catch-up on the video's timeupdate events; returns the function that stops it. A stall
 * that leaves the player further behind than catching up can mend (a long one on a flaky network)
 * jumps back to the live edge instead, as a viewer expects of live; a pause or a seek by the viewer
 * does not, so watching back in time stays possible.
 */
export function attachLiveCatchUp(hls: Hls, video: HTMLVideoElement, maxRate: number): () => void {
  let rateSet = 1;
  let stalled = false;
  const onWaiting = (): void => {
    if (!video.seeking) stalled = true;
  };
  // On 'playing', once media flows again: hls.js's own latency figure waits for a timeupdate.
  const onPlaying = (): void => {
    if (!stalled) return;
    stalled = false;
    const details = hls.latestLevelDetails;
    const targetLatency = hls.targetLatency;
    const livePosition = hls.liveSyncPosition;
    if (!details?.live || targetLatency === null || livePosition === null) return;
    const latency = secondsBehindLiveEdge(details, video.currentTime);
    if (latency >= liveRangeOf(hls, details, targetLatency) && livePosition > video.currentTime) {
      video.currentTime = livePosition;
    }
  };
  const onTimeUpdate = (): void => {
    const details = hls.latestLevelDetails;
    const targetLatency = hls.targetLatency;
    if (!details?.live || targetLatency === null || video.paused || video.seeking) return;
    // Someone else (the page, the viewer) chose a rate: theirs wins.
    if (video.playbackRate !== rateSet) return;
    const partTarget = details.partTarget;
    const rate = catchUpRate({
      latency: hls.latency,
      targetLatency,
      liveRange: liveRangeOf(hls, details, targetLatency),
      bufferAhead: bufferAhead(video),
      minimumBuffer: partTarget > 0 ? Math.min(1, 2 * partTarget) : 1,
      maxRate,
      currentRate: rateSet,
    });
    if (rate !== rateSet) video.playbackRate = rateSet = rate;
  };
  video.addEventListener('timeupdate', onTimeUpdate);
  video.addEventListener('waiting', onWaiting);
  video.addEventListener('playing', onPlaying);
  return () => {
    video.removeEventListener('timeupdate', onTimeUpdate);
    video.removeEventListener('waiting', onWaiting);
    video.removeEventListener('playing', onPlaying);
    if (video.playbackRate === rateSet && rateSet !== 1) video.playbackRate = 1;
  };
}
