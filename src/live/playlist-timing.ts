import { listedSeconds, type MediaPlaylistSummary } from './media-playlist.js';
import { ReloadSchedule } from './reload-schedule.js';

/** A reload goes out this long after the next segment or part is due: a server's own write takes a moment. */
const dueMarginMs = 30;

/**
 * What to do with a playlist response: hand it to hls.js, or ask again after `retryInMs`.
 * `scheduleTimesNextReload`: the response brought new media on a playlist without blocking
 * reload, so the next reload is the schedule's to time (see askForReloadAtOnce in hls/hls-workarounds.ts).
 */
export type ResponseDecision = { deliver: true; scheduleTimesNextReload: boolean } | { deliver: false; retryInMs: number };

/**
 * The timing of one media playlist's requests, across the loader instances hls.js creates for
 * each of them: when a reload goes out (the reload schedule), whether a response that brings
 * nothing new is worth passing on, and the start hold: hls.js is first handed a playlist only once
 * it lists enough media to start `startSeconds` behind its edge. A younger stream (a page opened
 * before the broadcast, a restart) would otherwise start at its very first frame with too little
 * ahead and stall a moment later. Times are milliseconds of one clock, passed in.
 */
export class PlaylistTiming {
  readonly schedule = new ReloadSchedule();
  /** hls.js has had a first answer for this playlist. */
  #started = false;
  /** When the request now under way was first asked for: holds and polls are bounded from it. */
  #askedAt: number | null = null;
  /** When the newest media listed was first seen (ms): the playlist's true age counts from here. */
  #newestMediaSeenAt: number | null = null;
  #blockingReload = false;

  /** Milliseconds to wait before the request for a reload goes out (0: at once). */
  delayBeforeRequest(now: number): number {
    this.#askedAt ??= now;
    if (!this.#started || this.#blockingReload) return 0;
    const due = this.schedule.nextMediaDueAt();
    return due === null ? 0 : Math.max(0, due + dueMarginMs - now);
  }

  /**
   * When the newest media of the last response appeared, for hls.js to date the playlist by (it
   * takes a playlist as new as its arrival, which holds only when nothing was cached or polled):
   * when it was first seen, or earlier, when it was due by the stream's clock. A server's jitter
   * would otherwise move hls.js's live edge back and forth with each segment, and a late segment
   * would look on time (its lateness hidden in the edge), so the target would not cover it.
   */
  get newestMediaDatedAt(): number | null {
    const seenAt = this.#newestMediaSeenAt;
    // A blocking reload returns the moment the media is published: seen is when it appeared.
    const dueAt = this.#blockingReload ? null : this.schedule.newestMediaDueAt();
    return seenAt === null || dueAt === null ? seenAt : Math.min(seenAt, dueAt);
  }

  /**
   * @param producedAt when the server produced this response: its first byte's time minus the CDN's Age
   * @param startSeconds how far behind the edge playback will start (the target latency)
   */
  decide({ playlist, producedAt, startSeconds, now }: { playlist: MediaPlaylistSummary; producedAt: number; startSeconds: number; now: number }): ResponseDecision {
    const askedAt = (this.#askedAt ??= now);
    this.#blockingReload = playlist.blockingReload;
    const newMedia = this.schedule.record({ playlist, producedAt });
    if (newMedia || this.#newestMediaSeenAt === null) this.#newestMediaSeenAt = producedAt;
    if (playlist.ended) return this.#delivered(false);
    const scheduleTimesNextReload = newMedia && !playlist.blockingReload;
    if (!this.#started) {
      // Seconds of media behind the edge now: what is listed, and how long ago its newest part appeared.
      const available = listedSeconds(playlist) + (now - this.newestMediaDatedAt!) / 1000;
      const shortMs = (startSeconds - available) * 1000;
      // Bounded, in case the stream stalls: then it starts with what there is.
      const holdLimitMs = (startSeconds + playlist.targetDuration) * 1000 + this.schedule.patienceMs;
      if (now - askedAt < holdLimitMs && shortMs > 0) return { deliver: false, retryInMs: Math.max(shortMs, this.schedule.pollIntervalMs) };
      return this.#delivered(scheduleTimesNextReload);
    }
    if (newMedia || playlist.blockingReload) return this.#delivered(scheduleTimesNextReload);
    const due = this.schedule.nextMediaDueAt() ?? askedAt;
    if (now < Math.max(due, askedAt) + this.schedule.patienceMs) return { deliver: false, retryInMs: this.schedule.pollIntervalMs };
    // Nothing new for a while: hls.js hears of it (it counts the miss and reloads at its own pace).
    return this.#delivered(false);
  }

  #delivered(scheduleTimesNextReload: boolean): ResponseDecision {
    this.#started = true;
    this.#askedAt = null;
    return { deliver: true, scheduleTimesNextReload };
  }
}

/** One timing per playlist, keyed by its URL without LL-HLS delivery directives (_HLS_msn and the like). */
export class PlaylistTimings {
  #byUrl = new Map<string, PlaylistTiming>();

  for(url: string): PlaylistTiming {
    const address = new URL(url);
    for (const name of [...address.searchParams.keys()]) if (name.startsWith('_HLS_')) address.searchParams.delete(name);
    const key = address.href;
    let timing = this.#byUrl.get(key);
    if (!timing) this.#byUrl.set(key, (timing = new PlaylistTiming()));
    return timing;
  }
}
