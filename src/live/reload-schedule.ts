import { listedSeconds, publishIntervalSeconds, type MediaPlaylistSummary } from './media-playlist.js';

/**
 * When to reload a live playlist that has no blocking reload, timed by the stream's own clock.
 *
 * A server publishes each segment (HLS) or part (LL-HLS) when it is complete, so new media appears
 * once per segment or part duration, at a steady phase. hls.js reloads once per TARGETDURATION
 * from its first load, at a random phase: each new segment reached the player anywhere from 0 to a
 * whole target duration late, and reloading more often only added requests. This learns the
 * phase, "publish time minus where the media ends", and sends each reload when the next segment
 * or part is due by it. The phase is a running estimate of a high quantile of the stream's
 * publish times (jitter included): a reload that finds the media moves it a little earlier, one
 * that misses moves it later by more (and at least past the miss), so in the long run about
 * `hitQuantile` of reloads find new media at once and the rest poll again shortly. It follows an
 * encoder whose clock drifts, and learns from its misses.
 *
 * Pure: the caller passes every time, in milliseconds of one clock (performance.now() in the player).
 */
export interface ReloadScheduleOptions {
  /** Share of reloads meant to find new media at once: higher means fewer requests, a little more lag. */
  hitQuantile?: number;
}

/** What one playlist response told the schedule. */
export interface PlaylistResponse {
  playlist: MediaPlaylistSummary;
  /**
   * When the server produced it: the first byte's time minus the CDN's Age. A response cached at
   * the CDN is that much older than its arrival.
   */
  producedAt: number;
}

export class ReloadSchedule {
  readonly #hitQuantile: number;
  /** Where each listed segment starts on the schedule's media timeline, by media sequence number. */
  #segmentStarts = new Map<number, number>();
  /** Where the newest media seen so far ends on that timeline, in seconds; null before the first response. */
  #newestMediaEnd: number | null = null;
  #previousResponseAt = -Infinity;
  /** A response since the last find brought nothing new. */
  #missedSinceLastFind = false;
  /** When media is published, relative to where it ends on the timeline (ms); null until learned. */
  #phaseMs: number | null = null;
  /** When the newest media was due by the phase as it stood before it appeared (ms). */
  #newestMediaDueAt: number | null = null;
  /**
   * Before the phase is learned: the earliest the next media can appear (ms), one interval after
   * the last response that did not list the newest yet; null before any media was seen appearing.
   */
  #nextMediaEarliestAt: number | null = null;
  #publishIntervalSeconds = 1;

  constructor({ hitQuantile = 0.9 }: ReloadScheduleOptions = {}) {
    this.#hitQuantile = hitQuantile;
  }

  /** Seconds between new segments or parts, from the latest playlist. */
  get publishIntervalSeconds(): number {
    return this.#publishIntervalSeconds;
  }

  /**
   * How long to wait before polling again after a reload found nothing new: a tenth of a segment
   * or part (100 to 200 ms), and a quarter (up to 500 ms) while the phase is still unknown, which
   * finds the first new media with a few requests, not ten.
   */
  get pollIntervalMs(): number {
    const intervalMs = this.#publishIntervalSeconds * 1000;
    if (this.#phaseMs === null) return Math.min(500, Math.max(100, intervalMs / 4));
    return Math.min(200, Math.max(100, intervalMs / 10));
  }

  /** A reload that finds nothing new is retried until this long past when the media was due. */
  get patienceMs(): number {
    return this.#publishIntervalSeconds * 1500;
  }

  /** Records a response; true when it lists newer media than any before it (or is the first). */
  record({ playlist, producedAt }: PlaylistResponse): boolean {
    this.#publishIntervalSeconds = publishIntervalSeconds(playlist);
    const mediaEnd = this.#anchoredStart(playlist) + listedSeconds(playlist);
    const previousEnd = this.#newestMediaEnd;
    const previousResponseAt = this.#previousResponseAt;
    this.#previousResponseAt = producedAt;
    // Media that ends a hair later only by rounding is not new.
    if (previousEnd !== null && mediaEnd <= previousEnd + 0.001) {
      this.#missedSinceLastFind = true;
      return false;
    }
    this.#newestMediaEnd = mediaEnd;
    this.#newestMediaDueAt = this.#phaseMs === null ? null : mediaEnd * 1000 + this.#phaseMs;
    if (previousEnd !== null) this.#learnPhase({ previousResponseAt, producedAt, mediaEndMs: mediaEnd * 1000 });
    this.#missedSinceLastFind = false;
    return true;
  }

  /**
   * When the next segment or part should be there (ms). While the phase is not known yet: the
   * earliest it can appear, from which the caller polls until it finds it (without that, the
   * polls of the first segment after the start found nothing for most of an interval); null
   * before any new media was seen appear, when the caller reloads at once.
   */
  nextMediaDueAt(): number | null {
    if (this.#newestMediaEnd === null) return null;
    if (this.#phaseMs === null) return this.#nextMediaEarliestAt;
    return (this.#newestMediaEnd + this.#publishIntervalSeconds) * 1000 + this.#phaseMs;
  }

  /**
   * When the newest media seen was due by the learned phase (ms), or null while the phase is not
   * known: a date for it on the stream's clock, without the jitter of when it really appeared.
   */
  newestMediaDueAt(): number | null {
    return this.#newestMediaDueAt;
  }

  /** The media was published after the previous response and by this one. */
  #learnPhase({ previousResponseAt, producedAt, mediaEndMs }: { previousResponseAt: number; producedAt: number; mediaEndMs: number }): void {
    const earliest = previousResponseAt - mediaEndMs;
    const latest = producedAt - mediaEndMs;
    if (this.#phaseMs === null) {
      // The first find that followed a miss closely: the middle of the gap.
      if (this.#missedSinceLastFind && latest - earliest <= 2 * this.pollIntervalMs) this.#phaseMs = (earliest + latest) / 2;
      else this.#nextMediaEarliestAt = previousResponseAt + this.#publishIntervalSeconds * 1000;
      return;
    }
    // A tenth of the interval, of 1 s at most: a server's jitter does not grow with its segments,
    // and steps of 0.54 s on 6 s segments left each reload (and the playlist's date) 0.3 s late.
    const stepMs = Math.min(this.#publishIntervalSeconds, 1) * 100;
    if (this.#missedSinceLastFind) this.#phaseMs = Math.max(this.#phaseMs + this.#hitQuantile * stepMs, earliest);
    else this.#phaseMs -= (1 - this.#hitQuantile) * stepMs;
  }

  /**
   * The start of the playlist's first listed segment on the schedule's timeline. The media
   * sequence ties a reload to earlier ones; a playlist that shares no segment with the previous
   * one (a restarted broadcast, a long gap) starts the timeline and the samples afresh.
   */
  #anchoredStart(playlist: MediaPlaylistSummary): number {
    const { firstSequence, segmentDurations } = playlist;
    let start: number | null = null;
    let before = 0;
    // Each listed segment, then the one in progress (a young low-latency stream lists only parts).
    for (let index = 0; index <= segmentDurations.length; index++) {
      const known = this.#segmentStarts.get(firstSequence + index);
      if (known !== undefined) {
        start = known - before;
        break;
      }
      before += segmentDurations[index] ?? 0;
    }
    if (start === null) {
      start = 0;
      this.#segmentStarts.clear();
      this.#phaseMs = null;
      this.#newestMediaDueAt = null;
      this.#nextMediaEarliestAt = null;
      this.#newestMediaEnd = null;
      this.#previousResponseAt = -Infinity;
      this.#missedSinceLastFind = false;
    }
    // Remembered for the listed segments and the one in progress; older ones are forgotten.
    this.#segmentStarts.clear();
    let position = start;
    for (const [index, duration] of segmentDurations.entries()) {
      this.#segmentStarts.set(firstSequence + index, position);
      position += duration;
    }
    this.#segmentStarts.set(firstSequence + segmentDurations.length, position);
    return start;
  }
}
