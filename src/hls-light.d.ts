// hls.js's package exports `hls.js/light` without types; its API is the full build's, less features.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
