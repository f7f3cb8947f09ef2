/**
 * Recovery from hls.js's fatal media errors (a decoder or a MediaSource buffer that failed).
 *
 * Concern: many of these pass: a broken frame, a codec hiccup after a discontinuity. hls.js
 * documents a ladder for them: recover the media (a fresh MediaSource at the same position), then
 * swap the audio codec and recover (for streams that signal the wrong AAC profile), then give up.
 * Errors close together climb the ladder; one long after the last starts again at the bottom, so
 * an hour-long stream with a hiccup every ten minutes is never given up on. (Not reset when a
 * fragment buffers: broken media buffers fine and fails only in the decoder.)
 */
export interface MediaErrorRecoveryConfig {
  /** Errors further apart than this are unrelated: the ladder starts again. */
  quietPeriodMs: number;
  /** Recoveries tried before the session hands over to its owner (which may start afresh). */
  maxRecoveries: number;
}

export const defaultMediaErrorRecovery: MediaErrorRecoveryConfig = { quietPeriodMs: 30_000, maxRecoveries: 2 };

/** What to do about one media error. */
export type RecoveryStep = 'recover' | 'swap-audio-codec-and-recover' | 'hand-over';

export class MediaErrorRecovery {
  readonly #config: MediaErrorRecoveryConfig;
  /** Errors in the current run of errors close together. */
  #errorsInRun = 0;
  #lastErrorAt = -Infinity;

  constructor(config: MediaErrorRecoveryConfig = defaultMediaErrorRecovery) {
    this.#config = config;
  }

  /** The step for an error at `now` (ms). */
  stepFor(now: number): RecoveryStep {
    const startsNewRun = now - this.#lastErrorAt > this.#config.quietPeriodMs;
    this.#errorsInRun = startsNewRun ? 1 : this.#errorsInRun + 1;
    this.#lastErrorAt = now;
    if (this.#errorsInRun > this.#config.maxRecoveries) return 'hand-over';
    return this.#errorsInRun === 1 ? 'recover' : 'swap-audio-codec-and-recover';
  }
}
