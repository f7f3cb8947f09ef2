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
 * tokens reach the manifest only: AMS must accept the session that the manifest opened.
 */
export class NativeSession implements PlaybackSession {
  readonly hls = null;
  readonly #video: HTMLVideoElement;
  readonly #abort = new AbortController();

  constructor({ video, url, auth, onEvent }: NativeSessionOptions) {
    this.#video = video;
    const { signal } = this.#abort;
    video.addEventListener('loadedmetadata', () => onEvent({ type: 'manifest-loaded' }), { signal });
    video.addEventListener(
      'error',
      () => onEvent({ type: 'network-failure', httpStatus: null, timeout: false, url }),
      { signal },
    );
    video.src = withAuthParams(url, auth);
    video.load();
  }

  get latency(): number | null {
    const { seekable, currentTime } = this.#video;
    if (seekable.length === 0) return null;
    return Math.max(0, seekable.end(seekable.length - 1) - currentTime);
  }

  get targetLatency(): number | null {
    return null;
  }

  seekToLive(): void {
    const { seekable } = this.#video;
    if (seekable.length > 0) this.#video.currentTime = seekable.end(seekable.length - 1);
  }

  destroy(): void {
    this.#abort.abort();
    this.#video.removeAttribute('src');
    this.#video.load();
  }
}
