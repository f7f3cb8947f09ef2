/**
 * The catch-up's rules: how fast to play, and when to seek forward instead, to hold a live player
 * at its target latency. hls.js's own catch-up runs only in low-latency mode and only with more
 * than 1 s buffered ahead, never the case at an LL-HLS hold-back of 0.6 s, and treats anything a
 * target duration behind as watching back in time: a player that drifted 4 s behind on HLS stayed
 * there. Pure: LiveTimeline (live-timeline.ts) applies them to its facts.
 */

/**
 * Speed up from this far behind the target (hls.js's own catch-up starts at 0.05 s too: from 0.1 s,
 * the player sat up to 0.1 s further behind than it had to), slow down from this far ahead of it
 * (wider: a stream's jitter moves the edge back and forth by more, and a slower player is behind
 * for longer); either keeps going until this close to it.
 */
const speedUpDistance = 0.05;
const slowDownDistance = 0.1;
const stopDistance = 0.02;
/** Rate steps of 1/20: fewer changes, and each one audible as little as possible. */
const stepsPerUnit = 20;
/**
 * Where the buffer is what limits the rate, steps of 1/100: with only 1.05x below the wanted rate, a
 * player on 6 s segments could speed up only with 0.3 s more buffered than its target leaves, and
 * stayed that far behind it. 1.01x to 1.04x are not heard.
 */
const bufferBoundStepsPerUnit = 100;
/**
 * The slowest rate while closer to the live edge than the target (Shaka's minPlaybackRate is the
 * same): a player there stalls at each new part or segment, and each stall moved it back by a
 * part at most, so it stayed at the edge. One step below normal is barely heard.
 */
const slowestRate = 0.95;
/** Further behind than the rate can mend in this long, the player seeks forward instead. */
const catchUpWithinSeconds = 10;
/**
 * At most one such seek this often: each one decodes again from a keyframe, and on a busy machine
 * seeks in a row would each leave the player further behind than the last (the rate does the rest).
 */
export const seekIntervalMs = 10_000;
/**
 * In the first seconds after the first frame, a seek forward from this close to the target
 * already. A player starts by the first playlist, whose true age shows only once the next segment
 * or part appears (up to a segment later): it may have started that much further behind than
 * meant, which the rate would take ten seconds or more to make up.
 */
const startCorrection = { withinMs: 15_000, distanceSeconds: 0.5 };
export interface CatchUpState {
  /** Seconds behind the target latency (negative: closer to the edge than the target). */
  distance: number;
  /** Seconds buffered ahead of the playhead. */
  bufferAhead: number;
  /** Seconds until the next segment or part is expected to arrive (nextMediaIn). */
  untilNextMedia: number;
  /** Seconds of buffer to have left when it arrives: for its lateness (cushionSeconds). */
  cushion: number;
  maxRate: number;
  /** The rate this controller set last (1 when not catching up). */
  currentRate: number;
}

/**
 * The playback rate for this moment: 1, a little faster while behind, never faster than the
 * buffer allows, and a little slower while ahead of the target. Until the next segment or part
 * arrives the player lives on what it has buffered; at rate r it uses r seconds of it per second,
 * so it may speed up only while `bufferAhead - r x untilNextMedia` still leaves the cushion. (A fixed minimum buffer did not:
 * on 1 s segments the player sped up with 0.5 s buffered and half a second to wait, and ran dry
 * at every segment boundary, 19 to 23 stalls in 40 s.)
 */
export function catchUpRate({ distance, bufferAhead, untilNextMedia, cushion, maxRate, currentRate }: CatchUpState): number {
  // Closer to the edge than the target: a little slower, until back at the target.
  if (distance < -(currentRate < 1 ? stopDistance : slowDownDistance)) return slowestRate;
  const threshold = currentRate > 1 ? stopDistance : speedUpDistance;
  if (distance <= threshold) return 1;
  // Proportional, rounded up to a step: half a second behind gives 1.25x, a tenth gives 1.05x.
  const wanted = Math.min(maxRate, Math.ceil((1 + distance / 2) * stepsPerUnit) / stepsPerUnit);
  // What the buffer allows, rounded down to a fine step.
  const allowed = Math.floor(((bufferAhead - cushion) / untilNextMedia) * bufferBoundStepsPerUnit) / bufferBoundStepsPerUnit;
  const rate = Math.min(wanted, allowed);
  return rate > 1 ? rate : 1;
}

/**
 * Seconds until the next segment or part is expected: one publish interval after the last one
 * arrived, and while that moment has passed (it is late), still a quarter of an interval, not
 * nothing: it may come any moment, or later.
 */
export function nextMediaIn({ sinceLastArrival, publishInterval }: { sinceLastArrival: number | null; publishInterval: number }): number {
  const lateFloor = publishInterval / 4;
  if (sinceLastArrival === null) return publishInterval;
  return Math.max(lateFloor, publishInterval - sinceLastArrival);
}

/**
 * The buffer to keep in hand when the next segment or part arrives: a quarter of the interval
 * (of 1 s at most), at least 0.2 s, plus how late the stream's media has come lately (the longest
 * recent gap between arrivals beyond one interval), so neither a publish jitter (encoders and CDNs
 * show 0.1 to 0.3 s) nor a slow download stalls a player that is catching up. The jitter does not
 * grow with the segment, and a cushion larger than the target's margin (0.25 s from 2 s segments
 * on, adaptive-target.ts) keeps the player that much behind its target: a quarter of 6 s
 * segments (1.5 s) kept the catch-up from closing the last 1.5 s, 1.3 s of latency for nothing.
 */
export function cushionSeconds({ publishInterval, recentGaps }: { publishInterval: number; recentGaps: readonly number[] }): number {
  // A gap of more than three intervals is an interruption (a pause, an outage), not the stream's pace.
  const paced = recentGaps.filter((gap) => gap <= 3 * publishInterval);
  const lateness = Math.max(0, ...paced.map((gap) => gap - publishInterval));
  return Math.max(0.2, Math.min(publishInterval, 1) / 4) + lateness;
}

/**
 * Gaps between arrivals to see before speeding up: until then when the next media comes, and how
 * late, are guesses. (From the first frame at 1.35x with 0.86 s buffered on 200 ms parts, a player
 * ran dry when the next part came 1.2 s later.) A seek forward needs no more than the first arrival.
 */
export const gapsBeforeSpeedingUp = 2;

/** Gaps between arrivals remembered for the cushion: about 20 s of 1 s segments, 4 s of 200 ms parts. */
export const gapsRemembered = 20;

/** Seconds behind its target past which a player seeks forward rather than speeds up. */
export const seekDistance = (maxRate: number): number => Math.max(1, (maxRate - 1) * catchUpWithinSeconds);

/**
 * The distance past which a seek forward mends the latency, `sinceFirstFrameMs` after the first
 * frame (null: none yet): closer right after a start (see startCorrection), then seekDistance.
 */
export function seekThreshold(sinceFirstFrameMs: number | null, maxRate: number): number {
  const starting = sinceFirstFrameMs !== null && sinceFirstFrameMs < startCorrection.withinMs;
  return starting ? startCorrection.distanceSeconds : seekDistance(maxRate);
}

/** The media buffered, as the video's `buffered` reports it (TimeRanges, or a test's stand-in). */
export interface BufferedRanges {
  readonly length: number;
  start(index: number): number;
  end(index: number): number;
}

/**
 * Where to seek forward to reach `position` without leaving the buffer (less `keepAhead`): a seek
 * into what is not loaded yet would stall while it loads. Null when that is no real step forward.
 */
export function forwardWithinBuffer({ buffered, currentTime, position, keepAhead }: { buffered: BufferedRanges; currentTime: number; position: number; keepAhead: number }): number | null {
  for (let index = 0; index < buffered.length; index++) {
    if (buffered.start(index) > currentTime + 0.1 || buffered.end(index) < currentTime) continue;
    const destination = Math.min(position, buffered.end(index) - keepAhead);
    return destination > currentTime + 0.5 ? destination : null;
  }
  return null;
}
