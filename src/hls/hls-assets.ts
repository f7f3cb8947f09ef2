// Where hls.js and its transmux worker come from when this code runs from source, as in this
// repository's tests. The builds swap this module (vite.config.ts): the npm package for
// hls-assets.package.ts, the drop-in scripts for hls-assets.drop-in.ts.

// hls.js is imported by name here as in the npm package; only the worker's place differs.
export { importHls } from './hls-assets.package.js';

/** hls.js's own worker file, which the test runner serves from the repository's node_modules. */
export function hlsWorkerUrl(): string {
  return new URL('../../node_modules/hls.js/dist/hls.worker.js', import.meta.url).href;
}
