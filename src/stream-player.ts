import type { HlsConfig } from 'hls.js';
import { startPlayback } from './autoplay.js';
import { HlsSession } from './hls-session.js';
import { loadHls, mediaSourceAvailable } from './load-hls.js';
import { NativeSession } from './native-session.js';
import type { PlaybackSession, SessionEvent } from './playback-session.js';
import { PlayerError } from './player-error.js';
import type { PlayerStatus } from './player-status.js';
import { backoffDelay, outageBackoffCapMs } from './retry-policy.js';
import { findStream, type FoundStream, type SearchState } from './stream-finder.js';
import type { AuthParams, StreamCandidate } from './stream-url.js';

export interface PlayerSettings {
  candidates: readonly StreamCandidate[];
  auth: AuthParams;
  targetLatency: number | null;
  errorTtlSeconds: number;
  maxWaitSeconds: number | null;
  hlsConfig: Partial<HlsConfig> | null;
  autoplay: boolean;
}

export interface PlayerCallbacks {
  status(status: PlayerStatus): void;
  error(error: PlayerError): void;
  source(candidate: StreamCandidate | null): void;
  /** Autoplay with sound was refused and the video plays muted instead. */
  mutedAutoplay(): void;
}

/** Why the player is looking for the stream; it decides what a 404 means to the viewer. */
type SearchReason = 'start' | 'reconnect' | 'after-end';

const statusWhileSearching: Record<SearchReason, Record<SearchState, PlayerStatus>> = {
  start: { 'not-found': 'waiting', ended: 'ended', unreachable: 'stalled' },
  // hls.js has retried a 404ing playlist for a few error TTLs by now: the broadcast is gone.
  reconnect: { 'not-found': 'ended', ended: 'ended', unreachable: 'stalled' },
  'after-end': { 'not-found': 'ended', ended: 'ended', unreachable: 'ended' },
};

/** A buffer underrun shorter than this is a hiccup, not a stall worth telling the viewer about. */
const stallGraceMs = 1000;

/** A decoder that fails again this soon after a full reload is broken for this stream: report it. */
const mediaReloadIntervalMs = 30_000;

/**
 * Plays one stream in one video element from start to end and back: finds the first live
 * play-order candidate, runs a playback session on it, and turns what happens into statuses.
 */
export class StreamPlayer {
  readonly #video: HTMLVideoElement;
  readonly #callbacks: PlayerCallbacks;
  #settings: PlayerSettings | null = null;
  #session: PlaybackSession | null = null;
  /** Aborted on stop(): cancels searches, timers and video listeners of this run. */
  #run: AbortController | null = null;
  #status: PlayerStatus = 'idle';
  #stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** The pending reconnect; a new one replaces it, stop() and an immediate reconnect clear it. */
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #reconnects = 0;
  #lastMediaReload = -Infinity;
  #currentSearch: AbortController | null = null;
  /** Whether the viewer wants frames moving: autoplay or a play() so far, undone by a pause. A new session honours it. */
  #playbackWanted = false;

  constructor(video: HTMLVideoElement, callbacks: PlayerCallbacks) {
    this.#video = video;
    this.#callbacks = callbacks;
  }

  get session(): PlaybackSession | null {
    return this.#session;
  }

  get status(): PlayerStatus {
    return this.#status;
  }

  start(settings: PlayerSettings): void {
    this.stop();
    this.#settings = settings;
    this.#playbackWanted = settings.autoplay;
    this.#run = new AbortController();
    this.#listenToVideo(this.#run.signal);
    this.#listenToNetwork(this.#run.signal);
    this.#setStatus('loading');
    void this.#search('start');
  }

  /** Ends everything this player started: requests, timers, listeners and the hls.js instance. */
  stop(): void {
    this.#run?.abort();
    this.#run = null;
    this.#currentSearch = null;
    clearTimeout(this.#stallTimer);
    clearTimeout(this.#reconnectTimer);
    this.#endSession();
    this.#reconnects = 0;
    this.#lastMediaReload = -Infinity;
  }

  /** Reports an error and stops: the player cannot go on without a change of input. */
  fail(error: PlayerError): void {
    this.stop();
    this.#setStatus('error');
    this.#callbacks.error(error);
  }

  play(): Promise<void> {
    return this.#video.play();
  }

  pause(): void {
    this.#video.pause();
  }

  seekToLive(): void {
    this.#session?.seekToLive();
  }

  async #search(reason: SearchReason): Promise<void> {
    const settings = this.#settings;
    const run = this.#run;
    if (!settings || !run) return;
    this.#endSession();
    // A new search replaces one still running (e.g. the network came back mid-search).
    this.#currentSearch?.abort();
    const search = new AbortController();
    this.#currentSearch = search;
    const signal = AbortSignal.any([run.signal, search.signal]);
    let found: FoundStream;
    try {
      found = await findStream({
        candidates: settings.candidates,
        auth: settings.auth,
        errorTtlSeconds: settings.errorTtlSeconds,
        maxWaitSeconds: reason === 'start' ? settings.maxWaitSeconds : null,
        signal,
        onSearchState: (state) => this.#setStatus(statusWhileSearching[reason][state]),
        onPlaylist: () => this.#preloadHls(settings),
      });
    } catch (error) {
      if (signal.aborted) return;
      return this.fail(error instanceof PlayerError ? error : new PlayerError('network', String(error)));
    }
    if (reason !== 'reconnect') this.#setStatus('loading');
    await this.#play(found, signal);
  }

  /**
   * Starts importing hls.js while the probe still reads the playlists, so the two overlap. Not
   * before a playlist has arrived: a player waiting for a broadcast does not download hls.js.
   * A failure is reported where #play awaits the same import.
   */
  #preloadHls(settings: PlayerSettings): void {
    if (mediaSourceAvailable()) loadHls(settings.hlsConfig).catch(() => {});
  }

  async #play({ candidate, playlists }: FoundStream, signal: AbortSignal): Promise<void> {
    const settings = this.#settings!;
    const video = this.#video;
    const onEvent = (event: SessionEvent): void => {
      if (!signal.aborted) this.#onSessionEvent(event);
    };
    if (mediaSourceAvailable()) {
      let Hls;
      try {
        Hls = await loadHls(settings.hlsConfig);
      } catch (error) {
        if (!signal.aborted) this.fail(error instanceof PlayerError ? error : new PlayerError('network', String(error)));
        return;
      }
      if (signal.aborted) return;
      if (Hls.isSupported()) {
        const { auth, targetLatency, hlsConfig } = settings;
        const { errorTtlSeconds } = settings;
        this.#session = new HlsSession({ Hls, video, url: candidate.url, playOrder: candidate.playOrder, targetLatency, auth, errorTtlSeconds, userConfig: hlsConfig, probedPlaylists: playlists, onEvent });
      }
    }
    if (!this.#session) {
      if (!video.canPlayType('application/vnd.apple.mpegurl')) {
        return this.fail(new PlayerError('unsupported', 'This browser can play neither HLS nor MediaSource video.'));
      }
      this.#session = new NativeSession({ video, url: candidate.url, auth: settings.auth, onEvent });
    }
    this.#callbacks.source(candidate);
    if (this.#playbackWanted) {
      await this.#startPlayback(video, signal);
    }
  }

  async #startPlayback(video: HTMLVideoElement, signal = this.#run?.signal): Promise<void> {
    const outcome = await startPlayback(video);
    if (signal?.aborted) return;
    if (outcome === 'muted') this.#callbacks.mutedAutoplay();
    if (outcome === 'refused' && this.#status === 'loading') this.#setStatus('idle');
  }

  #onSessionEvent(event: SessionEvent): void {
    switch (event.type) {
      case 'manifest-loaded':
        if (!this.#playbackWanted && this.#status === 'loading') this.#setStatus('idle');
        return;
      case 'network-failure':
        return this.#reconnect();
      case 'media-failure':
        return this.#reloadAfterMediaFailure(event.error);
      case 'fatal':
        return this.fail(event.error);
    }
  }

  /** Data stopped: look for the stream again, backing off (at most one error TTL) so an outage is not hammered. */
  #reconnect(): void {
    this.#endSession();
    this.#setStatus('stalled');
    const delay = backoffDelay(this.#reconnects++, { maxMs: outageBackoffCapMs(this.#errorTtlMs) });
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => void this.#search('reconnect'), delay);
  }

  /** Back online: the backoff was waiting for the network, so look at once. */
  #reconnectNow(): void {
    clearTimeout(this.#reconnectTimer);
    this.#reconnects = 0;
    this.#setStatus('stalled');
    void this.#search('reconnect');
  }

  /** The last rung of the media error ladder: a fresh session; an error only if that fails too. */
  #reloadAfterMediaFailure(error: PlayerError): void {
    const now = performance.now();
    if (now - this.#lastMediaReload < mediaReloadIntervalMs) return this.fail(error);
    this.#lastMediaReload = now;
    this.#reconnectNow();
  }

  get #errorTtlMs(): number {
    return (this.#settings?.errorTtlSeconds ?? 3) * 1000;
  }

  #onEnded(): void {
    this.#setStatus('ended');
    void this.#search('after-end');
  }

  #listenToVideo(signal: AbortSignal): void {
    const video = this.#video;
    const on = (type: string, listener: () => void): void => video.addEventListener(type, listener, { signal });
    on('playing', () => {
      clearTimeout(this.#stallTimer);
      this.#reconnects = 0;
      this.#setStatus('playing');
    });
    on('waiting', () => {
      clearTimeout(this.#stallTimer);
      this.#stallTimer = setTimeout(() => {
        if (this.#status === 'playing') this.#setStatus('stalled');
      }, stallGraceMs);
    });
    // Only a session's own video counts: tearing a session down must not read as the viewer pausing.
    on('play', () => {
      if (this.#session) this.#playbackWanted = true;
    });
    on('pause', () => {
      if (!this.#session || video.ended) return;
      // A decode error pauses the video too; hls.js then rebuilds its MediaSource and we play on.
      if (video.error) return this.#setStatus('stalled');
      this.#playbackWanted = false;
      if (this.#status === 'playing') this.#setStatus('idle');
    });
    // After hls.js recovers from a media error the video stands paused with fresh data: resume if wanted.
    on('canplay', () => {
      if (this.#session && this.#playbackWanted && video.paused && !video.ended) void this.#startPlayback(video);
    });
    on('ended', () => this.#onEnded());
  }

  /**
   * The browser says the network is gone: nothing will load, so say stalled and drop the session
   * (its requests would only fail); when it is back, reconnect at once at the live edge.
   */
  #listenToNetwork(signal: AbortSignal): void {
    if (typeof window === 'undefined') return;
    window.addEventListener('offline', () => {
      if (['loading', 'playing', 'stalled'].includes(this.#status)) this.#reconnect();
    }, { signal });
    window.addEventListener('online', () => {
      if (this.#status === 'stalled') this.#reconnectNow();
    }, { signal });
  }

  #endSession(): void {
    const session = this.#session;
    this.#session = null;
    session?.destroy();
  }

  #setStatus(status: PlayerStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#callbacks.status(status);
  }
}
