// Pure rules behind what the controls show: kept apart from the DOM so they are unit-tested.

/** Within this many seconds of the target latency the player counts as "at the live edge". */
export const liveEdgeSlackSeconds = 1.5;

/** Target latency assumed when the session has none (the browser's own HLS holds back about 3 segments). */
export const fallbackTargetSeconds = 6;

/** Seconds for people: one decimal below 10 s ("0.8 s"), whole seconds above ("12 s"). */
export function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** A media time as a clock: "0:05", "1:05", "1:01:05". */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
  const twoDigits = (value: number): string => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${twoDigits(rest)}` : `${minutes}:${twoDigits(rest)}`;
}

/** Bits per second as "500 kbps" or "2.5 Mbps". */
export function formatBitrate(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1_000_000) return `${(bitsPerSecond / 1_000_000).toFixed(1)} Mbps`;
  return `${Math.round(bitsPerSecond / 1000)} kbps`;
}

export interface RenditionInfo {
  height?: number;
  bitrate?: number;
  name?: string;
}

/** "360p" from the height; the bitrate or the playlist's name when the height is unknown. */
export function renditionLabel(level: RenditionInfo): string {
  if (level.height) return `${level.height}p`;
  if (level.bitrate) return formatBitrate(level.bitrate);
  return level.name ?? '?';
}

export interface LiveEdgeState {
  atLiveEdge: boolean;
  /** Whole seconds behind the live edge, for the badge ("-4 s"). */
  behindSeconds: number;
}

export interface LivePosition {
  /** Seconds behind the live edge, or null when unknown (not live yet, no playlist). */
  latency: number | null;
  targetLatency: number | null;
  /** Where hls.js aims to play (edge minus target), and the playhead. */
  syncPosition?: number | null;
  currentTime?: number;
}

/**
 * Null while the distance to the live edge is unknown. With hls.js the playhead is compared with
 * its sync position: both move with the playlist, so the badge does not flicker as the latency
 * (which includes the playlist's age) saws up and down by a segment between playlist reloads.
 */
export function liveEdgeState({ latency, targetLatency, syncPosition, currentTime }: LivePosition): LiveEdgeState | null {
  if (latency === null) return null;
  const behindTarget =
    syncPosition !== null && syncPosition !== undefined && currentTime !== undefined
      ? syncPosition - currentTime
      : latency - (targetLatency ?? fallbackTargetSeconds);
  return { atLiveEdge: behindTarget <= liveEdgeSlackSeconds, behindSeconds: Math.round(latency) };
}

/**
 * A live window shorter than this gets no seek bar: AMS's default (15 segments of 2 s) leaves too
 * little behind the target latency to be worth dragging through; a raised `hlsListSize` or an
 * EVENT playlist does not.
 */
export const dvrMinimumSeconds = 45;

export interface SeekWindowInputs {
  /** The video's seekable range (its last one), null when empty. */
  seekable: { start: number; end: number } | null;
  /** The video's duration: finite for a recording, Infinity (or NaN before loading) when live. */
  duration: number;
  /** Where hls.js aims to play at the target latency; null without hls.js or a live playlist. */
  liveSyncPosition: number | null;
}

/**
 * The range a seek bar covers, or null for none: a recording's whole length, or a live window of
 * at least dvrMinimumSeconds ending where the player plays at its target (past it the buffer
 * would run dry at once).
 */
export function seekWindow({ seekable, duration, liveSyncPosition }: SeekWindowInputs): { start: number; end: number; live: boolean } | null {
  if (Number.isFinite(duration) && duration > 0) return { start: 0, end: duration, live: false };
  if (!seekable || seekable.end - seekable.start < dvrMinimumSeconds) return null;
  const end = Math.max(seekable.start, Math.min(seekable.end, liveSyncPosition ?? seekable.end));
  return { start: seekable.start, end, live: true };
}

/** Where a seek by `delta` seconds lands, kept inside the seekable (DVR) window; null without one. */
export function seekPosition(currentTime: number, delta: number, window: { start: number; end: number } | null): number | null {
  if (!window) return null;
  return Math.min(window.end, Math.max(window.start, currentTime + delta));
}

export { bufferAhead } from '../common/media-buffer.js';
