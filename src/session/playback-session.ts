import type Hls from 'hls.js';
import type { PlayerError } from '../common/player-error.js';

/** An audio rendition of the stream (EXT-X-MEDIA TYPE=AUDIO), as the page hears of it. */
export interface AudioTrackInfo {
  /** Its index in `hls.audioTracks`. */
  id: number;
  /** The playlist's NAME. */
  name: string;
  /** The playlist's LANGUAGE (BCP 47), empty when it has none. */
  language: string;
}

/** The stream's audio renditions as a menu needs them, whoever plays them (hls.js, the browser). */
export interface AudioTrackChoice {
  tracks(): AudioTrackInfo[];
  /** The id of the rendition playing, or -1. */
  selected(): number;
  select(id: number): void;
}

/** What a session tells its owner; statuses are derived from these and the video's own events. */
export type SessionEvent =
  | { type: 'manifest-loaded' }
  /**
   * Data stopped arriving for a while; the owner reconnects. The HTTP status, where the session
   * knows it, tells a broadcast gone (404) from an outage; the other details are for debugging.
   */
  | { type: 'network-failure'; httpStatus?: number | null; timeout?: boolean; url?: string | null }
  /**
   * The session rebuilt the video's MediaSource after a media error: the video stands paused where
   * it was, and plays on only when asked (WebKitGTK never readies a paused rebuilt MediaSource).
   */
  | { type: 'media-recovered' }
  /** The decoder failed and recovering the media did not help; a fresh session may, after this wait (media-error-recovery.ts). */
  | { type: 'media-failure'; error: PlayerError; reloadDelayMs: number }
  /** Nothing the session can do itself will help. */
  | { type: 'fatal'; error: PlayerError }
  /** Another audio rendition plays (the page's `audio-track`, the viewer's choice). */
  | { type: 'audio-track'; track: AudioTrackInfo };

/** One way of playing one URL in one video element: hls.js over MediaSource, or the browser's own HLS. */
export interface PlaybackSession {
  readonly hls: Hls | null;
  /** Seconds behind the live edge, or null before the first playlist. */
  readonly latency: number | null;
  /** The stream's audio renditions, or null while none are known. */
  readonly audioTracks: AudioTrackChoice | null;
  seekToLive(): void;
  destroy(): void;
}
