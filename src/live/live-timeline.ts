import { AdaptiveTarget, pinnedTarget, targetMarginSeconds, type TargetLatency } from './adaptive-target.js';
import { catchUpRate, cushionSeconds, forwardWithinBuffer, gapsBeforeSpeedingUp, gapsRemembered, nextMediaIn, seekIntervalMs, seekThreshold, type BufferedRanges } from './catch-up-rules.js';
import { derivedPartHoldBack, publishIntervalSeconds, type MediaPlaylistSummary } from './media-playlist.js';
import { PlaylistTimings, type ResponseDecision } from './playlist-timing.js';

/**
 * One live session's timeline: what the stream and the viewer did goes in as facts, the timing
 * decisions come out. The rules live in their own modules, each deciding one thing: when a
 * playlist reload goes out (playlist-timing.ts, reload-schedule.ts), the target latency
 * (adaptive-target.ts), and the rate or seek that holds the player to it (catch-up-rules.ts).
 * This is where their facts meet: a playlist's arrival teaches the reload schedule and creates the
 * target, media arriving at the live edge teaches the target and the catch-up's cushion, a stall
 * raises the target, a viewer's pause or seek back stops the catch-up.
 *
 * Pure: no DOM, no hls.js, no timers of its own; every time is passed in, in milliseconds of one
 * clock (performance.now() in the player). The adapters (live-catch-up.ts for hls.js and the
 * video, playlist-loader.ts for requests) only report facts and apply decisions. With a `trace`,
 * each fact and decision is recorded, so a stall can be explained from one log.
 */

/** One line of the trace: when, what, and the figures behind it. */
export interface TimelineTraceEntry {
  at: number;
  what: string;
  [figure: string]: unknown;
}

export interface LiveTimelineOptions {
  /** LL-HLS: new media is a part, and the target starts at the part hold-back. */
  lowLatency: boolean;
  /** The page's `target-latency`, in seconds; null: learned from the stream. */
  pinnedTargetSeconds: number | null;
  /** The fastest catch-up rate; 1 turns catching up off. */
  maxRate: number;
  /** Receives each fact and decision (off when absent). */
  trace?: ((entry: TimelineTraceEntry) => void) | null;
}

/** What the player sees of playback when it asks for a decision (at each timeupdate and pause). */
export interface PlaybackSample {
  now: number;
  /** Seconds behind the live edge; null when not known (not live, or not in the live window yet). */
  latency: number | null;
  paused: boolean;
  seeking: boolean;
  /** The video's rate now: one the timeline did not set is the page's or the viewer's, and wins. */
  playbackRate: number;
  currentTime: number;
  buffered: BufferedRanges;
  /** Seconds buffered ahead of the playhead. */
  bufferAhead: number;
  /** Where the target latency is on the media timeline; null when not known. */
  targetPosition: number | null;
}

/** What to do to playback now. */
export type SteeringDecision = { action: 'none' } | { action: 'rate'; rate: number } | { action: 'seek'; to: number };

/** What to do with a playlist response; delivered with the time its newest media is dated by (see PlaylistTiming.newestMediaDatedAt). */
export type PlaylistDecision = { deliver: false; retryInMs: number } | { deliver: true; scheduleTimesNextReload: boolean; datedAt: number | null };

const none: SteeringDecision = { action: 'none' };

/**
 * AMS play.html's default target latency for HLS, and the first target there until the stream's
 * own pace is learned: on AMS's 2 s segments it keeps one segment buffered while the next one is
 * being written.
 */
export const initialHlsTargetSeconds = 3;

/**
 * Where playback starts, and the least the learned target may become. A hold-back the server
 * states is the HLS spec's minimum for clients; without one, a low-latency stream starts at the
 * derived part hold-back, and HLS at AMS's 3 s or, on segments longer than 2 s, one segment and
 * the margin: a player that starts less than a segment behind runs dry before the next one is
 * published (on 6 s segments it stalled at the first boundary). Neither target goes below one
 * part or segment (nothing can be played before it is published).
 */
export function learnedTargetFor(playlist: MediaPlaylistSummary, lowLatency: boolean): AdaptiveTarget {
  const statedHoldBack = lowLatency ? playlist.statedPartHoldBack : playlist.statedHoldBack;
  const partTarget = lowLatency ? playlist.partTarget : null;
  const interval = publishIntervalSeconds(lowLatency ? playlist : { ...playlist, partTarget: null });
  const unstatedStart = partTarget ? derivedPartHoldBack(partTarget) : Math.max(initialHlsTargetSeconds, interval + targetMarginSeconds(interval));
  return new AdaptiveTarget({ initialSeconds: statedHoldBack ?? unstatedStart, floorSeconds: statedHoldBack ?? interval, publishIntervalSeconds: interval });
}

/**
 * Whether the viewer chose to be behind live, told by what they did rather than by how far behind
 * the player is: a pause, or a seek back. A seek forward to near live, or going live, ends it.
 * hls.js only ever seeks forward (to its start position, over gaps), and the timeline's own seeks
 * are expected.
 */
class ViewerPosition {
  watchingBehind = false;
  #expectedSeek = false;
  #lastPosition = 0;

  expectSeek(): void {
    this.#expectedSeek = true;
  }

  played(position: number): void {
    this.#lastPosition = position;
  }

  paused(): void {
    this.watchingBehind = true;
  }

  seeked(to: number, nearLive: boolean): void {
    if (this.#expectedSeek) this.#expectedSeek = false;
    else if (to < this.#lastPosition - 0.5) this.watchingBehind = true;
    else if (nearLive) this.watchingBehind = false;
    this.#lastPosition = to;
  }
}

export class LiveTimeline {
  readonly #options: LiveTimelineOptions;
  readonly #playlists = new PlaylistTimings();
  readonly #viewer = new ViewerPosition();
  /** Pinned from the start, or learned from the first live media playlist. */
  #target: TargetLatency | null;
  /** Seconds between new segments (HLS) or parts (LL-HLS), from the latest media playlist. */
  #publishInterval = 2;
  /** When the newest segment or part last arrived, null before any. */
  #lastEdgeArrivalAt: number | null = null;
  /** Seconds between the latest arrivals of new segments or parts, newest last. */
  #arrivalGaps: number[] = [];
  #firstFrameAt: number | null = null;
  #stalled = false;
  #lastSeekAt = -Infinity;
  /** The rate this timeline decided last (1 when not catching up). */
  #rate = 1;
  #tracedTarget: number | null = null;

  constructor(options: LiveTimelineOptions) {
    this.#options = options;
    this.#target = options.pinnedTargetSeconds === null ? null : pinnedTarget(options.pinnedTargetSeconds);
  }

  /** The rate the timeline set last: the adapter leaves a rate that is not its own alone. */
  get rate(): number {
    return this.#rate;
  }

  /** Seconds behind the live edge to hold the player at; null before the first media playlist. */
  targetAt(now: number): number | null {
    const seconds = this.#target?.targetAt(now) ?? null;
    if (seconds !== null && (this.#tracedTarget === null || Math.abs(seconds - this.#tracedTarget) >= 0.05)) {
      this.#tracedTarget = seconds;
      this.#note(now, 'target', { seconds });
    }
    return seconds;
  }

  // Playlists: reload timing.

  /** Milliseconds to hold a playlist request before it goes out (0: at once). */
  reloadDelayMs(url: string, now: number): number {
    const delayMs = this.#playlists.for(url).delayBeforeRequest(now);
    if (delayMs > 0 && this.#options.trace) this.#note(now, 'reload-held', { playlist: playlistName(url), delayMs });
    return delayMs;
  }

  /**
   * A media playlist answered: it teaches the reload schedule and, the first time, sets the
   * target; the answer is passed on to the player, or asked for again later.
   * @param producedAt when the server produced it: its first byte's time minus the CDN's Age
   */
  playlistArrived({ url, playlist, producedAt, now }: { url: string; playlist: MediaPlaylistSummary; producedAt: number; now: number }): PlaylistDecision {
    if (!playlist.ended) this.#publishInterval = publishIntervalSeconds(this.#options.lowLatency ? playlist : { ...playlist, partTarget: null });
    const timing = this.#playlists.for(url);
    const startSeconds = this.#targetFrom(playlist).targetAt(now);
    const decision: ResponseDecision = timing.decide({ playlist, producedAt, startSeconds, now });
    const result: PlaylistDecision = decision.deliver ? { ...decision, datedAt: timing.newestMediaDatedAt } : decision;
    if (this.#options.trace) this.#note(now, decision.deliver ? 'playlist-delivered' : 'playlist-held', { playlist: playlistName(url), ...result, startSeconds });
    return result;
  }

  // Media and playback: the target and the catch-up.

  /** A segment or part requested as the newest listed was buffered: its start was this far behind the edge. */
  edgeMediaArrived({ secondsBehindEdge, now }: { secondsBehindEdge: number; now: number }): void {
    const gapSeconds = this.#lastEdgeArrivalAt === null ? null : (now - this.#lastEdgeArrivalAt) / 1000;
    if (gapSeconds !== null) this.#arrivalGaps.push(gapSeconds);
    if (this.#arrivalGaps.length > gapsRemembered) this.#arrivalGaps.shift();
    this.#lastEdgeArrivalAt = now;
    this.#target?.recordArrival(secondsBehindEdge, now);
    this.#note(now, 'edge-media', { secondsBehindEdge, gapSeconds });
  }

  /** The video waits for media; a wait that is not a seek, after the first frame, is a stall. */
  waiting({ seeking, now }: { seeking: boolean; now: number }): void {
    this.#stalled = this.#firstFrameAt !== null && !seeking;
    if (this.#stalled) this.#note(now, 'stall');
  }

  /** The video plays: the first frame, or the end of a stall, which says the target was too small. */
  playing({ latency, now }: { latency: number | null; now: number }): void {
    this.#firstFrameAt ??= now;
    if (!this.#stalled) return;
    this.#stalled = false;
    const counts = latency !== null && !this.#viewer.watchingBehind;
    if (counts) this.#target?.recordStall(latency, now);
    this.#note(now, 'stall-ended', { latency, raisesTarget: counts });
  }

  /** The video paused; a pause after the first frame, not at the end, is the viewer's choice to fall behind. */
  paused({ ended, now }: { ended: boolean; now: number }): void {
    if (this.#firstFrameAt === null || ended) return;
    this.#viewer.paused();
    this.#note(now, 'viewer-paused');
  }

  /** A seek began: the timeline's own, or one back (the viewer watches behind), or forward to near live. */
  seekStarted({ to, latency, now }: { to: number; latency: number | null; now: number }): void {
    const target = this.#target?.targetAt(now);
    const nearLive = latency !== null && target !== undefined && latency <= target + 1;
    this.#viewer.seeked(to, nearLive);
    this.#note(now, 'seek-started', { to, latency, watchingBehind: this.#viewer.watchingBehind });
  }

  /** The rate, or the seek, that holds the player at its target now. */
  steer(sample: PlaybackSample): SteeringDecision {
    const { now, latency, paused, seeking, playbackRate } = sample;
    const { maxRate } = this.#options;
    if (!seeking) this.#viewer.played(sample.currentTime);
    const targetSeconds = this.targetAt(now);
    if (targetSeconds === null || latency === null) return none;
    // Someone else (the page, the viewer) chose a rate: theirs wins.
    if (playbackRate !== this.#rate) return none;
    // maxRate 1: the page turned catching up off.
    if (maxRate <= 1 || this.#viewer.watchingBehind) return this.#rateDecision(1, now);
    if (paused || seeking) return none;
    const distance = latency - targetSeconds;
    const sinceFirstFrameMs = this.#firstFrameAt === null ? null : now - this.#firstFrameAt;
    const untilNextMedia = nextMediaIn({
      sinceLastArrival: this.#lastEdgeArrivalAt === null ? null : (now - this.#lastEdgeArrivalAt) / 1000,
      publishInterval: this.#publishInterval,
    });
    const cushion = cushionSeconds({ publishInterval: this.#publishInterval, recentGaps: this.#arrivalGaps });
    const seekAllowed = distance > seekThreshold(sinceFirstFrameMs, maxRate) && sample.targetPosition !== null && now - this.#lastSeekAt >= seekIntervalMs;
    // A seek leaves enough ahead to last until the next media, with the cushion.
    const destination = seekAllowed
      ? forwardWithinBuffer({ buffered: sample.buffered, currentTime: sample.currentTime, position: sample.targetPosition!, keepAhead: untilNextMedia + cushion })
      : null;
    if (destination !== null) {
      this.#lastSeekAt = now;
      return this.#seekDecision(destination, now, { reason: 'catch-up', distance });
    }
    const fastest = this.#arrivalGaps.length >= gapsBeforeSpeedingUp ? maxRate : 1;
    const rate = catchUpRate({ distance, bufferAhead: sample.bufferAhead, untilNextMedia, cushion, maxRate: fastest, currentRate: this.#rate });
    return this.#rateDecision(rate, now, { distance, bufferAhead: sample.bufferAhead, untilNextMedia, cushion });
  }

  /** Forward to the target, within what is buffered (else hls.js loads from there); ends watching behind. */
  goLive({ now, currentTime, buffered, targetPosition }: Pick<PlaybackSample, 'now' | 'currentTime' | 'buffered' | 'targetPosition'>): SteeringDecision {
    this.#viewer.watchingBehind = false;
    if (targetPosition === null || targetPosition <= currentTime) return none;
    const destination = forwardWithinBuffer({ buffered, currentTime, position: targetPosition, keepAhead: 0 }) ?? targetPosition;
    return this.#seekDecision(destination, now, { reason: 'go-live' });
  }

  /**
   * The live window moved on. A viewer who went back and stays there keeps playing when the window
   * slides past them: hls.js, with nothing buffered inside the window, would load from the live
   * edge again (its getInitialLiveFragment). The player steps in first, to one segment inside it.
   */
  liveWindowMoved({ windowStart, segmentSeconds, bufferEnd, now }: { windowStart: number; segmentSeconds: number; bufferEnd: number; now: number }): SteeringDecision {
    if (!this.#viewer.watchingBehind) return none;
    const insideWindow = windowStart + segmentSeconds;
    return bufferEnd < insideWindow ? this.#seekDecision(insideWindow, now, { reason: 'window-moved' }) : none;
  }

  #targetFrom(playlist: MediaPlaylistSummary): TargetLatency {
    return (this.#target ??= learnedTargetFor(playlist, this.#options.lowLatency));
  }

  #rateDecision(rate: number, now: number, figures: Record<string, unknown> = {}): SteeringDecision {
    if (rate === this.#rate) return none;
    this.#rate = rate;
    this.#note(now, 'rate', { rate, ...figures });
    return { action: 'rate', rate };
  }

  #seekDecision(to: number, now: number, figures: Record<string, unknown>): SteeringDecision {
    this.#viewer.expectSeek();
    this.#note(now, 'seek', { to, ...figures });
    return { action: 'seek', to };
  }

  #note(at: number, what: string, figures: Record<string, unknown> = {}): void {
    this.#options.trace?.({ at, what, ...figures });
  }
}

/** A playlist's file name for the trace: never its query, which may carry the viewer's token. */
function playlistName(url: string): string {
  return new URL(url).pathname.split('/').pop() ?? '';
}
