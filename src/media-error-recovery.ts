/**
 * Recovery from fatal media errors (a decoder or a MediaSource buffer that failed): the one ladder,
 * across the sessions of one player.
 *
 * Many of these pass: a broken frame, a codec hiccup after a discontinuity. hls.js documents the
 * first rungs: recover the media (a fresh MediaSource at the same position), then swap the audio
 * codec and recover (for streams that signal the wrong AAC profile). Then the player reloads: a
 * fresh session, hls.js and all. A decoder that fails that far again within the quiet period of
 * the last reload is broken for this stream: give up and say so, rather than reload in a loop.
 * Errors close together climb the ladder; one long after the last starts again at the bottom, so
 * an hour-long stream with a hiccup every ten minutes is never given up on. (Not reset when a
 * fragment buffers: broken media buffers fine and fails only in the decoder.)
 */
export interface MediaErrorRecoveryConfig {
  /** Errors further apart than this are unrelated: the ladder starts again. So is a reload this old. */
  quietPeriodMs: number;
  /** Recoveries of the media tried before a reload. */
  maxRecoveries: number;
}

export const defaultMediaErrorRecovery: MediaErrorRecoveryConfig = { quietPeriodMs: 30_000, maxRecoveries: 2 };

/** What to do about one media error. */
export type RecoveryStep = 'recover' | 'swap-audio-codec-and-recover' | 'reload' | 'give-up';

export class MediaErrorRecovery {
  readonly #config: MediaErrorRecoveryConfig;
  /** Errors in the current run of errors close together, since the last reload. */
  #errorsInRun = 0;
  #lastErrorAt = -Infinity;
  #lastReloadAt = -Infinity;

  constructor(config: MediaErrorRecoveryConfig = defaultMediaErrorRecovery) {
    this.#config = config;
  }

  /** The step for an error at `now` (ms). */
  stepFor(now: number): RecoveryStep {
    const { quietPeriodMs, maxRecoveries } = this.#config;
    const startsNewRun = now - this.#lastErrorAt > quietPeriodMs;
    this.#errorsInRun = startsNewRun ? 1 : this.#errorsInRun + 1;
    this.#lastErrorAt = now;
    if (this.#errorsInRun <= maxRecoveries) return this.#errorsInRun === 1 ? 'recover' : 'swap-audio-codec-and-recover';
    if (now - this.#lastReloadAt < quietPeriodMs) return 'give-up';
    this.#lastReloadAt = now;
    // The fresh session climbs the ladder from the bottom again.
    this.#errorsInRun = 0;
    return 'reload';
  }
}
