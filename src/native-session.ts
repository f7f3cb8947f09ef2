import type { PlaybackSession, SessionEvent } from './playback-session.js';
import { withAuthParams, type AuthParams } from './stream-url.js';

export interface NativeSessionOptions {
  video: HTMLVideoElement;
  url: string;
  auth: AuthParams;
  onEvent(event: SessionEvent): void;
}

/**
 * The browser's own HLS (iOS Safari has no MediaSource). It cannot sign segment requests, so
 * tokens reach the manifest only: AMS must accept the session that the manifest opened. It has no
 * target of its own: the browser decides how far behind live it plays.
 */
export class NativeSession implements PlaybackSession {
  readonly hls = null;
  readonly targetLatency = null;
  readonly #video: HTMLVideoElement;
  readonly #abort = new AbortController();

  constructor({ video, url, auth, onEvent }: NativeSessionOptions) {
    this.#video = video;
    const { signal } = this.#abort;
    video.addEventListener('loadedmetadata', () => onEvent({ type: 'manifest-loaded' }), { signal });
    // The browser tells nothing about why: the player reconnects, as after any network failure.
    video.addEventListener('error', () => onEvent({ type: 'network-failure' }), { signal });
    video.src = withAuthParams(url, auth);
    video.load();
  }

  /** The end of the seekable range: the newest media the browser can play; null before the playlist. */
  get #liveEdge(): number | null {
    const { seekable } = this.#video;
    return seekable.length ? seekable.end(seekable.length - 1) : null;
  }

  get latency(): number | null {
    const edge = this.#liveEdge;
    return edge === null ? null : Math.max(0, edge - this.#video.currentTime);
  }

  seekToLive(): void {
    const edge = this.#liveEdge;
    if (edge !== null) this.#video.currentTime = edge;
  }

  destroy(): void {
    this.#abort.abort();
    this.#video.removeAttribute('src');
    this.#video.load();
  }
}
