import type { HlsConfig } from 'hls.js';
import { startPlayback } from './autoplay.js';
import { loadHls, mediaSourceAvailable, workerPathFor } from '../hls/load-hls.js';
import type { MediaErrorLadder } from '../session/media-error-recovery.js';
import type { PlaybackSession, SessionEvent } from '../session/playback-session.js';
import { PlayerError, type PlayerErrorCode } from '../common/player-error.js';
import type { PlayerStatus } from '../common/player-status.js';
import { backoffDelay, outageBackoffCapMs } from '../cdn/retry-policy.js';
import { findStream, type FoundStream, type SearchState } from '../cdn/stream-finder.js';
import type { StreamCandidate } from '../urls/stream-url.js';
import type { AudioTrackInfo } from '../session/playback-session.js';

/** The element's inputs, validated; named as findStream and HlsSession take them, so they are passed on whole. */
export interface PlayerSettings {
  /** Each with its stream's credentials (request-credentials.ts). */
  candidates: readonly StreamCandidate[];
  targetLatency: number | null;
  errorTtlSeconds: number;
  maxWaitSeconds: number | null;
  /** The page's hlsConfig. */
  userConfig?: Partial<HlsConfig> | null;
  /** The page's `audio-track`: a language or NAME. */
  audioTrack?: string | null;
  /** The page's `captions`: a language or label to show from the start. */
  captions?: string | null;
  autoplay?: boolean;
}

export interface PlayerCallbacks {
  status(status: PlayerStatus, previous: PlayerStatus): void;
  error(error: PlayerError): void;
  source(candidate: StreamCandidate): void;
  /** Autoplay with sound was refused and the video plays muted instead. */
  mutedAutoplay(): void;
  /** Another audio rendition plays. */
  audioTrack(track: AudioTrackInfo): void;
}

/**
 * Why the player is looking for the stream; it decides what a 404 means to the viewer. `outage`:
 * playback failed on a server error or no answer (not a 404), so the broadcast may well be there.
 */
type SearchReason = 'start' | 'reconnect' | 'outage' | 'after-end';

/** A failed load that says the broadcast is gone, not that the server or the way to it failed. */
const goneStatuses = new Set([404, 410]);

/** A buffer underrun shorter than this is a hiccup, not a stall worth telling the viewer about. */
const stallGraceMs = 1000;

/** Resolves after `milliseconds`, or rejects with the abort reason. */
function abortableDelay(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/** Ignores a rejection that is handled elsewhere. */
const ignoreRejection = (): void => {};

/**
 * A chunk of the player's own, loaded on first use. A failed load is not kept, so a later playback
 * asks again; it fails with an error that says which file to copy.
 */
function lazyChunk<Module>(load: () => Promise<Module>, fileName: string): () => Promise<Module> {
  let chunk: Promise<Module> | undefined;
  return () =>
    (chunk ??= load().catch((cause: unknown) => {
      chunk = undefined;
      throw new PlayerError('network', `The player could not load its ${fileName} file: copy every file of dist/ next to the player script.`, { cause });
    }));
}

/**
 * The browser's own playback (Safari's HLS without MediaSource, a recording's file), loaded only
 * where it plays: every other browser plays through hls.js and never needs it.
 */
const loadNativeSession = lazyChunk(() => import('../native/native-session.js'), 'native-session.js');

/**
 * The hls.js session and everything it uses (loaders, reload timing, target latency, catch-up),
 * loaded with hls.js, not with the element: a page waiting for a broadcast, or a browser playing
 * HLS natively, never needs it.
 */
const loadHlsSession = lazyChunk(() => import('../hls/hls-session.js'), 'hls-session.js');

/**
 * The status to show while the search finds nothing playable. A 404 is `waiting` at the start only:
 * on a reconnect hls.js has retried the 404ing playlist for a few error TTLs already, so the
 * broadcast is gone. Unreachable is `stalled`, except after the end, when the broadcast is over anyway.
 */
function searchStatus(state: SearchState, reason: SearchReason): PlayerStatus {
  // An outage is not an end: a 503 playlist beside a variant that never existed (404) read as gone.
  if (reason === 'outage' && state !== 'ended') return 'stalled';
  if (state === 'unreachable' && reason !== 'after-end') return 'stalled';
  if (state === 'not-found' && reason === 'start') return 'waiting';
  return 'ended';
}

/**
 * Plays one stream in one video element from start to end and back: finds the first live
 * play-order candidate, runs a playback session on it, and turns what happens into statuses.
 */
export class StreamPlayer {
  readonly #video: HTMLVideoElement;
  readonly #callbacks: PlayerCallbacks;
  #settings!: PlayerSettings;
  #session: PlaybackSession | null = null;
  /** What the session plays. */
  #candidate: StreamCandidate | null = null;
  /** Aborted on stop(): the video and network listeners of this run. */
  #run?: AbortController;
  /** Aborted on stop() and by the next search: a search, its session's events and its start of playback. */
  #search?: AbortController;
  #status: PlayerStatus = 'idle';
  #stallTimer?: ReturnType<typeof setTimeout>;
  /** The pending reconnect; a new one replaces it, stop() and an immediate reconnect clear it. */
  #reconnectTimer?: ReturnType<typeof setTimeout>;
  #reconnects = 0;
  /** Media error recovery across this run's sessions (a reload is one of its rungs); made by the first session that needs it. */
  #mediaErrors: MediaErrorLadder = {};
  /** Whether the viewer wants frames moving: autoplay or a play() so far, undone by a pause. A new session honours it. */
  #playbackWanted?: boolean;

  constructor(video: HTMLVideoElement, callbacks: PlayerCallbacks) {
    this.#video = video;
    this.#callbacks = callbacks;
  }

  get session(): PlaybackSession | null {
    return this.#session;
  }

  /** Whether frames should be moving: autoplay or a play(), not since undone by a pause. */
  get playbackWanted(): boolean {
    return this.#playbackWanted ?? false;
  }

  start(settings: PlayerSettings): void {
    this.stop();
    this.#settings = settings;
    this.#playbackWanted = settings.autoplay;
    this.#listen((this.#run = new AbortController()).signal);
    this.#setStatus('loading');
    void this.#find('start');
  }

  /** Ends everything this player started: requests, timers, listeners and the hls.js instance. */
  stop(): void {
    this.#run?.abort();
    this.#search?.abort();
    clearTimeout(this.#stallTimer);
    clearTimeout(this.#reconnectTimer);
    this.#endSession();
    this.#reconnects = 0;
    this.#mediaErrors = {};
  }

  /**
   * Reports an error and stops: the player cannot go on without a change of input. Anything
   * thrown that is not a PlayerError is reported as one with `code`.
   */
  fail(error: unknown, code: PlayerErrorCode = 'network'): void {
    this.stop();
    this.#setStatus('error');
    this.#callbacks.error(error instanceof PlayerError ? error : new PlayerError(code, String(error)));
  }

  /**
   * Looks for the stream (the main one first, then the backup), then plays it in a new session
   * (hls.js over MediaSource, else the browser's own HLS).
   */
  async #find(reason: SearchReason, candidates = this.#settings.candidates): Promise<void> {
    const settings = this.#settings;
    const mediaSource = mediaSourceAvailable();
    this.#endSession();
    // A new search replaces one still running (e.g. the network came back mid-search).
    this.#search?.abort();
    const { signal } = (this.#search = new AbortController());
    try {
      const found = await findStream({
        ...settings,
        candidates,
        maxWaitSeconds: reason === 'start' ? settings.maxWaitSeconds : null,
        signal,
        onSearchState: (state) => this.#setStatus(searchStatus(state, reason)),
        // Starts importing hls.js while the probe still reads the playlists, so the two overlap. Not
        // before a playlist has arrived: a player waiting for a broadcast does not download hls.js.
        onPlaylist: (text) => {
          // A failure is reported where #play awaits the same imports.
          if (!mediaSource) return;
          loadHls(settings.userConfig, text, Boolean(settings.captions)).catch(ignoreRejection);
          loadHlsSession().catch(ignoreRejection);
        },
      });
      if (reason === 'start' || reason === 'after-end') this.#setStatus('loading');
      await this.#play(found, signal);
    } catch (error) {
      if (!signal.aborted) this.fail(error);
    }
  }

  /** Plays what a search found, in a new session that lives as long as `signal`. */
  async #play({ candidate, playlists }: FoundStream, signal: AbortSignal): Promise<void> {
    const settings = this.#settings;
    const video = this.#video;
    const mediaSource = mediaSourceAvailable();
    const onEvent = (event: SessionEvent): void => {
      if (!signal.aborted) this.#onSessionEvent(event);
    };
    const recording = candidate.playOrder === 'vod';
    // Rejects with a PlayerError that says what to do when hls.js cannot be loaded.
    const useHls = mediaSource && !recording;
    const [Hls, sessionModule] = useHls ? await Promise.all([loadHls(settings.userConfig, playlists[0]?.text, Boolean(settings.captions)), loadHlsSession()]) : [null, null];
    if (signal.aborted) return;
    // The candidate brings url, playOrder and its stream's credentials.
    const options = { ...settings, ...candidate, video, onEvent };
    this.#candidate = candidate;
    if (!recording && Hls?.isSupported() && sessionModule) {
      this.#session = new sessionModule.HlsSession({ ...options, Hls, probedPlaylists: playlists, workerPath: workerPathFor(Hls, settings.userConfig), mediaErrors: this.#mediaErrors });
    } else if (recording || video.canPlayType('application/vnd.apple.mpegurl')) {
      const { nativeSession } = await loadNativeSession();
      if (signal.aborted) return;
      // A recording is a file the browser plays itself, whatever it is: MP4 everywhere, WebM where supported.
      this.#session = nativeSession({ ...options, live: !recording });
    } else {
      return this.fail(new PlayerError('unsupported', 'This browser can play neither HLS nor MediaSource video.'));
    }
    this.#callbacks.source(candidate);
    if (candidate.backup) void this.#watchMainStream(signal);
    if (this.#playbackWanted) await this.#startPlayback();
  }

  /**
   * While the backup plays, looks for the main stream on the error-TTL rhythm, and plays it again
   * as soon as it is live: the viewer gets the main stream back without waiting for the backup to fail.
   */
  async #watchMainStream(signal: AbortSignal): Promise<void> {
    const settings = this.#settings;
    let found: FoundStream;
    try {
      // The main stream's URLs were asked a moment ago: the CDN answers from its cached 404 until
      // the error TTL is over, so the first look waits that long.
      await abortableDelay(settings.errorTtlSeconds * 1000, signal);
      found = await findStream({
        ...settings,
        candidates: settings.candidates.filter(({ backup }) => !backup),
        maxWaitSeconds: null,
        signal,
        // The backup plays meanwhile: what the main stream's search finds is not the viewer's status.
        onSearchState: () => {},
      });
    } catch {
      // Aborted: the backup's session ended (stop(), a new search) before the main stream came back.
      return;
    }
    this.#endSession();
    // A new search controller: the backup's session, its events and this watch end here.
    this.#search?.abort();
    const next = (this.#search = new AbortController());
    try {
      await this.#play(found, next.signal);
    } catch (error) {
      if (!next.signal.aborted) this.fail(error);
    }
  }

  /** The session's video stands paused though playback is wanted (after a media recovery): play on. */
  #playOnIfWanted(): void {
    const video = this.#video;
    if (this.#session && this.#playbackWanted && video.paused && !video.ended) void this.#startPlayback();
  }

  /** For the current search's session: a new search or stop() makes the outcome moot. */
  async #startPlayback(): Promise<void> {
    const { signal } = this.#search!;
    const outcome = await startPlayback(this.#video);
    if (signal.aborted) return;
    if (outcome === 'muted') this.#callbacks.mutedAutoplay();
    if (outcome === 'refused' && this.#status === 'loading') this.#setStatus('idle');
  }

  #onSessionEvent(event: SessionEvent): void {
    const { type } = event;
    if (type === 'audio-track') {
      this.#callbacks.audioTrack(event.track);
    } else if (type === 'manifest-loaded') {
      if (!this.#playbackWanted && this.#status === 'loading') this.#setStatus('idle');
    } else if (type === 'media-recovered') {
      this.#playOnIfWanted();
    } else if (type === 'network-failure') {
      this.#reconnect({ reason: goneStatuses.has(event.httpStatus ?? 0) ? 'reconnect' : 'outage' });
    } else if (type === 'fatal') {
      this.fail(event.error);
    } else {
      // A rung of the media error ladder (media-error-recovery.ts): a fresh session, after its wait.
      this.#reconnect({ now: true, delayMs: event.reloadDelayMs });
    }
  }

  /**
   * Data stopped: look for the stream again, backing off (at most one error TTL) so an outage is
   * not hammered. `now` (back online, or a media reload) starts the backoff over and looks at once,
   * or after `delayMs` (the media error ladder's wait).
   */
  #reconnect({ now = false, delayMs = 0, reason = 'reconnect' }: { now?: boolean; delayMs?: number; reason?: SearchReason } = {}): void {
    clearTimeout(this.#reconnectTimer);
    this.#endSession();
    this.#setStatus('stalled');
    if (now) this.#reconnects = 0;
    const delay = now ? delayMs : backoffDelay(this.#reconnects++, { maxMs: outageBackoffCapMs(this.#settings.errorTtlSeconds * 1000) });
    this.#reconnectTimer = setTimeout(() => void this.#find(reason), delay);
  }

  /**
   * The video's events turned into statuses, and the browser's network state: offline means
   * nothing will load, so say stalled and drop the session (its requests would only fail); back
   * online, reconnect at once at the live edge.
   */
  #listen(signal: AbortSignal): void {
    const video = this.#video;
    const on = (target: EventTarget, type: string, listener: () => void): void => target.addEventListener(type, listener, { signal });
    on(video, 'playing', () => {
      clearTimeout(this.#stallTimer);
      this.#reconnects = 0;
      this.#setStatus('playing');
    });
    on(video, 'waiting', () => {
      clearTimeout(this.#stallTimer);
      this.#stallTimer = setTimeout(() => {
        if (this.#status === 'playing') this.#setStatus('stalled');
      }, stallGraceMs);
    });
    // Only a session's own video counts: tearing a session down must not read as the viewer pausing.
    on(video, 'play', () => {
      if (this.#session) this.#playbackWanted = true;
    });
    on(video, 'pause', () => {
      if (!this.#session || video.ended) return;
      // A decode error pauses the video too; hls.js then rebuilds its MediaSource and we play on.
      if (video.error) return this.#setStatus('stalled');
      this.#playbackWanted = false;
      if (this.#status === 'playing') this.#setStatus('idle');
    });
    // After hls.js recovers from a media error the video stands paused with fresh data (where the
    // play at 'media-recovered' was refused): resume if wanted.
    on(video, 'canplay', () => this.#playOnIfWanted());
    on(video, 'ended', () => {
      this.#setStatus('ended');
      // After a recording, only a live stream is worth looking for: the recording would play again.
      const afterRecording = this.#candidate?.playOrder === 'vod';
      const candidates = this.#settings.candidates.filter(({ playOrder }) => !afterRecording || playOrder !== 'vod');
      if (candidates.length > 0) void this.#find('after-end', candidates);
    });
    on(window, 'offline', () => {
      if (['loading', 'playing', 'stalled'].includes(this.#status)) this.#reconnect({ reason: 'outage' });
    });
    on(window, 'online', () => {
      if (this.#status === 'stalled') this.#reconnect({ now: true, reason: 'outage' });
    });
  }

  #endSession(): void {
    const session = this.#session;
    this.#session = null;
    session?.destroy();
  }

  #setStatus(status: PlayerStatus): void {
    const previous = this.#status;
    if (status === previous) return;
    this.#status = status;
    this.#callbacks.status(status, previous);
  }
}
