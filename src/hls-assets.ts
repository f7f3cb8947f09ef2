import type { HlsBuild } from './hls-build.js';
import type { HlsConstructor } from './load-hls.js';
import { PlayerError } from './player-error.js';

// Where hls.js and its transmux worker come from when this code runs from source, as in this
// repository's tests. The builds swap this module (vite.config.ts): the npm package for
// hls-assets.package.ts, the drop-in scripts for hls-assets.drop-in.ts.

export function importHls(build: HlsBuild): Promise<HlsConstructor> {
  const module = build === 'full' ? import('hls.js') : import('hls.js/light');
  return module.then(
    (loaded) => loaded.default,
    (cause: unknown) => {
      throw new PlayerError('network', 'hls.js could not be loaded: check the network and reload the page.', { cause });
    },
  );
}

/** hls.js's own worker file, which the test runner serves from the repository's node_modules. */
export function hlsWorkerUrl(): string {
  return new URL('../node_modules/hls.js/dist/hls.worker.js', import.meta.url).href;
}
