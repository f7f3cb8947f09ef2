import type Hls from 'hls.js';
import type { HlsConfig } from 'hls.js';
import { AdaptiveTarget, pinnedTarget, type TargetLatency } from './adaptive-target.js';
import { attachAudioTracks, hlsAudioTracks, type AudioTrackChoice } from './audio-tracks.js';
import { attachStallNudge } from './stall-nudge.js';
import { attachBackBufferTrim } from './back-buffer.js';
import { cdnLoadPolicies, CdnFailures } from './cdn-retry.js';
import { fragmentLoader } from './fragment-loader.js';
import { backBufferSeconds, initialHlsTargetSeconds, lowLatencyConfig } from './hls-tuning.js';
import { attachLiveCatchUp, secondsBehindLiveEdge, type LiveCatchUp } from './live-catch-up.js';
import type { HlsConstructor } from './load-hls.js';
import { MediaErrorRecovery, type MediaErrorLadder } from './media-error-recovery.js';
import { publishIntervalSeconds, type MediaPlaylistSummary } from './media-playlist.js';
import type { PlaybackSession, SessionEvent } from './playback-session.js';
import { PlayerError } from './player-error.js';
import { playlistLoader, type LoaderClass } from './playlist-loader.js';
import { derivedPartHoldBack } from './playlist-rewrites.js';
import { PlaylistTimings } from './playlist-timing.js';
import { isFragmentedMp4, probedPlaylists } from './probed-playlists.js';
import type { ProbedPlaylist } from './stream-probe.js';
import { watchUnansweredMediaErrors } from './unanswered-media-error.js';
import type { PlayOrderEntry } from './stream-url.js';
import { sendsCookies, type RequestCredentials } from './request-credentials.js';

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
 * Where playback starts, and the least the learned target may become. A hold-back the server
 * states is the HLS spec's minimum for clients; without one, a low-latency stream starts at the
 * derived part hold-back and HLS at AMS's 3 s, and neither target goes below one part or segment
 * (nothing can be played before it is published).
 */
function targetFor(playlist: MediaPlaylistSummary, lowLatency: boolean): TargetLatency {
  const statedHoldBack = lowLatency ? playlist.statedPartHoldBack : playlist.statedHoldBack;
  const partTarget = lowLatency ? playlist.partTarget : null;
  const initialSeconds = statedHoldBack ?? (partTarget ? derivedPartHoldBack(partTarget) : initialHlsTargetSeconds);
  const interval = publishIntervalSeconds(lowLatency ? playlist : { ...playlist, partTarget: null });
  return new AdaptiveTarget({ initialSeconds, floorSeconds: statedHoldBack ?? interval, publishIntervalSeconds: interval });
}

/**
 * hls.js settings that send cookies with each request to the stream's origin (and with no other),
 * through either of its loaders, after whatever setup the page's own hlsConfig does.
 */
function credentialedRequests(userConfig: Partial<HlsConfig> | null | undefined, credentials: RequestCredentials): Partial<HlsConfig> {
  return {
    xhrSetup(xhr, url, context) {
      xhr.withCredentials = sendsCookies(url, credentials);
      return userConfig?.xhrSetup?.(xhr, url, context);
    },
    async fetchSetup(context, initParams) {
      const request = (await userConfig?.fetchSetup?.(context, initParams)) ?? new Request(context.url, initParams);
      return sendsCookies(request.url, credentials) ? new Request(request, { credentials: 'include' }) : request;
    },
  };
}

/** Owns one hls.js instance for one URL: configuration, latency, media error recovery, teardown. */
export class HlsSession implements PlaybackSession {
  hls: Hls | null;
  readonly audioTracks: AudioTrackChoice;
  #catchUp: LiveCatchUp | null = null;
  #stopAudioTracks: () => void = () => {};
  #stopStallNudge: () => void = () => {};
  #stopErrorWatch: () => void = () => {};

  constructor(options: HlsSessionOptions) {
    const { Hls: HlsClass, video, url, credentials, errorTtlSeconds, userConfig, probedPlaylists: probed = [], onEvent } = options;
    const lowLatency = options.playOrder === 'll-hls';
    const baseLoader = HlsClass.DefaultConfig.loader as LoaderClass;
    const errorTtlMs = errorTtlSeconds * 1000;
    const failures = new CdnFailures({ errorTtlMs });
    let target: TargetLatency | null = options.targetLatency === null ? null : pinnedTarget(options.targetLatency);
    /** The target, learned from the first media playlist unless the page pinned it. */
    const targetFrom = (playlist: MediaPlaylistSummary): TargetLatency => (target ??= targetFor(playlist, lowLatency));
    // The element's catch-up replaces hls.js's (see live-catch-up.ts): hls.js's is off from the
    // start, and maxLiveSyncPlaybackRate, the page's to set, still caps the element's (1 turns it off).
    const tuning = lowLatencyConfig(options);
    const maxRate = userConfig?.maxLiveSyncPlaybackRate ?? tuning.maxLiveSyncPlaybackRate ?? 1;
    const hls = (this.hls = new HlsClass({
      ...tuning,
      ...(options.workerPath && { workerPath: options.workerPath }),
      // The probed playlists arrive before the MediaSource opens; without this, hls.js loads the
      // first fragment only on its next 100 ms tick after the media is attached.
      startFragPrefetch: true,
      // fMP4 needs no transmuxing, only hls.js's light pass-through: on the main thread it spares
      // starting the worker (fetching and compiling hls.worker.js) on the way to the first frame.
      // MPEG-TS, or a stream not probed, keeps the worker.
      enableWorker: !isFragmentedMp4(probed),
      ...cdnLoadPolicies(HlsClass.DefaultConfig, { errorTtlMs, failures }),
      loader: fragmentLoader(baseLoader, credentials, failures),
      pLoader: playlistLoader({
        Base: baseLoader,
        credentials,
        failures,
        timings: new PlaylistTimings(),
        takeProbed: probedPlaylists(probed),
        onMediaPlaylist: (playlist) => targetFrom(playlist),
        startSeconds: (playlist) => targetFrom(playlist).targetAt(performance.now()),
      }) as unknown as HlsConfig['pLoader'],
      ...userConfig,
      maxLiveSyncPlaybackRate: 1,
      ...(credentials.cookies && credentialedRequests(userConfig, credentials)),
    }));
    hls.on(HlsClass.Events.MANIFEST_PARSED, () => onEvent({ type: 'manifest-loaded' }));
    /** A rung of the one media error ladder (media-error-recovery.ts) for this failure. */
    const climbMediaErrorLadder = (failure: PlayerError): void => {
      const step = (options.mediaErrors.recovery ??= new MediaErrorRecovery()).stepFor(performance.now());
      if (step.action === 'give-up') return onEvent({ type: 'fatal', error: failure });
      if (step.action === 'reload') return onEvent({ type: 'media-failure', error: failure, reloadDelayMs: step.delayMs });
      if (step.action === 'swap-audio-codec-and-recover') hls.swapAudioCodec();
      hls.once(HlsClass.Events.MEDIA_ATTACHED, () => onEvent({ type: 'media-recovered' }));
      // A fatal error has stopped hls.js's loading, and recoverMediaError restarts it only while
      // loading: without startLoad the fresh MediaSource would stay empty.
      const position = video.currentTime;
      hls.recoverMediaError();
      hls.startLoad(position > 0 ? position : -1);
    };
    hls.on(HlsClass.Events.ERROR, (_event, { fatal, type, details, error, response }) => {
      if (!fatal) return;
      // The owner reconnects whatever failed to load; the status code tells it a 404 from an outage.
      if (type === HlsClass.ErrorTypes.NETWORK_ERROR) return onEvent({ type: 'network-failure', httpStatus: response?.code ?? null });
      // Encrypted media this browser cannot decrypt is unsupported here; anything else is the media's.
      const code = type === HlsClass.ErrorTypes.KEY_SYSTEM_ERROR ? 'unsupported' : 'media';
      const failure = new PlayerError(code, `The stream cannot be played (${details}).`, { cause: error });
      if (type !== HlsClass.ErrorTypes.MEDIA_ERROR) return onEvent({ type: 'fatal', error: failure });
      climbMediaErrorLadder(failure);
    });
    this.#stopErrorWatch = watchUnansweredMediaErrors({
      video,
      graceMs: unansweredMediaErrorMs,
      onUnanswered: ({ code }) => climbMediaErrorLadder(new PlayerError('media', `The stream cannot be played (the video's error ${code}).`)),
    });
    const { config } = hls;
    this.#catchUp = attachLiveCatchUp({ hls, video, maxRate, target: () => target });
    this.#stopStallNudge = attachStallNudge(video);
    this.audioTracks = hlsAudioTracks(hls);
    this.#stopAudioTracks = attachAudioTracks({ hls, preferred: options.audioTrack ?? null, onChange: (track) => onEvent({ type: 'audio-track', track }) });
    // A page that sets backBufferLength gets hls.js's own trim instead.
    if (!Number.isFinite(config.backBufferLength)) attachBackBufferTrim({ hls, Events: HlsClass.Events, video, keepSeconds: backBufferSeconds });
    hls.attachMedia(video);
    hls.loadSource(url);
  }

  /** Computed on read: hls.js updates its own figure only on timeupdate, so it freezes while paused. */
  get latency(): number | null {
    return this.hls && secondsBehindLiveEdge(this.hls);
  }

  seekToLive(): void {
    this.#catchUp?.goLive();
  }

  destroy(): void {
    this.#catchUp?.stop();
    this.#stopAudioTracks();
    this.#stopStallNudge();
    this.#stopErrorWatch();
    this.hls?.destroy();
    this.hls = null;
  }
}
