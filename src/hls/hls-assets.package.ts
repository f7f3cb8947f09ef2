import type { HlsBuild } from './hls-build.js';
import type { HlsConstructor } from './hls-types.js';
import { PlayerError } from '../common/player-error.js';

// The npm package: the app's bundler resolves hls.js (a dependency, not bundled here) and splits it
// into its own chunk at this dynamic import.

export function importHls(build: HlsBuild): Promise<HlsConstructor> {
  const module = build === 'full' ? import('hls.js') : import('hls.js/light');
  return module.then(
    (loaded) => loaded.default,
    (cause: unknown) => {
      throw new PlayerError('network', 'hls.js could not be loaded: check the network and reload the page.', { cause });
    },
  );
}

/**
 * The package's copy of hls.js's worker (dist/hls.worker.js, two folders up from dist/lib/hls/). Bundlers that know
 * `new URL('…', import.meta.url)` (Vite, webpack 5, Parcel, Rollup with a URL plugin) copy it into
 * the app's build, so it is served from the app's own origin as Worker requires.
 */
export function hlsWorkerUrl(): string {
  return new URL('../../hls.worker.js', import.meta.url).href;
}
