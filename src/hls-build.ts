import type { HlsConfig } from 'hls.js';

/**
 * Which hls.js build to load. `light` (about 120 KB gzipped instead of 190 KB) plays everything AMS
 * publishes: HLS, LL-HLS, ABR, MPEG-TS and fMP4, AES-128. The full build adds DRM (EME), subtitles
 * and captions, CMCD, interstitials, alternate audio renditions and content steering.
 */
export type HlsBuild = 'light' | 'full';

/** hlsConfig settings that, when set (truthy), ask for a feature only the full build has. */
const fullBuildSettings = ['emeEnabled', 'widevineLicenseUrl', 'enableWebVTT', 'enableIMSC1', 'enableCEA708Captions', 'cmcd', 'enableInterstitialPlayback'] as const;

/**
 * The full build when the page's `hlsConfig` asks for a feature the light build lacks (DRM,
 * subtitles and captions, CMCD, interstitials); the light build otherwise. Alternate audio and
 * content steering come from the playlist, not the config, so they cannot be seen here: AMS
 * publishes neither.
 */
export function hlsBuildFor(config: Partial<HlsConfig> | null | undefined): HlsBuild {
  const full = config && (fullBuildSettings.some((name) => config[name]) || Object.keys(config.drmSystems ?? {}).length);
  return full ? 'full' : 'light';
}
