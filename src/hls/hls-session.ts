import type Hls from 'hls.js';
import type { ErrorData, HlsConfig } from 'hls.js';
import { attachAudioTracks, hlsAudioTracks } from './audio-tracks.js';
import { attachStallNudge } from './stall-nudge.js';
import { attachBackBufferTrim } from './back-buffer.js';
import { CdnFailures } from '../cdn/cdn-retry.js';
import { catchUpRateCap, composeHlsConfig, timelineTrace } from './hls-config.js';
import { backBufferSeconds } from './hls-tuning.js';
import { attachLiveCatchUp, secondsBehindLiveEdge, type LiveCatchUp } from './live-catch-up.js';
import { LiveTimeline } from '../live/live-timeline.js';
import type { HlsConstructor } from './load-hls.js';
import { MediaErrorRecovery, type MediaErrorLadder } from '../session/media-error-recovery.js';
import type { AudioTrackChoice, PlaybackSession, SessionEvent } from '../session/playback-session.js';
import { PlayerError } from '../common/player-error.js';
import type { ProbedPlaylist } from '../cdn/stream-probe.js';
import { watchUnansweredMediaErrors } from './unanswered-media-error.js';
import type { PlayOrderEntry } from '../urls/stream-url.js';
import type { RequestCredentials } from '../urls/request-credentials.js';

/** How long an error on the video may go unanswered by hls.js before the ladder takes it (hls.js took up to 2 s). */
const unansweredMediaErrorMs = 5000;

export interface HlsSessionOptions {
  Hls: HlsConstructor;
  video: HTMLVideoElement;
  url: string;
  playOrder: PlayOrderEntry;
  /** The page's target-latency, in seconds; null lets the session learn it. */
  targetLatency: number | null;
  /** The token, and cookies, on the requests to the stream's origin (request-credentials.ts). */
  credentials: RequestCredentials;
  /** The page's `audio-track`: a language or NAME to play; null keeps the stream's default. */
  audioTrack?: string | null;
  /** How long the CDN caches a 404, in seconds: failed loads are retried on this rhythm. */
  errorTtlSeconds: number;
  /** Merged last, so power users can override anything. */
  userConfig?: Partial<HlsConfig> | null;
  /** Playlists the stream probe just downloaded: hls.js gets them without a second download. */
  probedPlaylists?: readonly ProbedPlaylist[];
  /** hls.js's transmux worker file (load-hls.ts workerPathFor); without it, MPEG-TS is transmuxed on the main thread. */
  workerPath?: string;
  /** The player's one ladder of media error recovery, which outlives this session (a reload is its rung). */
  mediaErrors: MediaErrorLadder;
  onEvent(event: SessionEvent): void;
}

/**
 * Owns one hls.js instance for one URL: composes its config, hands the live timeline to the
 * loaders and the catch-up, answers hls.js's events (one handler each), tears down.
 */
export class HlsSession implements PlaybackSession {
  hls: Hls | null;
  readonly audioTracks: AudioTrackChoice;
  readonly #options: HlsSessionOptions;
  readonly #catchUp: LiveCatchUp;
  readonly #stopAudioTracks: () => void;
  readonly #stopStallNudge: () => void;
  readonly #stopErrorWatch: () => void;

  constructor(options: HlsSessionOptions) {
    this.#options = options;
    const { Hls: HlsClass, video, playOrder, userConfig, onEvent } = options;
    const errorTtlMs = options.errorTtlSeconds * 1000;
    const timeline = new LiveTimeline({
      lowLatency: playOrder === 'll-hls',
      pinnedTargetSeconds: options.targetLatency,
      maxRate: catchUpRateCap(playOrder, userConfig),
      trace: timelineTrace(userConfig),
    });
    const config = composeHlsConfig({
      ...options,
      errorTtlMs,
      failures: new CdnFailures({ errorTtlMs }),
      timeline,
      probed: options.probedPlaylists ?? [],
    });
    const hls = (this.hls = new HlsClass(config));
    hls.on(HlsClass.Events.MANIFEST_PARSED, () => onEvent({ type: 'manifest-loaded' }));
    hls.on(HlsClass.Events.ERROR, (_event, data) => this.#onError(data));
    this.#stopErrorWatch = watchUnansweredMediaErrors({
      video,
      graceMs: unansweredMediaErrorMs,
      onUnanswered: ({ code }) => this.#climbMediaErrorLadder(new PlayerError('media', `The stream cannot be played (the video's error ${code}).`)),
    });
    this.#catchUp = attachLiveCatchUp({ hls, video, timeline });
    this.#stopStallNudge = attachStallNudge(video);
    this.audioTracks = hlsAudioTracks(hls);
    this.#stopAudioTracks = attachAudioTracks({ hls, preferred: options.audioTrack ?? null, onChange: (track) => onEvent({ type: 'audio-track', track }) });
    // A page that sets backBufferLength gets hls.js's own trim instead.
    if (!Number.isFinite(hls.config.backBufferLength)) attachBackBufferTrim({ hls, Events: HlsClass.Events, video, keepSeconds: backBufferSeconds });
    hls.attachMedia(video);
    hls.loadSource(options.url);
  }

  /** Computed on read: hls.js updates its own figure only on timeupdate, so it freezes while paused. */
  get latency(): number | null {
    return this.hls && secondsBehindLiveEdge(this.hls);
  }

  seekToLive(): void {
    this.#catchUp.goLive();
  }

  destroy(): void {
    this.#catchUp.stop();
    this.#stopAudioTracks();
    this.#stopStallNudge();
    this.#stopErrorWatch();
    this.hls?.destroy();
    this.hls = null;
  }

  #onError({ fatal, type, details, error, response }: ErrorData): void {
    if (!fatal) return;
    const { Hls: HlsClass, onEvent } = this.#options;
    // The owner reconnects whatever failed to load; the status code tells it a 404 from an outage.
    if (type === HlsClass.ErrorTypes.NETWORK_ERROR) return onEvent({ type: 'network-failure', httpStatus: response?.code ?? null });
    // Encrypted media this browser cannot decrypt is unsupported here; anything else is the media's.
    const code = type === HlsClass.ErrorTypes.KEY_SYSTEM_ERROR ? 'unsupported' : 'media';
    const failure = new PlayerError(code, `The stream cannot be played (${details}).`, { cause: error });
    if (type !== HlsClass.ErrorTypes.MEDIA_ERROR) return onEvent({ type: 'fatal', error: failure });
    this.#climbMediaErrorLadder(failure);
  }

  /** A rung of the one media error ladder (media-error-recovery.ts) for this failure. */
  #climbMediaErrorLadder(failure: PlayerError): void {
    const { hls } = this;
    const { Hls: HlsClass, video, mediaErrors, onEvent } = this.#options;
    if (!hls) return;
    const step = (mediaErrors.recovery ??= new MediaErrorRecovery()).stepFor(performance.now());
    if (step.action === 'give-up') return onEvent({ type: 'fatal', error: failure });
    if (step.action === 'reload') return onEvent({ type: 'media-failure', error: failure, reloadDelayMs: step.delayMs });
    if (step.action === 'swap-audio-codec-and-recover') hls.swapAudioCodec();
    hls.once(HlsClass.Events.MEDIA_ATTACHED, () => onEvent({ type: 'media-recovered' }));
    // A fatal error has stopped hls.js's loading, and recoverMediaError restarts it only while
    // loading: without startLoad the fresh MediaSource would stay empty.
    const position = video.currentTime;
    hls.recoverMediaError();
    hls.startLoad(position > 0 ? position : -1);
  }
}
