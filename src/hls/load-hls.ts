import type { HlsConfig } from 'hls.js';
import { hlsWorkerUrl, importHls } from './hls-assets.js';
import { hlsBuildFor, type HlsBuild } from './hls-build.js';
import type { HlsConstructor } from './hls-types.js';

// Kept here too, where the hls.js session has always imported it from.
export type { HlsConstructor } from './hls-types.js';

const loaded: Partial<Record<HlsBuild, Promise<HlsConstructor>>> = {};

/**
 * hls.js is loaded on first playback, not with the element, so the first download stays small: the
 * light build, or the full one when `userConfig` asks for a feature only it has, the page wants
 * captions, or the stream's master `playlist` has renditions only it plays (see hls-build.ts).
 * Rejects with a fatal `network` PlayerError that says what to do when the file cannot be loaded
 * (each hls-assets flavour words its own); a failed load is not kept, so a later playback asks again.
 *
 * hls.js's ES builds carry no worker: without workerPath they transmux MPEG-TS on the main thread,
 * and the UMD builds' blob: worker breaks under a strict Content-Security-Policy. So every instance
 * gets hls.js's worker file from our own origin (workerPathFor), in its own config: hls.js's global
 * DefaultConfig stays the page's.
 */
export function loadHls(userConfig?: Partial<HlsConfig> | null, playlist?: string, captionsWanted = false): Promise<HlsConstructor> {
  const build = hlsBuildFor(userConfig, playlist, captionsWanted);
  return (loaded[build] ??= importHls(build).catch((error: unknown) => {
    delete loaded[build];
    throw error;
  }));
}

/** The worker an instance gets: one the page set (in hlsConfig or Hls.DefaultConfig), else hls.js's file beside ours. */
export function workerPathFor(Hls: HlsConstructor, userConfig?: Partial<HlsConfig> | null): string {
  return userConfig?.workerPath || Hls.DefaultConfig.workerPath || hlsWorkerUrl();
}

/** MediaSource (or Safari's ManagedMediaSource) decides between hls.js and the browser's own HLS. */
export function mediaSourceAvailable(): boolean {
  const scope = globalThis as { MediaSource?: unknown; ManagedMediaSource?: unknown };
  return Boolean(scope.MediaSource ?? scope.ManagedMediaSource);
}
