/**
 * Recovery from fatal media errors (a decoder or a MediaSource buffer that failed): the one ladder,
 * across the sessions of one player.
 *
 * Many of these pass: a broken frame, a codec hiccup after a discontinuity. hls.js documents the
 * first rungs: recover the media (a fresh MediaSource at the same position), then swap the audio
 * codec and recover (for streams that signal the wrong AAC profile). Then the player reloads: a
 * fresh session, hls.js and all, which starts again at the live edge. Each reload of a run of
 * errors waits longer than the one before (1, 2, then 4 s): a live stream broken for a few seconds,
 * whose broken segments the CDN keeps, plays again once newer media is published, which a reload at
 * once would miss (it met the same broken segments within a second in the browser tests). Errors
 * that go on through reloads for `giveUpAfterMs` mean the stream is broken: give up and say so,
 * rather than reload in a loop.
 *
 * Errors close together make a run; one long after the last starts again at the bottom, so an
 * hour-long stream with a hiccup every ten minutes is never given up on. (Not reset when a fragment
 * buffers: broken media buffers fine and fails only in the decoder.)
 */
export interface MediaErrorRecoveryConfig {
  /** Errors further apart than this are unrelated: the ladder starts again. */
  quietPeriodMs: number;
  /** Recoveries of the media tried before each reload. */
  maxRecoveries: number;
  /** The first reload's wait in a run of errors; each next one waits twice as long, up to `maxReloadDelayMs`. */
  firstReloadDelayMs: number;
  maxReloadDelayMs: number;
  /** A run of errors still going this long after its first reload is given up. */
  giveUpAfterMs: number;
}

export const defaultMediaErrorRecovery: MediaErrorRecoveryConfig = {
  quietPeriodMs: 30_000,
  maxRecoveries: 2,
  firstReloadDelayMs: 1_000,
  maxReloadDelayMs: 4_000,
  giveUpAfterMs: 15_000,
};

/**
 * A player's ladder, kept across its sessions: the first hls.js session that meets a media error
 * makes it (so it loads with hls.js, not with every page), and a new stream starts a new one.
 */
export interface MediaErrorLadder {
  recovery?: MediaErrorRecovery;
}

/** What to do about one media error. */
export type RecoveryStep =
  | { action: 'recover' | 'swap-audio-codec-and-recover' | 'give-up' }
  | { action: 'reload'; delayMs: number };

export class MediaErrorRecovery {
  readonly #config: MediaErrorRecoveryConfig;
  /** Errors since the run began or since its last reload: the rung reached in this session. */
  #errorsInSession = 0;
  #reloadsInRun = 0;
  #firstReloadAt: number | null = null;
  #lastErrorAt = -Infinity;

  constructor(config: MediaErrorRecoveryConfig = defaultMediaErrorRecovery) {
    this.#config = config;
  }

  /** The step for an error at `now` (ms). */
  stepFor(now: number): RecoveryStep {
    const { quietPeriodMs, maxRecoveries, firstReloadDelayMs, maxReloadDelayMs, giveUpAfterMs } = this.#config;
    if (now - this.#lastErrorAt > quietPeriodMs) {
      this.#errorsInSession = 0;
      this.#reloadsInRun = 0;
      this.#firstReloadAt = null;
    }
    this.#lastErrorAt = now;
    this.#errorsInSession += 1;
    if (this.#errorsInSession <= maxRecoveries) {
      return { action: this.#errorsInSession === 1 ? 'recover' : 'swap-audio-codec-and-recover' };
    }
    if (this.#firstReloadAt !== null && now - this.#firstReloadAt >= giveUpAfterMs) return { action: 'give-up' };
    this.#firstReloadAt ??= now;
    const delayMs = Math.min(firstReloadDelayMs * 2 ** this.#reloadsInRun, maxReloadDelayMs);
    this.#reloadsInRun += 1;
    // The fresh session climbs the ladder from the bottom again.
    this.#errorsInSession = 0;
    return { action: 'reload', delayMs };
  }
}
