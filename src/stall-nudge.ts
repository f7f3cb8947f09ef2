import { bufferAhead } from './media-buffer.js';

/**
 * Restarts playback that stays stalled with media buffered ahead. A player at the live edge runs
 * its buffer dry now and then, right at a segment's end, when the next segment comes a little late.
 * Chrome then did not resume when that segment was appended, though `buffered` showed one range
 * running 2 s past the playhead: MPEG-TS segments start a frame's fraction later than the last one
 * ended, and a gap that small is merged away in `buffered` but not in the decoder. It resumed only
 * when the segment after was appended: a 2 s stall for a 20 ms underrun (5 in a 10-minute soak).
 * hls.js's own nudge waits for two buffered ranges or a hole it can see, which this is not.
 * A small step forward, inside the buffer, past the gap, restarts it at once.
 *
 * WebKitGTK sometimes starts playing a new stream with a clock that never moves (the 'playing'
 * event, media buffered ahead, no 'waiting'), and a step forward started it too. So a clock that
 * stands still with media ahead, while the video plays, gets the same step after a longer wait.
 */

/** How long a stall the browser announced ('waiting'), with media ahead, may last before the step. */
const patienceMs = 250;
/** How long the clock may stand still, with media ahead, while the video plays and no stall was announced. */
const stillClockPatienceMs = 1000;
/** The step: more than the gaps seen (up to 0.05 s), far less than anything a viewer would notice. */
const stepSeconds = 0.1;
/** Buffered ahead of the playhead that counts as "media ahead": the step must land inside it. */
const minimumAheadSeconds = stepSeconds + 0.1;

export interface StallState {
  currentTime: number;
  /** Seconds buffered ahead of the playhead. */
  ahead: number;
  /** How long the playhead has stood still. */
  stalledMs: number;
  /** Whether the browser announced the stall ('waiting'). */
  announced: boolean;
}

/** Where to step a playhead stalled at `currentTime` with `ahead` seconds buffered, or null to wait. */
export function nudgePosition({ currentTime, ahead, stalledMs, announced }: StallState): number | null {
  const patience = announced ? patienceMs : stillClockPatienceMs;
  return stalledMs >= patience && ahead >= minimumAheadSeconds ? currentTime + stepSeconds : null;
}

/** Watches `video` for stalls with media ahead and steps past them; returns a function that stops. */
export function attachStallNudge(video: HTMLVideoElement): () => void {
  const abort = new AbortController();
  let announced = false;
  let lastTime = video.currentTime;
  let stillSince = performance.now();
  /** Playback moved, or is not meant to (paused, seeking): the stall, if any, is over. */
  const restart = (): void => {
    announced = false;
    lastTime = video.currentTime;
    stillSince = performance.now();
  };

  const check = (): void => {
    // A rate of 0 is the page's own way to hold the picture.
    if (video.paused || video.seeking || video.playbackRate === 0 || video.currentTime !== lastTime) return restart();
    // Unannounced, a still clock counts only once the browser says it can play on.
    if (!announced && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) return;
    const position = nudgePosition({ currentTime: video.currentTime, ahead: bufferAhead(video.buffered, video.currentTime), stalledMs: performance.now() - stillSince, announced });
    if (position === null) return;
    stillSince = performance.now();
    video.currentTime = position;
  };
  const timer = setInterval(check, 100);

  video.addEventListener('waiting', () => {
    if (video.seeking) return;
    restart();
    announced = true;
  }, { signal: abort.signal });
  for (const type of ['playing', 'pause', 'seeking', 'emptied']) video.addEventListener(type, restart, { signal: abort.signal });
  return () => {
    abort.abort();
    clearInterval(timer);
  };
}
