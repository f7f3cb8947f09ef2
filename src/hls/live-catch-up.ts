import type Hls from 'hls.js';
import type { LiveTimeline, PlaybackSample, SteeringDecision } from '../live/live-timeline.js';

/**
 * The live timeline's adapter to hls.js and the video: tells the timeline (live-timeline.ts) what
 * happens, as facts, and applies what it decides, a rate or a seek. It decides nothing itself.
 */

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

export interface LiveCatchUpOptions {
  hls: Hls;
  video: HTMLVideoElement;
  timeline: LiveTimeline;
}

export interface LiveCatchUp {
  /** Forward to the target latency, within what is buffered; ends a viewer's watching behind. */
  goLive(): void;
  stop(): void;
}

export function attachLiveCatchUp({ hls, video, timeline }: LiveCatchUpOptions): LiveCatchUp {
  /** Segments and parts requested when they were the newest media listed: their arrivals are the stream's pace. */
  const edgeLoads = new WeakSet<object>();
  const now = (): number => performance.now();

  const sample = (): PlaybackSample => ({
    now: now(),
    latency: secondsBehindLiveEdge(hls),
    paused: video.paused,
    seeking: video.seeking,
    playbackRate: video.playbackRate,
    currentTime: video.currentTime,
    buffered: video.buffered,
    bufferAhead: hls.mainForwardBufferInfo?.len ?? 0,
    targetPosition: hls.liveSyncPosition,
  });

  const apply = (decision: SteeringDecision): void => {
    if (decision.action === 'rate') video.playbackRate = decision.rate;
    else if (decision.action === 'seek') video.currentTime = decision.to;
  };

  /** hls.js's start position and live sync position read its own target: it follows the timeline's. */
  const shareTarget = (): void => {
    const seconds = timeline.targetAt(now());
    if (seconds !== null && Math.abs((hls.targetLatency ?? 0) - seconds) > 0.02) hls.targetLatency = seconds;
  };

  const steer = (): void => {
    shareTarget();
    apply(timeline.steer(sample()));
  };

  const onVideoEvent = ({ type }: Event): void => {
    switch (type) {
      case 'timeupdate':
        return steer();
      case 'pause':
        timeline.paused({ ended: video.ended, now: now() });
        return steer();
      case 'seeking':
        return timeline.seekStarted({ to: video.currentTime, latency: secondsBehindLiveEdge(hls), now: now() });
      case 'waiting':
        return timeline.waiting({ seeking: video.seeking, now: now() });
      case 'playing':
        return timeline.playing({ latency: secondsBehindLiveEdge(hls), now: now() });
    }
  };

  const onLevelUpdated = (): void => {
    const details = hls.latestLevelDetails;
    if (!details?.live) return;
    // Before hls.js picks its first fragment (on its tick after this event), so playback starts
    // where the timeline's target is, not at the config's guess from before the stream was seen.
    shareTarget();
    const bufferEnd = video.currentTime + (hls.mainForwardBufferInfo?.len ?? 0);
    apply(timeline.liveWindowMoved({ windowStart: details.fragmentStart, segmentSeconds: details.targetduration, bufferEnd, now: now() }));
  };

  const onFragmentLoading = (_event: unknown, { frag, part }: { frag: { end: number }; part?: { end: number } | null }): void => {
    const details = hls.latestLevelDetails;
    const media = part ?? frag;
    if (details?.live && media.end >= details.edge - 0.05) edgeLoads.add(media);
  };

  const onFragmentBuffered = (_event: unknown, { frag, part }: { frag: { start: number }; part?: { start: number } | null }): void => {
    const media = part ?? frag;
    const details = hls.latestLevelDetails;
    if (!edgeLoads.has(media) || !details?.live) return;
    edgeLoads.delete(media);
    timeline.edgeMediaArrived({ secondsBehindEdge: details.edge + details.age - media.start, now: now() });
  };

  const videoEvents = ['timeupdate', 'pause', 'seeking', 'waiting', 'playing'];
  for (const type of videoEvents) video.addEventListener(type, onVideoEvent);
  const { Events } = hls.constructor as typeof Hls;
  hls.on(Events.FRAG_LOADING, onFragmentLoading);
  hls.on(Events.FRAG_BUFFERED, onFragmentBuffered);
  hls.on(Events.LEVEL_UPDATED, onLevelUpdated);
  return {
    goLive() {
      const { now, currentTime, buffered, targetPosition } = sample();
      apply(timeline.goLive({ now, currentTime, buffered, targetPosition }));
    },
    stop() {
      for (const type of videoEvents) video.removeEventListener(type, onVideoEvent);
      hls.off(Events.FRAG_LOADING, onFragmentLoading);
      hls.off(Events.FRAG_BUFFERED, onFragmentBuffered);
      hls.off(Events.LEVEL_UPDATED, onLevelUpdated);
      if (video.playbackRate === timeline.rate) video.playbackRate = 1;
    },
  };
}
