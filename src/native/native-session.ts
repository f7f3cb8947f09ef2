import { attachNativeAudioTracks, browserAudioTracks } from './native-audio-tracks.js';
import type { PlaybackSession, SessionEvent } from '../session/playback-session.js';
import { lastRange } from '../common/media-buffer.js';
import { credentialedUrl, sendsCookies, type RequestCredentials } from '../urls/request-credentials.js';

export interface NativeSessionOptions {
  video: HTMLVideoElement;
  url: string;
  /** The token on the playlist's URL, and cookies (the video's `crossorigin="use-credentials"`). */
  credentials: RequestCredentials;
  /** False for a recording (a file with an end): it has no live edge, so no latency. */
  live?: boolean;
  /** The page's `audio-track`: a language or NAME. */
  audioTrack?: string | null;
  onEvent(event: SessionEvent): void;
}

/**
 * Plays `url` with the browser's own HLS (iOS Safari has no MediaSource), or a recording (an MP4 or
 * WebM file) in any browser. It cannot sign segment requests, so tokens reach the manifest only:
 * AMS must accept the session that the manifest opened. A plain object over closures rather than
 * a class: it has no state beyond its options.
 */
export function nativeSession({ video, url, credentials, live = true, audioTrack = null, onEvent }: NativeSessionOptions): PlaybackSession {
  const abort = new AbortController();
  const { signal } = abort;
  // Safari lists a stream's audio renditions on the video.
  const list = browserAudioTracks(video);
  const audioTracks = list && attachNativeAudioTracks({ list, preferred: audioTrack, signal, onChange: (track) => onEvent({ type: 'audio-track', track }) });
  video.addEventListener('loadedmetadata', () => onEvent({ type: 'manifest-loaded' }), { signal });
  // The browser tells nothing about why: the player reconnects, as after any network failure.
  video.addEventListener('error', () => onEvent({ type: 'network-failure' }), { signal });
  // The browser's own HLS makes its requests itself: cookies go with all of them, wherever a playlist points.
  video.crossOrigin = sendsCookies(url, credentials) ? 'use-credentials' : null;
  video.src = credentialedUrl(url, credentials);
  video.load();
  /** The end of the seekable range: the newest media the browser can play; null before the playlist. */
  const liveEdge = (): number | null => (live ? lastRange(video.seekable)?.end ?? null : null);
  return {
    hls: null,
    audioTracks,
    get latency() {
      const edge = liveEdge();
      return edge === null ? null : Math.max(0, edge - video.currentTime);
    },
    seekToLive() {
      const edge = liveEdge();
      if (edge !== null) video.currentTime = edge;
    },
    destroy() {
      abort.abort();
      video.removeAttribute('crossorigin');
      video.removeAttribute('src');
      video.load();
    },
  };
}
