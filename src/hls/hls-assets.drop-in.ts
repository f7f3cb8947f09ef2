import type { HlsBuild } from './hls-build.js';
import type { HlsConstructor } from './hls-types.js';
import { PlayerError } from '../common/player-error.js';

// The drop-in scripts (ams-cdn-player.js, ams-cdn-player.classic.js): hls.js's own ES module builds
// and its worker are files beside the script, found from the script's own URL, so the folder can be
// copied anywhere (an AMS application folder, say) and works without configuration.

/**
 * A classic script knows its URL only while it first runs (document.currentScript), so it is read
 * here, at load. A module script has no currentScript and uses import.meta.url. The classic build
 * has no import.meta.url (vite.config.ts makes it undefined): a classic script that has no src of
 * its own looks beside the page.
 */
const baseUrl = (globalThis.document?.currentScript as HTMLScriptElement | null)?.src || (import.meta.url as string | undefined) || document.baseURI;

export function importHls(build: HlsBuild): Promise<HlsConstructor> {
  // hls.js's ES module builds as the build copies them into dist/.
  const file = build === 'full' ? 'hls-full.js' : 'hls-light.js';
  const url = new URL(file, baseUrl).href;
  // A runtime URL on purpose: import() also works from the classic script, and the bundler leaves it alone.
  return (import(/* @vite-ignore */ url) as Promise<{ default: HlsConstructor }>).then(
    (loaded) => loaded.default,
    (cause: unknown) => {
      throw new PlayerError('network', `hls.js could not be loaded from ${url}: copy ${file} and hls.worker.js next to the player script.`, { cause });
    },
  );
}

export function hlsWorkerUrl(): string {
  return new URL('hls.worker.js', baseUrl).href;
}
