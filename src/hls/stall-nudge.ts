import { bufferAhead } from '../common/media-buffer.js';

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
 *
 * WebKitGTK also sometimes never finishes a seek, though the media at the seek's target is buffered:
 * a new MediaSource on a video that played before (a broadcast's restart) sought to its start and
 * stayed there, `seeking`, readyState 1 (metadata only) with 28 s buffered, for good (traced in the
 * browser suite). A new seek a step further on finishes; a seek that is only slow (a busy machine)
 * is given twice the time at each step, so it is not restarted for ever.
 */

/** What holds the playhead: a stall the browser announced ('waiting'), a clock standing still while the video plays, or a seek. */
export type StallKind = 'announced' | 'still-clock' | 'seek';

/** How long each kind of stall may last, with media ahead, before the step. */
const patienceMs: Record<StallKind, number> = { announced: 250, 'still-clock': 1000, seek: 2000 };
/** The step: more than the gaps seen (up to 0.05 s), far less than anything a viewer would notice. */
const stepSeconds = 0.1;
/** Buffered ahead of the playhead that counts as "media ahead": the step must land inside it. */
const minimumAheadSeconds = stepSeconds + 0.1;

export interface StallState {
  currentTime: number;
  /** Seconds buffered ahead of the playhead. */
  ahead: number;
  /** How long the playhead has stood still (or the seek has lasted). */
  stalledMs: number;
  kind: StallKind;
  /** Steps already taken in this stall: each one doubles the patience for the next. */
  steps?: number;
}

/** Where to step a playhead stalled at `currentTime` with `ahead` seconds buffered, or null to wait. */
export function nudgePosition({ currentTime, ahead, stalledMs, kind, steps = 0 }: StallState): number | null {
  const patience = patienceMs[kind] * 2 ** steps;
  return stalledMs >= patience && ahead >= minimumAheadSeconds ? currentTime + stepSeconds : null;
}

/** Watches `video` for stalls with media ahead and steps past them; returns a function that stops. */
export function attachStallNudge(video: HTMLVideoElement): () => void {
  const abort = new AbortController();
  let announced = false;
  let lastTime = video.currentTime;
  let stillSince = performance.now();
  /** The seek under way: when it began and the steps taken since (a step is a new seek). */
  let seek: { since: number; steps: number } | null = null;
  /** Playback moved, or is not meant to (paused, seeking): the stall, if any, is over. */
  const restart = (): void => {
    announced = false;
    lastTime = video.currentTime;
    stillSince = performance.now();
  };
  const step = (position: number): void => {
    stillSince = performance.now();
    video.currentTime = position;
  };

  const checkSeek = (): void => {
    seek ??= { since: performance.now(), steps: 0 };
    const position = nudgePosition({ currentTime: video.currentTime, ahead: bufferAhead(video.buffered, video.currentTime), stalledMs: performance.now() - seek.since, kind: 'seek', steps: seek.steps });
    if (position === null) return;
    seek = { since: performance.now(), steps: seek.steps + 1 };
    step(position);
  };

  const check = (): void => {
    if (video.seeking) return checkSeek();
    seek = null;
    // A rate of 0 is the page's own way to hold the picture.
    if (video.paused || video.playbackRate === 0 || video.currentTime !== lastTime) return restart();
    // Unannounced, a still clock counts only once the browser says it can play on.
    if (!announced && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) return;
    const position = nudgePosition({ currentTime: video.currentTime, ahead: bufferAhead(video.buffered, video.currentTime), stalledMs: performance.now() - stillSince, kind: announced ? 'announced' : 'still-clock' });
    if (position !== null) step(position);
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
