import type Hls from 'hls.js';

/** The hls.js class (light or full build), as load-hls.ts and each hls-assets flavour hand it over. */
export type HlsConstructor = typeof Hls;
