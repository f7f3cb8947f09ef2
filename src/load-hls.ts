import type HlsType from 'hls.js';

export type HlsConstructor = typeof HlsType;

let hlsModule: Promise<HlsConstructor> | null = null;

/** hls.js is loaded on first playback, not with the element, so the first download stays small. */
export function loadHls(): Promise<HlsConstructor> {
  hlsModule ??= import('hls.js').then((module) => module.default);
  return hlsModule;
}

/** MediaSource (or Safari's ManagedMediaSource) decides between hls.js and the browser's own HLS. */
export function mediaSourceAvailable(): boolean {
  const scope = globalThis as { MediaSource?: unknown; ManagedMediaSource?: unknown; WebKitMediaSource?: unknown };
  return Boolean(scope.MediaSource ?? scope.ManagedMediaSource ?? scope.WebKitMediaSource);
}
