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
 */

/** How long a stall with media ahead may last before the step. */
const patienceMs = 250;
/** The step: more than the gaps seen (up to 0.05 s), far less than anything a viewer would notice. */
const stepSeconds = 0.1;
/** Buffered ahead of the playhead that counts as "media ahead": the step must land inside it. */
const minimumAheadSeconds = stepSeconds + 0.1;

/** Where to step a playhead stalled at `currentTime` with `ahead` seconds buffered, or null to wait. */
export function nudgePosition({ currentTime, ahead, stalledMs }: { currentTime: number; ahead: number; stalledMs: number }): number | null {
  return stalledMs >= patienceMs && ahead >= minimumAheadSeconds ? currentTime + stepSeconds : null;
}

/** Watches `video` for stalls with media ahead and steps past them; returns a function that stops. */
export function attachStallNudge(video: HTMLVideoElement): () => void {
  const abort = new AbortController();
  let stalledAt: number | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  const check = (): void => {
    if (stalledAt === null || video.paused || video.seeking) return;
    const position = nudgePosition({ currentTime: video.currentTime, ahead: bufferAhead(video.buffered, video.currentTime), stalledMs: performance.now() - stalledAt });
    if (position === null) return;
    stalledAt = performance.now();
    video.currentTime = position;
  };
  const stop = (): void => {
    stalledAt = null;
    clearInterval(timer);
  };

  video.addEventListener('waiting', () => {
    if (video.seeking) return;
    stalledAt = performance.now();
    clearInterval(timer);
    timer = setInterval(check, 100);
  }, { signal: abort.signal });
  for (const type of ['playing', 'pause', 'seeking', 'emptied']) video.addEventListener(type, stop, { signal: abort.signal });
  return () => {
    abort.abort();
    stop();
  };
}
