import type Hls from 'hls.js';
import type { ErrorData, HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext } from 'hls.js';
import { cdnLoadPolicies, CdnFailures } from './cdn-retry.js';
import { lowLatencyConfig, rewrittenPlaylist } from './hls-config.js';
import { attachLiveCatchUp, secondsBehindLiveEdge } from './live-catch-up.js';
import type { HlsConstructor } from './load-hls.js';
import type { PlaybackSession, SessionEvent } from './playback-session.js';
import { PlayerError } from './player-error.js';
import { isFragmentedMp4, ProbedPlaylists } from './probed-playlists.js';
import type { ProbedPlaylist } from './stream-probe.js';
import { withAuthParams, type AuthParams, type PlayOrderEntry } from './stream-url.js';

export interface HlsSessionOptions {
  Hls: HlsConstructor;
  video: HTMLVideoElement;
  url: string;
  playOrder: PlayOrderEntry;
  targetLatency: number | null;
  auth: AuthParams;
  /** How long the CDN caches a 404, in seconds: failed loads are retried on this rhythm. */
  errorTtlSeconds: number;
  /** Merged last, so power users can override anything. */
  userConfig?: Partial<HlsConfig> | null;
  /** Playlists the stream probe just downloaded: hls.js gets them without a second download. */
  probedPlaylists?: readonly ProbedPlaylist[];
  onEvent(event: SessionEvent): void;
}

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

interface LoaderOptions {
  auth: AuthParams;
  failures: CdnFailures;
  rewritePlaylists: boolean;
  /** Answers for playlist requests, when fresh enough; null for segment loaders. */
  probed: ProbedPlaylists | null;
}

/**
 * A loader that puts the viewer's token on every request (AMS's own player only signs the
 * manifest, so secured segments fail), remembers failed responses for the retry rule, holds a
 * request for a URL whose 404 the CDN still caches, and, for playlists, fills in a missing
 * PART-HOLD-BACK and answers the first request of a playlist the stream probe has just downloaded.
 */
function loaderWith(Base: LoaderClass, { auth, failures, rewritePlaylists, probed }: LoaderOptions): LoaderClass {
  return class AuthorizedLoader extends Base {
    #heldRequest: ReturnType<typeof setTimeout> | undefined;
    /** Set while an answer from the probe waits for its turn; cleared by abort and destroy. */
    #probedAnswer: ProbedPlaylist | null = null;

    override load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      context.url = withAuthParams(context.url, auth);
      const wrapped: LoaderCallbacks<LoaderContext> = {
        ...callbacks,
        onSuccess: (response, stats, loadedContext, details) => {
          if (rewritePlaylists && typeof response.data === 'string') response.data = rewrittenPlaylist(response.data);
          callbacks.onSuccess(response, stats, loadedContext, details);
        },
        onError: (error, failedContext, details, stats) => {
          failures.record(failedContext.url, error.code, this.getCacheAge?.() ?? null);
          callbacks.onError(error, failedContext, details, stats);
        },
      };
      const playlist = probed?.take(context.url);
      if (playlist) return this.#answerFromProbe(playlist, context, wrapped);
      const load = (): void => super.load(context, config, wrapped);
      const wait = failures.waitBeforeLoading(context.url);
      if (wait > 0) this.#heldRequest = setTimeout(load, wait);
      else load();
    }

    /**
     * Finishes the load with the probe's download, as the base loader would have: the probe's own
     * timings in the stats (hls.js dates a live playlist from loading.first, and plans its reloads
     * and the CDN tune-in from them) and its Age header from getCacheAge().
     */
    #answerFromProbe(playlist: ProbedPlaylist, context: LoaderContext, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      const { stats } = this;
      stats.loading.start = playlist.requestStart;
      stats.loading.first = playlist.firstByte;
      stats.loading.end = playlist.end;
      stats.loaded = stats.total = playlist.text.length;
      stats.bwEstimate = (stats.total * 8000) / Math.max(1, playlist.end - playlist.firstByte);
      this.#probedAnswer = playlist;
      this.getCacheAge = () => playlist.ageSeconds;
      // Asynchronous, as a download is: hls.js registers the loader before it expects an answer.
      queueMicrotask(() => {
        if (this.#probedAnswer !== playlist) return;
        this.#probedAnswer = null;
        callbacks.onSuccess({ url: playlist.responseUrl, data: playlist.text, code: 200 }, stats, context, null);
      });
    }

    override abort(): void {
      clearTimeout(this.#heldRequest);
      this.#probedAnswer = null;
      super.abort();
    }

    override destroy(): void {
      clearTimeout(this.#heldRequest);
      this.#probedAnswer = null;
      super.destroy();
    }
  };
}

/** How long a media error counts towards the next rung of the recovery ladder. */
const mediaErrorMemoryMs = 30_000;

/** Owns one hls.js instance for one URL: configuration, media error recovery, teardown. */
export class HlsSession implements PlaybackSession {
  #hls: Hls | null;
  #stopCatchUp: (() => void) | null = null;
  readonly #onEvent: (event: SessionEvent) => void;
  #mediaRecoveries = 0;
  #lastMediaError = -Infinity;

  constructor(options: HlsSessionOptions) {
    const { Hls: HlsClass, video, url, playOrder, targetLatency, auth, errorTtlSeconds, userConfig, probedPlaylists, onEvent } = options;
    this.#onEvent = onEvent;
    const baseLoader = HlsClass.DefaultConfig.loader as LoaderClass;
    const errorTtlMs = errorTtlSeconds * 1000;
    const failures = new CdnFailures({ errorTtlMs });
    const probed = new ProbedPlaylists(probedPlaylists ?? [], (playlistUrl) => withAuthParams(playlistUrl, auth));
    const config: Partial<HlsConfig> = {
      ...lowLatencyConfig({ playOrder, targetLatency }),
      // The probed playlists arrive before the MediaSource opens; without this, hls.js loads the
      // first fragment only on its next 100 ms tick after the media is attached.
      startFragPrefetch: true,
      // fMP4 needs no transmuxing, only hls.js's light pass-through: on the main thread it spares
      // starting the worker (fetching and compiling hls.worker.js) on the way to the first frame.
      // MPEG-TS, or a stream not probed, keeps the worker.
      ...(isFragmentedMp4(probedPlaylists ?? []) ? { enableWorker: false } : {}),
      ...cdnLoadPolicies(HlsClass.DefaultConfig, { errorTtlMs, failures }),
      loader: loaderWith(baseLoader, { auth, failures, rewritePlaylists: false, probed: null }),
      pLoader: loaderWith(baseLoader, { auth, failures, rewritePlaylists: true, probed }) as unknown as HlsConfig['pLoader'],
      ...(userConfig ?? {}),
    };
    const hls = new HlsClass(config);
    this.#hls = hls;
    hls.on(HlsClass.Events.MANIFEST_PARSED, () => this.#onEvent({ type: 'manifest-loaded' }));
    hls.on(HlsClass.Events.ERROR, (_event, data) => this.#onError(data));
    if (hls.config.lowLatencyMode) {
      // The element's catch-up replaces hls.js's (which needs more than 1 s buffered, never the
      // case near an LL-HLS edge); maxLiveSyncPlaybackRate, the page's to set, still caps it.
      const maxRate = hls.config.maxLiveSyncPlaybackRate;
      hls.config.maxLiveSyncPlaybackRate = 1;
      if (maxRate > 1) this.#stopCatchUp = attachLiveCatchUp(hls, video, maxRate);
    }
    hls.attachMedia(video);
    hls.loadSource(url);
  }

  get hls(): Hls | null {
    return this.#hls;
  }

  /** Computed on read: hls.js updates its own figure only on timeupdate, so it freezes while paused. */
  get latency(): number | null {
    const details = this.#hls?.latestLevelDetails;
    const media = this.#hls?.media;
    if (!details?.live || !media) return null;
    // Before hls.js has moved the playhead into the live window (it starts at 0 for a moment) there is no latency yet.
    if (media.currentTime < details.fragmentStart) return null;
    return Math.max(0, secondsBehindLiveEdge(details, media.currentTime));
  }

  get targetLatency(): number | null {
    return this.#hls?.targetLatency ?? null;
  }

  seekToLive(): void {
    const hls = this.#hls;
    const position = hls?.liveSyncPosition;
    if (hls?.media && position !== null && position !== undefined) hls.media.currentTime = position;
  }

  destroy(): void {
    this.#stopCatchUp?.();
    this.#stopCatchUp = null;
    this.#hls?.destroy();
    this.#hls = null;
  }

  #onError(data: ErrorData): void {
    const hls = this.#hls;
    if (!hls || !data.fatal) return;
    switch (data.type) {
      case 'mediaError':
        return this.#recoverMedia(hls, data);
      case 'networkError':
        return this.#onEvent({
          type: 'network-failure',
          httpStatus: data.response?.code ?? null,
          timeout: /timeout/i.test(data.details),
          url: data.url ?? data.context?.url ?? null,
        });
      default:
        this.#onEvent({
          type: 'fatal',
          error: new PlayerError('media', `The stream cannot be played: ${data.details}.`, { fatal: true, cause: data.error }),
        });
    }
  }

  /** hls.js's documented ladder: recover, then swap the audio codec and recover, then hand over to the player. */
  #recoverMedia(hls: Hls, data: ErrorData): void {
    // Errors close together climb the ladder; one long after the last starts again at the bottom.
    // (Not reset when a fragment buffers: broken media buffers fine and fails only in the decoder.)
    const now = performance.now();
    if (now - this.#lastMediaError > mediaErrorMemoryMs) this.#mediaRecoveries = 0;
    this.#lastMediaError = now;
    this.#mediaRecoveries += 1;
    if (this.#mediaRecoveries === 1) return hls.recoverMediaError();
    if (this.#mediaRecoveries === 2) {
      hls.swapAudioCodec();
      return hls.recoverMediaError();
    }
    this.#onEvent({
      type: 'media-failure',
      error: new PlayerError('media', `The video could not be decoded (${data.details}).`, { fatal: true, cause: data.error }),
    });
  }
}
