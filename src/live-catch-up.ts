import type Hls from 'hls.js';
import type { TargetLatency } from './adaptive-target.js';

/**
 * Holds a live player at its target latency: a little faster playback while behind, a seek
 * forward through what is already buffered when too far behind for that, and never either while
 * the viewer chose to be behind (see ViewerIntent). hls.js's own catch-up runs only in low-latency
 * mode and only with more than 1 s buffered ahead, never the case at an LL-HLS hold-back of
 * 0.6 s, and treats anything a target duration behind as watching back in time: a player that
 * drifted 4 s behind on HLS stayed there.
 */

/** Start catching up this far behind the target; keep going until this close to it. */
const startDistance = 0.1;
const stopDistance = 0.02;
/** Rate steps of 1/20: fewer changes, and each one audible as little as possible. */
const stepsPerUnit = 20;
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
const seekIntervalMs = 10_000;
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
  if (distance < -(currentRate < 1 ? stopDistance : startDistance)) return slowestRate;
  const threshold = currentRate > 1 ? stopDistance : startDistance;
  if (distance <= threshold) return 1;
  // Proportional, rounded up to a step: half a second behind gives 1.25x, a tenth gives 1.05x.
  const wanted = Math.min(maxRate, Math.ceil((1 + distance / 2) * stepsPerUnit) / stepsPerUnit);
  // What the buffer allows, rounded down to a step.
  const allowed = Math.floor(((bufferAhead - cushion) / untilNextMedia) * stepsPerUnit) / stepsPerUnit;
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
 * The buffer to keep in hand when the next segment or part arrives: a quarter of the interval, at
 * least 0.2 s, plus how late the stream's media has come lately (the longest recent gap between
 * arrivals beyond one interval), so neither a publish jitter (encoders and CDNs show 0.1 to 0.3 s)
 * nor a slow download stalls a player that is catching up.
 */
export function cushionSeconds({ publishInterval, recentGaps }: { publishInterval: number; recentGaps: readonly number[] }): number {
  // A gap of more than three intervals is an interruption (a pause, an outage), not the stream's pace.
  const paced = recentGaps.filter((gap) => gap <= 3 * publishInterval);
  const lateness = Math.max(0, ...paced.map((gap) => gap - publishInterval));
  return Math.max(0.2, publishInterval / 4) + lateness;
}

/** Gaps between arrivals remembered for the cushion: about 20 s of 1 s segments, 4 s of 200 ms parts. */
const gapsRemembered = 20;

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

/**
 * Seconds from the playhead to the live edge, the edge moved on by the playlist's age; null when
 * not live, and before hls.js has moved the playhead into the live window (it starts at 0 for a moment).
 */
export function secondsBehindLiveEdge(hls: Hls): number | null {
  const details = hls.latestLevelDetails;
  const time = hls.media?.currentTime;
  if (!details?.live || time === undefined || time < details.fragmentStart) return null;
  return Math.max(0, details.edge + details.age - time);
}

/**
 * Where to seek forward to reach `position` without leaving the buffer (less `keepAhead`): a seek
 * into what is not loaded yet would stall while it loads. Null when that is no real step forward.
 */
export function forwardWithinBuffer(video: HTMLVideoElement, position: number, keepAhead: number): number | null {
  const { buffered, currentTime } = video;
  for (let index = 0; index < buffered.length; index++) {
    if (buffered.start(index) > currentTime + 0.1 || buffered.end(index) < currentTime) continue;
    const destination = Math.min(position, buffered.end(index) - keepAhead);
    return destination > currentTime + 0.5 ? destination : null;
  }
  return null;
}

/**
 * Whether the viewer chose to be behind live, told by what they did rather than by how far behind
 * the player is: a pause, or a seek back. A seek forward to near live, or a request to go live,
 * ends it. hls.js only ever seeks forward (to its start position, over gaps), and this
 * controller's own seeks are announced with `expectSeek`.
 */
class ViewerIntent {
  watchingBehind = false;
  #expectedSeek = false;
  #lastPosition = 0;

  expectSeek(): void {
    this.#expectedSeek = true;
  }

  positionPlayed(position: number): void {
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

export interface LiveCatchUpOptions {
  hls: Hls;
  video: HTMLVideoElement;
  /** The fastest playback rate for catching up. */
  maxRate: number;
  /** The target latency, learned or pinned; null until the first media playlist. */
  target(): TargetLatency | null;
}

export interface LiveCatchUp {
  /** Forward to the target latency, within what is buffered; ends a viewer's watching behind. */
  goLive(): void;
  stop(): void;
}

export function attachLiveCatchUp({ hls, video, maxRate, target }: LiveCatchUpOptions): LiveCatchUp {
  const intent = new ViewerIntent();
  let rateSet = 1;
  let hasPlayed = false;
  let firstPlayingAt: number | null = null;
  let lastSeekAt = -Infinity;
  let stalled = false;
  /** Segments and parts requested when they were the newest media listed: their arrival times teach the target. */
  const edgeLoads = new WeakSet<object>();
  /** When the newest segment or part last arrived (performance.now()), null before any. */
  let lastEdgeArrivalAt: number | null = null;
  /** Seconds between the latest arrivals of new segments or parts, newest last. */
  const arrivalGaps: number[] = [];
  const now = (): number => performance.now();

  const liveEdge = (): number | null => {
    const details = hls.latestLevelDetails;
    return details?.live ? details.edge + details.age : null;
  };

  const syncHlsTarget = (seconds: number): void => {
    // hls.js's start position and live sync position read its own target.
    if (Math.abs((hls.targetLatency ?? 0) - seconds) > 0.02) hls.targetLatency = seconds;
  };

  /** Seconds between new segments (HLS) or parts (LL-HLS): what arrives next, and when. */
  const publishInterval = (): number => {
    const details = hls.latestLevelDetails;
    return (hls.config.lowLatencyMode && details?.partTarget) || details?.targetduration || 2;
  };

  const setRate = (rate: number): void => {
    if (rate !== rateSet) video.playbackRate = rateSet = rate;
  };

  const seekTo = (position: number): void => {
    intent.expectSeek();
    video.currentTime = position;
  };

  const goLive = (): void => {
    intent.watchingBehind = false;
    const position = hls.liveSyncPosition;
    if (position === null || position <= video.currentTime) return;
    // Not buffered that far yet: hls.js loads from there.
    seekTo(forwardWithinBuffer(video, position, 0) ?? position);
  };

  const steer = (): void => {
    const learned = target();
    const latency = secondsBehindLiveEdge(hls);
    if (!learned || latency === null) return;
    const targetSeconds = learned.targetAt(now());
    syncHlsTarget(targetSeconds);
    // Someone else (the page, the viewer) chose a rate: theirs wins.
    if (video.playbackRate !== rateSet) return;
    // maxRate 1: the page turned catching up off.
    if (maxRate <= 1 || intent.watchingBehind) return setRate(1);
    if (video.paused || video.seeking) return;
    const distance = latency - targetSeconds;
    const position = hls.liveSyncPosition;
    const sinceFirstFrameMs = firstPlayingAt === null ? null : now() - firstPlayingAt;
    const seekAllowed = distance > seekThreshold(sinceFirstFrameMs, maxRate) && position !== null && now() - lastSeekAt >= seekIntervalMs;
    const interval = publishInterval();
    const untilNextMedia = nextMediaIn({ sinceLastArrival: lastEdgeArrivalAt === null ? null : (now() - lastEdgeArrivalAt) / 1000, publishInterval: interval });
    const cushion = cushionSeconds({ publishInterval: interval, recentGaps: arrivalGaps });
    // A seek leaves enough ahead to last until the next media, with the cushion.
    const destination = seekAllowed ? forwardWithinBuffer(video, position, untilNextMedia + cushion) : null;
    if (destination !== null) {
      lastSeekAt = now();
      return seekTo(destination);
    }
    const bufferAhead = hls.mainForwardBufferInfo?.len ?? 0;
    setRate(catchUpRate({ distance, bufferAhead, untilNextMedia, cushion, maxRate, currentRate: rateSet }));
  };

  const onVideoEvent = ({ type }: Event): void => {
    switch (type) {
      case 'timeupdate':
        if (!video.seeking) intent.positionPlayed(video.currentTime);
        return steer();
      case 'pause':
        if (hasPlayed && !video.ended) intent.paused();
        return steer();
      case 'seeking': {
        const latency = secondsBehindLiveEdge(hls);
        const targetSeconds = target()?.targetAt(now());
        return intent.seeked(video.currentTime, latency !== null && targetSeconds !== undefined && latency <= targetSeconds + 1);
      }
      case 'waiting':
        stalled = hasPlayed && !video.seeking;
        return;
      case 'playing': {
        firstPlayingAt ??= now();
        hasPlayed = true;
        if (!stalled) return;
        stalled = false;
        const latency = secondsBehindLiveEdge(hls);
        if (latency !== null && !intent.watchingBehind) target()?.recordStall(latency, now());
        return;
      }
    }
  };

  /**
   * A viewer who went back and stays there keeps playing when the window slides past them: hls.js,
   * with nothing buffered inside the window, would load from the live edge again (its
   * getInitialLiveFragment). The player steps in first, to one segment inside the window.
   */
  const onLevelUpdated = (): void => {
    const details = hls.latestLevelDetails;
    if (!details?.live || !intent.watchingBehind) return;
    const insideWindow = details.fragmentStart + details.targetduration;
    const bufferEnd = video.currentTime + (hls.mainForwardBufferInfo?.len ?? 0);
    if (bufferEnd < insideWindow) seekTo(insideWindow);
  };

  const onFragmentLoading = (_event: unknown, { frag, part }: { frag: { end: number }; part?: { end: number } | null }): void => {
    const details = hls.latestLevelDetails;
    const media = part ?? frag;
    if (details?.live && media.end >= details.edge - 0.05) edgeLoads.add(media);
  };

  const onFragmentBuffered = (_event: unknown, { frag, part }: { frag: { start: number }; part?: { start: number } | null }): void => {
    const media = part ?? frag;
    const edge = liveEdge();
    if (!edgeLoads.has(media) || edge === null) return;
    edgeLoads.delete(media);
    if (lastEdgeArrivalAt !== null) arrivalGaps.push((now() - lastEdgeArrivalAt) / 1000);
    if (arrivalGaps.length > gapsRemembered) arrivalGaps.shift();
    lastEdgeArrivalAt = now();
    target()?.recordArrival(edge - media.start, now());
  };

  const videoEvents = ['timeupdate', 'pause', 'seeking', 'waiting', 'playing'];
  for (const type of videoEvents) video.addEventListener(type, onVideoEvent);
  const { Events } = hls.constructor as typeof Hls;
  hls.on(Events.FRAG_LOADING, onFragmentLoading);
  hls.on(Events.FRAG_BUFFERED, onFragmentBuffered);
  hls.on(Events.LEVEL_UPDATED, onLevelUpdated);
  return {
    goLive,
    stop() {
      for (const type of videoEvents) video.removeEventListener(type, onVideoEvent);
      hls.off(Events.FRAG_LOADING, onFragmentLoading);
      hls.off(Events.FRAG_BUFFERED, onFragmentBuffered);
      hls.off(Events.LEVEL_UPDATED, onLevelUpdated);
      if (video.playbackRate === rateSet) video.playbackRate = 1;
    },
  };
}
