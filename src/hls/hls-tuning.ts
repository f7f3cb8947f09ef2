import type { HlsConfig } from 'hls.js';
import { initialHlsTargetSeconds } from '../live/live-timeline.js';
import type { PlayOrderEntry } from '../urls/stream-url.js';

export interface LatencyTuning {
  playOrder: PlayOrderEntry;
  /** Seconds behind the live edge the page pinned; null lets the element learn it. */
  targetLatency: number | null;
}

/** Seconds kept behind the playhead: enough to seek back a little, small enough for flat memory over hours. */
export const backBufferSeconds = 20;

/** Catch-up speed: quick for LL-HLS where a second matters, gentler for HLS to spare the ears. */
export const catchUpRateFor = (playOrder: PlayOrderEntry): number => (playOrder === 'll-hls' ? 1.5 : 1.25);

/**
 * hls.js settings for low latency on AMS streams. `ll-hls` starts at the playlist's PART-HOLD-BACK
 * (see withDerivedPartHoldBack for AMS playlists that carry none); `hls` at 3 s until the first
 * playlist is read, when the element's live timeline (live/live-timeline.ts) hands hls.js its own
 * start target (live-catch-up.ts), and from there moves the target and holds the player to it.
 * So hls.js's stall increase is off and its maximum latency left unset: hls.js would otherwise
 * seek a viewer who paused back to live.
 */
export function lowLatencyConfig({ playOrder, targetLatency }: LatencyTuning): Partial<HlsConfig> {
  const lowLatency = playOrder === 'll-hls';
  const target = targetLatency ?? (lowLatency ? null : initialHlsTargetSeconds);
  return {
    lowLatencyMode: lowLatency,
    // hls.js's own back-buffer trim is off: the session trims to backBufferSeconds itself (see back-buffer.ts).
    backBufferLength: Infinity,
    liveDurationInfinity: true,
    maxLiveSyncPlaybackRate: catchUpRateFor(playOrder),
    liveSyncOnStallIncrease: 0,
    ...(target !== null && { liveSyncDuration: target }),
  };
}
