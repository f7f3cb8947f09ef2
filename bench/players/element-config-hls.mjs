// hls.js with the element's own configuration and nothing else of the element: the playlist
// loader fills in PART-HOLD-BACK as src/hls-session.ts does. Bundled by bench/bundles.mjs from
// src/, so the benchmark always measures the configuration the element ships.
import Hls from 'hls.js';
import { lowLatencyConfig, withDerivedPartHoldBack } from '../../src/hls-config.ts';

export { Hls };

/** @param {'ll-hls' | 'hls'} playOrder */
export function createHlsWithElementConfig(playOrder) {
  const BaseLoader = Hls.DefaultConfig.loader;
  class PlaylistLoader extends BaseLoader {
    load(context, config, callbacks) {
      super.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, loadedContext, details) => {
          if (typeof response.data === 'string') response.data = withDerivedPartHoldBack(response.data);
          callbacks.onSuccess(response, stats, loadedContext, details);
        },
      });
    }
  }
  return new Hls({ ...lowLatencyConfig({ playOrder, targetLatency: null }), pLoader: PlaylistLoader });
}
