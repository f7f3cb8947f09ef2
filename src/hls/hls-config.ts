import type { HlsConfig } from 'hls.js';
import { cdnLoadPolicies, type CdnFailures } from '../cdn/cdn-retry.js';
import { isFragmentedMp4, probedPlaylists } from '../cdn/probed-playlists.js';
import type { ProbedPlaylist } from '../cdn/stream-probe.js';
import type { LiveTimeline, TimelineTraceEntry } from '../live/live-timeline.js';
import { sendsCookies, type RequestCredentials } from '../urls/request-credentials.js';
import { fragmentLoader } from './fragment-loader.js';
import { catchUpRateFor, lowLatencyConfig, type LatencyTuning } from './hls-tuning.js';
import type { HlsConstructor } from './load-hls.js';
import { playlistLoader, type LoaderClass } from './playlist-loader.js';

/**
 * One hls.js instance's config, composed from named parts before construction (nothing is changed
 * on the instance afterwards, nor in hls.js's DefaultConfig). Later parts win: the page's own
 * hlsConfig comes after the player's, and only what the player must keep comes after that.
 */
export interface HlsConfigParts extends LatencyTuning {
  Hls: HlsConstructor;
  credentials: RequestCredentials;
  errorTtlMs: number;
  failures: CdnFailures;
  timeline: LiveTimeline;
  probed: readonly ProbedPlaylist[];
  workerPath?: string;
  userConfig?: Partial<HlsConfig> | null;
}

export function composeHlsConfig(parts: HlsConfigParts): Partial<HlsConfig> {
  const { userConfig, credentials } = parts;
  return {
    ...lowLatencyConfig(parts),
    ...startupSettings(parts),
    ...cdnLoadPolicies(parts.Hls.DefaultConfig, parts),
    ...loaders(parts),
    ...userConfig,
    ...catchUpOff,
    ...(credentials.cookies && credentialedRequests(userConfig, credentials)),
  };
}

/**
 * The fastest catch-up rate: the page's `maxLiveSyncPlaybackRate` caps the element's catch-up (1
 * turns it off), which is the element's alone (live-timeline.ts).
 */
export function catchUpRateCap(playOrder: LatencyTuning['playOrder'], userConfig?: Partial<HlsConfig> | null): number {
  return userConfig?.maxLiveSyncPlaybackRate ?? catchUpRateFor(playOrder);
}

/** hls.js's own catch-up stays off whatever the page sets: the element's replaces it. */
const catchUpOff: Partial<HlsConfig> = { maxLiveSyncPlaybackRate: 1 };

/** On the way to the first frame. */
function startupSettings({ probed, workerPath }: Pick<HlsConfigParts, 'probed' | 'workerPath'>): Partial<HlsConfig> {
  return {
    ...(workerPath && { workerPath }),
    // The probed playlists arrive before the MediaSource opens; without this, hls.js loads the
    // first fragment only on its next 100 ms tick after the media is attached.
    startFragPrefetch: true,
    // fMP4 needs no transmuxing, only hls.js's light pass-through: on the main thread it spares
    // starting the worker (fetching and compiling hls.worker.js) on the way to the first frame.
    // MPEG-TS, or a stream not probed, keeps the worker.
    enableWorker: !isFragmentedMp4(probed),
  };
}

/** The element's loaders over hls.js's own: credentials, the CDN's 404 rhythm, the live timeline. */
function loaders({ Hls, credentials, failures, timeline, probed }: HlsConfigParts): Partial<HlsConfig> {
  const Base = Hls.DefaultConfig.loader as LoaderClass;
  return {
    loader: fragmentLoader(Base, credentials, failures),
    pLoader: playlistLoader({ Base, credentials, failures, timeline, takeProbed: probedPlaylists(probed) }) as unknown as HlsConfig['pLoader'],
  };
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

/**
 * The live timeline's trace goes where hls.js's own debug output goes: the page turns both on with
 * `hlsConfig: { debug: true }` (the console) or `debug: logger` (its logger's `debug`).
 */
export function timelineTrace(userConfig: Partial<HlsConfig> | null | undefined): ((entry: TimelineTraceEntry) => void) | null {
  const debug = userConfig?.debug;
  if (!debug) return null;
  const log = typeof debug === 'object' ? debug.debug : console.debug;
  return (entry) => log('[ams-cdn-player] live timeline', entry);
}
