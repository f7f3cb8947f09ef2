import type Hls from 'hls.js';
import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext } from 'hls.js';
import { cdnLoadPolicies, CdnFailures } from './cdn-retry.js';
import { lowLatencyConfig, rewrittenPlaylist } from './hls-config.js';
import { attachLiveCatchUp, jumpToLive, secondsBehindLiveEdge } from './live-catch-up.js';
import type { HlsConstructor } from './load-hls.js';
import type { PlaybackSession, SessionEvent } from './playback-session.js';
import { PlayerError } from './player-error.js';
import { isFragmentedMp4, probedPlaylists } from './probed-playlists.js';
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

/**
 * A loader that puts the viewer's token on every request (AMS's own player only signs the
 * manifest, so secured segments fail), remembers failed responses for the retry rule and holds a
 * request for a URL whose 404 the CDN still caches. For playlists (given `takeProbed`) it applies
 * the playlist rewrites and answers the first request of a playlist the stream probe has just
 * downloaded.
 */
function loaderWith(Base: LoaderClass, auth: AuthParams, failures: CdnFailures, takeProbed?: (url: string) => ProbedPlaylist | undefined): LoaderClass {
  return class AuthorizedLoader extends Base {
    /** Cancels the held request or the pending answer from the probe; abort and destroy call it. */
    #cancel = (): void => {};

    override load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      context.url = withAuthParams(context.url, auth);
      const wrapped: LoaderCallbacks<LoaderContext> = {
        ...callbacks,
        onSuccess: (response, ...rest) => {
          if (takeProbed && typeof response.data === 'string') response.data = rewrittenPlaylist(response.data);
          callbacks.onSuccess(response, ...rest);
        },
        onError: (error, failedContext, ...rest) => {
          failures.record(failedContext.url, error.code, this.getCacheAge?.() ?? null);
          callbacks.onError(error, failedContext, ...rest);
        },
      };
      const playlist = takeProbed?.(context.url);
      if (playlist) {
        // Finished with the probe's download as the base loader would have: its timings in the
        // stats (hls.js reads a playlist's load times alone: it dates a live playlist from
        // loading.first, and plans its reloads and the CDN tune-in from them) and its Age header
        // from getCacheAge().
        const { stats } = this;
        stats.loading = { start: playlist.requestStart, first: playlist.firstByte, end: playlist.end };
        this.context = context;
        this.getCacheAge = () => playlist.ageSeconds;
        let answer = (): void => wrapped.onSuccess({ url: playlist.responseUrl, data: playlist.text, code: 200 }, stats, context, null);
        this.#cancel = () => (answer = () => {});
        // Asynchronous, as a download is: hls.js registers the loader before it expects an answer.
        queueMicrotask(() => answer());
        return;
      }
      const load = (): void => super.load(context, config, wrapped);
      const wait = failures.waitBeforeLoading(context.url);
      if (wait > 0) {
        const held = setTimeout(load, wait);
        this.#cancel = () => clearTimeout(held);
      } else load();
    }

    override abort(): void {
      this.#cancel();
      super.abort();
    }

    override destroy(): void {
      this.#cancel();
      super.destroy();
    }
  };
}

/** Owns one hls.js instance for one URL: configuration, media error recovery, teardown. */
export class HlsSession implements PlaybackSession {
  hls: Hls | null;
  #stopCatchUp = (): void => {};

  constructor(options: HlsSessionOptions) {
    const { Hls: HlsClass, video, url, auth, errorTtlSeconds, userConfig, probedPlaylists: probed = [], onEvent } = options;
    const baseLoader = HlsClass.DefaultConfig.loader as LoaderClass;
    const errorTtlMs = errorTtlSeconds * 1000;
    const failures = new CdnFailures({ errorTtlMs });
    const hls = (this.hls = new HlsClass({
      ...lowLatencyConfig(options),
      // The probed playlists arrive before the MediaSource opens; without this, hls.js loads the
      // first fragment only on its next 100 ms tick after the media is attached.
      startFragPrefetch: true,
      // fMP4 needs no transmuxing, only hls.js's light pass-through: on the main thread it spares
      // starting the worker (fetching and compiling hls.worker.js) on the way to the first frame.
      // MPEG-TS, or a stream not probed, keeps the worker.
      enableWorker: !isFragmentedMp4(probed),
      ...cdnLoadPolicies(HlsClass.DefaultConfig, { errorTtlMs, failures }),
      loader: loaderWith(baseLoader, auth, failures),
      pLoader: loaderWith(baseLoader, auth, failures, probedPlaylists(probed)) as unknown as HlsConfig['pLoader'],
      ...userConfig,
    }));
    hls.on(HlsClass.Events.MANIFEST_PARSED, () => onEvent({ type: 'manifest-loaded' }));
    // hls.js's documented ladder for media errors: recover, then swap the audio codec and recover,
    // then hand over to the player. Errors close together (30 s) climb it; one long after the last
    // starts again at the bottom. (Not reset when a fragment buffers: broken media buffers fine and
    // fails only in the decoder.)
    let mediaRecoveries = 0;
    let lastMediaError = 0;
    hls.on(HlsClass.Events.ERROR, (_event, { fatal, type, details, error }) => {
      if (!fatal) return;
      // The owner reconnects the same way whatever failed to load.
      if (type === 'networkError') return onEvent({ type: 'network-failure' });
      if (type === 'mediaError') {
        const now = performance.now();
        mediaRecoveries = now - lastMediaError > 30_000 ? 1 : mediaRecoveries + 1;
        lastMediaError = now;
        if (mediaRecoveries < 3) {
          if (mediaRecoveries > 1) hls.swapAudioCodec();
          return hls.recoverMediaError();
        }
      }
      // Past the ladder a fresh session may still help (the owner's call); other errors are final.
      onEvent({ type: type === 'mediaError' ? 'media-failure' : 'fatal', error: new PlayerError('media', `The stream cannot be played (${details}).`, { cause: error }) });
    });
    const { config } = hls;
    const maxRate = config.maxLiveSyncPlaybackRate;
    if (config.lowLatencyMode && maxRate > 1) {
      // The element's catch-up replaces hls.js's (which needs more than 1 s buffered, never the
      // case near an LL-HLS edge); maxLiveSyncPlaybackRate, the page's to set, still caps it.
      config.maxLiveSyncPlaybackRate = 1;
      this.#stopCatchUp = attachLiveCatchUp(hls, video, maxRate);
    }
    hls.attachMedia(video);
    hls.loadSource(url);
  }

  /** Computed on read: hls.js updates its own figure only on timeupdate, so it freezes while paused. */
  get latency(): number | null {
    return this.hls && secondsBehindLiveEdge(this.hls);
  }

  seekToLive(): void {
    if (this.hls) jumpToLive(this.hls);
  }

  destroy(): void {
    this.#stopCatchUp();
    this.hls?.destroy();
    this.hls = null;
  }
}
