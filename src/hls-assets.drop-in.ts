import type { HlsBuild } from './hls-build.js';
import type { HlsConstructor } from './load-hls.js';

// The drop-in scripts (ams-cdn-player.js, ams-cdn-player.classic.js): hls.js's own ES module builds
// and its worker are files beside the script, found from the script's own URL, so the folder can be
// copied anywhere (an AMS application folder, say) and works without configuration.

/** hls.js's ES module builds as the build copies them into dist/. */
const hlsFiles: Record<HlsBuild, string> = { light: 'hls-light.js', full: 'hls-full.js' };

/**
 * A classic script knows its URL only while it first runs (document.currentScript), so it is read
 * here, at load. A module script has no currentScript and uses import.meta.url.
 */
function scriptUrl(): string {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) return script.src;
  return import.meta.url;
}

const baseUrl = scriptUrl();

export function importHls(build: HlsBuild): Promise<HlsConstructor> {
  const url = new URL(hlsFiles[build], baseUrl).href;
  // A runtime URL on purpose: import() also works from the classic script, and the bundler leaves it alone.
  return (import(/* @vite-ignore */ url) as Promise<{ default: HlsConstructor }>).then((loaded) => loaded.default);
}

export function hlsWorkerUrl(): string | null {
  return new URL('hls.worker.js', baseUrl).href;
}
