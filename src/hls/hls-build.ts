import type { HlsConfig } from 'hls.js';

/**
 * Which hls.js build to load. `light` (about 120 KB gzipped instead of 190 KB) plays HLS, LL-HLS,
 * ABR, MPEG-TS and fMP4, AES-128. The full build adds DRM (EME), subtitles and captions, CMCD,
 * interstitials, alternate audio renditions and content steering.
 */
export type HlsBuild = 'light' | 'full';

/** hlsConfig settings that, when set (truthy), ask for a feature only the full build has. */
const fullBuildSettings = ['emeEnabled', 'widevineLicenseUrl', 'enableWebVTT', 'enableIMSC1', 'enableCEA708Captions', 'cmcd', 'enableInterstitialPlayback'] as const;

/**
 * Renditions only the full build plays, as a master playlist declares them: an audio rendition of
 * its own (AMS publishes several audio tracks so), subtitles, or closed captions.
 */
const fullBuildRendition = /^#EXT-X-MEDIA:(?=.*TYPE=(?:SUBTITLES|CLOSED-CAPTIONS|AUDIO\b.*URI=))/m;

/**
 * The full build when the page's `hlsConfig` asks for a feature the light build lacks (DRM,
 * subtitles and captions, CMCD, interstitials), when the page asks for captions (`captionsWanted`:
 * only the full build reads CEA-608 captions in the video, which a bare media playlist, as AMS
 * publishes, never declares), or when the stream's master playlist (`playlist`, the first one the
 * probe read) has renditions only it plays; the light build otherwise.
 */
export function hlsBuildFor(config: Partial<HlsConfig> | null | undefined, playlist = '', captionsWanted = false): HlsBuild {
  const asked = config && (fullBuildSettings.some((name) => config[name]) || Object.keys(config.drmSystems ?? {}).length);
  return asked || captionsWanted || fullBuildRendition.test(playlist) ? 'full' : 'light';
}
