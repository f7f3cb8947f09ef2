import type { LoaderCallbacks, LoaderConfiguration, LoaderContext } from 'hls.js';
import type { CdnFailures } from '../cdn/cdn-retry.js';
import type { LoaderClass } from './playlist-loader.js';
import { credentialedUrl, type RequestCredentials } from '../urls/request-credentials.js';

/**
 * hls.js's loader for segments, parts and keys, with two steps added: the viewer's token on every
 * request to the stream's origin (AMS's own player signs only the manifest, so secured segments failed), and a request
 * for a URL whose 404 the CDN still caches held until that cache entry expires; failures are
 * recorded for that rule.
 */
export function fragmentLoader(Base: LoaderClass, credentials: RequestCredentials, failures: CdnFailures): LoaderClass {
  return class FragmentLoader extends Base {
    #cancelHold = (): void => {};

    override load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      context.url = credentialedUrl(context.url, credentials);
      const recorded: LoaderCallbacks<LoaderContext> = {
        ...callbacks,
        onError: (error, failedContext, ...rest) => {
          failures.record(failedContext.url, error.code, this.getCacheAge?.() ?? null);
          callbacks.onError(error, failedContext, ...rest);
        },
      };
      const load = (): void => super.load(context, config, recorded);
      const wait = failures.waitBeforeLoading(context.url);
      if (wait <= 0) return load();
      const held = setTimeout(load, wait);
      this.#cancelHold = () => clearTimeout(held);
    }

    override abort(): void {
      this.#cancelHold();
      super.abort();
    }

    override destroy(): void {
      this.#cancelHold();
      super.destroy();
    }
  };
}
