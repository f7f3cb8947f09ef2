import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderResponse, LoaderStats } from 'hls.js';
import type { CdnFailures } from '../cdn/cdn-retry.js';
import { summarizeMediaPlaylist } from '../live/media-playlist.js';
import type { LiveTimeline } from '../live/live-timeline.js';
import { askForReloadAtOnce, rewrittenPlaylist, withServerSequence } from './hls-workarounds.js';
import type { ProbedPlaylist } from '../cdn/stream-probe.js';
import { credentialedUrl, type RequestCredentials } from '../urls/request-credentials.js';

export type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

export interface PlaylistLoaderOptions {
  /** hls.js's own loader: each request goes out through a fresh one (hls.js loaders load once). */
  Base: LoaderClass;
  credentials: RequestCredentials;
  failures: CdnFailures;
  /** Times each request and decides what to do with each media playlist answer. */
  timeline: Pick<LiveTimeline, 'reloadDelayMs' | 'playlistArrived'>;
  /** The probe's download of a playlist, for the first request of its URL (see probed-playlists.ts). */
  takeProbed(url: string): ProbedPlaylist | undefined;
}

/** One answer to a playlist request: from the network or from the probe. */
interface Answer {
  response: LoaderResponse;
  stats: LoaderStats;
  networkDetails: Parameters<LoaderCallbacks<LoaderContext>['onSuccess']>[3];
  /** The CDN's Age header, in seconds. */
  ageSeconds: number | null;
}

/**
 * hls.js's playlist loader (pLoader) as a few steps over hls.js's own: sign the URL with the
 * viewer's token where it goes (AMS's own player signs only the manifest, so secured streams failed later), hand
 * over the probe's download, hold a request while the CDN still caches its URL's 404, wait for the
 * reload schedule, record failures for the retry rule, and once an answer is worth passing on,
 * date it by its true age and apply the playlist rewrites.
 */
export function playlistLoader(options: PlaylistLoaderOptions): LoaderClass {
  const { Base, credentials, failures, timeline } = options;

  return class PlaylistLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    readonly #config: HlsConfig;
    /** The request under way, or the last one (its stats are this loader's). */
    #request: Loader<LoaderContext>;
    #timer: ReturnType<typeof setTimeout> | undefined;
    #cancelled = false;

    constructor(config: HlsConfig) {
      this.#config = config;
      this.#request = new Base(config);
    }

    get stats(): LoaderStats {
      return this.#request.stats;
    }

    /** The Age is already in the answer's timings (see #deliver); hls.js must not add it again. */
    getCacheAge(): number | null {
      return 0;
    }

    load(context: LoaderContext, loaderConfig: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      context.url = withServerSequence(credentialedUrl(context.url, credentials));
      this.context = context;
      const probed = options.takeProbed(context.url);
      if (probed) {
        // Asynchronous, as a download is: hls.js registers the loader before it expects an answer.
        this.#later(0, () => this.#received(this.#probedAnswer(probed), context, loaderConfig, callbacks));
        return;
      }
      const delay = timeline.reloadDelayMs(context.url, performance.now());
      this.#later(delay, () => this.#send(context, loaderConfig, callbacks));
    }

    abort(): void {
      this.#cancel();
      this.#request.abort();
    }

    destroy(): void {
      this.#cancel();
      this.#request.destroy();
    }

    #cancel(): void {
      this.#cancelled = true;
      clearTimeout(this.#timer);
    }

    #later(delayMs: number, step: () => void): void {
      clearTimeout(this.#timer);
      if (delayMs <= 0) {
        queueMicrotask(() => this.#cancelled || step());
        return;
      }
      this.#timer = setTimeout(() => this.#cancelled || step(), delayMs);
    }

    /** Out through a fresh loader of hls.js's, once the CDN no longer caches a 404 for the URL. */
    #send(context: LoaderContext, loaderConfig: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      const wait = failures.waitBeforeLoading(context.url);
      if (wait > 0) return this.#later(wait, () => this.#send(context, loaderConfig, callbacks));
      const request = (this.#request = new Base(this.#config));
      const ageSeconds = (): number | null => request.getCacheAge?.() ?? null;
      request.load(context, loaderConfig, {
        ...callbacks,
        onSuccess: (response, stats, _context, networkDetails) =>
          this.#received({ response, stats, networkDetails, ageSeconds: ageSeconds() }, context, loaderConfig, callbacks),
        onError: (error, failedContext, networkDetails, stats) => {
          failures.record(failedContext.url, error.code, ageSeconds());
          callbacks.onError(error, failedContext, networkDetails, stats);
        },
      });
    }

    #probedAnswer(playlist: ProbedPlaylist): Answer {
      // The probe's timings stand in for a download's (hls.js dates a live playlist by them).
      const { stats } = this.#request;
      stats.loading = { start: playlist.requestStart, first: playlist.firstByte, end: playlist.end };
      return { response: { url: playlist.responseUrl, data: playlist.text, code: 200 }, stats, networkDetails: null, ageSeconds: playlist.ageSeconds };
    }

    #received(answer: Answer, context: LoaderContext, loaderConfig: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      const text = answer.response.data;
      const playlist = typeof text === 'string' ? summarizeMediaPlaylist(text) : null;
      if (!playlist) return this.#deliver(answer, null, context, callbacks);
      const producedAt = answer.stats.loading.first - (answer.ageSeconds ?? 0) * 1000;
      const decision = timeline.playlistArrived({ url: context.url, playlist, producedAt, now: performance.now() });
      if (!decision.deliver) return this.#later(decision.retryInMs, () => this.#send(context, loaderConfig, callbacks));
      if (decision.scheduleTimesNextReload) askForReloadAtOnce(context);
      this.#deliver(answer, decision.datedAt, context, callbacks);
    }

    /**
     * hls.js dates a live playlist by its first byte (loading.first). A playlist is as old as its
     * newest media: that came with an earlier response when this one brought nothing new, or sat
     * in the CDN's cache for Age seconds, so the date moves back to when it appeared (see
     * PlaylistTiming.newestMediaDatedAt).
     */
    #deliver(answer: Answer, datedAt: number | null, context: LoaderContext, callbacks: LoaderCallbacks<LoaderContext>): void {
      const { response, stats } = answer;
      if (datedAt !== null && datedAt < stats.loading.first) {
        stats.loading.first = datedAt;
        stats.loading.start = Math.min(stats.loading.start, datedAt);
      }
      if (typeof response.data === 'string') response.data = rewrittenPlaylist(response.data);
      callbacks.onSuccess(response, stats, context, answer.networkDetails);
    }
  };
}
