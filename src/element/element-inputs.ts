import type { HlsConfig } from 'hls.js';
import type { PlayerSettings } from '../player/stream-player.js';
import { credentialedUrl } from '../urls/request-credentials.js';
import { previewImageUrl, skippedPlayOrderEntries, streamCandidates, streamCredentials, type PageLocation, type StreamInputs } from '../urls/stream-url.js';
import { parseCrossOrigin, parseSeconds } from './player-inputs.js';

/** The element's inputs that a start reads (the element has every one of them). */
export interface ElementInputs extends StreamInputs {
  crossOrigin?: string | null;
  targetLatency?: string | number | null;
  errorTtl?: string | number | null;
  maxWait?: string | number | null;
  audioTrack?: string | null;
  captions?: string | null;
  hlsConfig?: Partial<HlsConfig> | null;
  autoplay?: boolean;
  noPreview?: boolean;
}

/**
 * The inputs that apply as they are, without a new start: whether and how the video plays, the
 * controls, and the captions shown. Every other input changes which stream plays or how, so a
 * change of it reloads the player (a new input reloads unless it is named here).
 */
export const inputsAppliedInPlace: ReadonlySet<string> = new Set(['captions', 'autoplay', 'muted', 'playsinline', 'controls', 'stats', 'poster', 'status']);

/** What a start needs, read from the element's inputs. */
export interface StartPlan {
  settings: PlayerSettings;
  /** AMS's preview image of the stream, with the viewer's credentials; null with `no-preview`. */
  previewImage: string | null;
  /** The preview goes with cookies (`crossorigin="use-credentials"`), as every request does. */
  previewWithCredentials: boolean;
  /** Play-order entries the element does not play (AMS links carry "webrtc,hls"), each with why. */
  skipped: string[];
}

/**
 * Every input validated before any request, so a bad attribute never reaches the network: throws a
 * PlayerError naming the attribute (player-inputs.ts, stream-url.ts).
 */
export function planStart(inputs: ElementInputs, page: PageLocation): StartPlan {
  const withCredentials = parseCrossOrigin(inputs.crossOrigin);
  const settings: PlayerSettings = {
    candidates: streamCandidates(inputs, page, { cookies: withCredentials }),
    targetLatency: parseSeconds(inputs.targetLatency, 'target-latency', { fallback: null }),
    errorTtlSeconds: parseSeconds(inputs.errorTtl, 'error-ttl', { fallback: 3, allowZero: true })!,
    maxWaitSeconds: parseSeconds(inputs.maxWait, 'max-wait', { fallback: null }),
    userConfig: inputs.hlsConfig,
    autoplay: inputs.autoplay,
    audioTrack: inputs.audioTrack,
    captions: inputs.captions,
  };
  const previewCredentials = streamCredentials({ inputs, page, cookies: withCredentials, backup: false });
  return {
    settings,
    previewImage: inputs.noPreview ? null : credentialedUrl(previewImageUrl(inputs, page), previewCredentials),
    previewWithCredentials: withCredentials,
    skipped: skippedPlayOrderEntries(inputs.playOrder),
  };
}
