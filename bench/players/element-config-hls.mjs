// hls.js with the element's own configuration and nothing else of the element: the same hls.js
// build and worker the drop-in loads (src/hls/load-hls.ts), src/hls/hls-tuning.ts's settings, and a playlist
// loader that applies the element's playlist rewrites (rewrittenPlaylist) as src/hls/hls-session.ts
// does. Bundled by bench/bundles.mjs from src/, so the benchmark always measures what the element ships.
import { loadHls } from '../../src/hls/load-hls.ts';
import { lowLatencyConfig } from '../../src/hls/hls-tuning.ts';
import { rewrittenPlaylist, withServerSequence } from '../../src/hls/hls-workarounds.ts';

/** @param {'ll-hls' | 'hls'} playOrder */
export async function createHlsWithElementConfig(playOrder) {
  const Hls = await loadHls();
  const BaseLoader = Hls.DefaultConfig.loader;
  class PlaylistLoader extends BaseLoader {
    load(context, config, callbacks) {
      context.url = withServerSequence(context.url);
      super.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, loadedContext, details) => {
          if (typeof response.data === 'string') response.data = rewrittenPlaylist(response.data);
          callbacks.onSuccess(response, stats, loadedContext, details);
        },
      });
    }
  }
  return { Hls, hls: new Hls({ ...lowLatencyConfig({ playOrder, targetLatency: null }), pLoader: PlaylistLoader }) };
}
