import type { HlsConfig, LoaderResponse, LoadPolicy, RetryConfig } from 'hls.js';
import { loadRetryDecision, type LoadRetryBudget } from './retry-policy.js';

type PolicyName = 'manifestLoadPolicy' | 'playlistLoadPolicy' | 'fragLoadPolicy';
export type CdnLoadPolicies = Pick<HlsConfig, PolicyName>;

/** How many retries each kind of load gets; see {@link LoadRetryBudget}. */
const budgets: Record<PolicyName, Omit<LoadRetryBudget, 'errorTtlMs'>> = {
  // The stream was just found, so a 404 on its master playlist is a cached one: ride it out once.
  manifestLoadPolicy: { notFoundRetries: 1, transientRetries: 2 },
  // A media playlist gone for longer than three TTLs means the broadcast is over; the player reports ended.
  playlistLoadPolicy: { notFoundRetries: 3, transientRetries: 2 },
  // A part or segment still missing after its cached 404 expired is really missing: hls.js skips it.
  fragLoadPolicy: { notFoundRetries: 1, transientRetries: 3 },
};

/** Most URLs remembered at once; failures are rare, so this only bounds a pathological case. */
const maxRememberedAges = 64;

/**
 * The `Age` of each URL's last failed response. Why: hls.js hands `shouldRetry` the status but not
 * the headers, so the loader records the age it sees and the retry rule reads it back by URL.
 */
export class FailedResponseAges {
  readonly #ages = new Map<string, number>();

  record(url: string, ageSeconds: number | null): void {
    this.#ages.delete(url);
    if (ageSeconds === null || !Number.isFinite(ageSeconds)) return;
    this.#ages.set(url, ageSeconds);
    if (this.#ages.size > maxRememberedAges) this.#ages.delete(this.#ages.keys().next().value!);
  }

  /** The recorded age, forgotten once read so that a later failure is not timed by a stale one. */
  take(url: string | undefined): number | null {
    if (url === undefined) return null;
    const age = this.#ages.get(url) ?? null;
    this.#ages.delete(url);
    return age;
  }
}

export interface CdnRetryOptions {
  /** How long the CDN caches a 404, in ms. */
  errorTtlMs: number;
  ages: FailedResponseAges;
}

function retryConfigFor(base: RetryConfig | null, budget: Omit<LoadRetryBudget, 'errorTtlMs'>, options: CdnRetryOptions): RetryConfig {
  return {
    ...(base ?? { retryDelayMs: 0, maxRetryDelayMs: 0 }),
    // hls.js stops at maxNumRetry before asking; our own budget decides within it.
    maxNumRetry: Math.max(budget.notFoundRetries, budget.transientRetries),
    backoff: 'linear',
    shouldRetry(retryConfig, retryCount, isTimeout, response: LoaderResponse | undefined) {
      const decision = loadRetryDecision(
        { status: response?.code, isTimeout, retryCount, ageSeconds: options.ages.take(response?.url) },
        { ...budget, errorTtlMs: options.errorTtlMs },
      );
      if (decision.retry && retryConfig) {
        // hls.js computes the delay right after asking, from this same object; with a linear backoff
        // and both bounds set to our delay, it waits exactly that long (e.g. until the cached 404 expires).
        retryConfig.retryDelayMs = decision.delayMs;
        retryConfig.maxRetryDelayMs = decision.delayMs;
      }
      return decision.retry;
    },
  };
}

/**
 * hls.js load policies that retry CloudFront's cached 404s on the error TTL's rhythm instead of
 * failing at once, and hand longer failures to the player. Timeout retries keep hls.js's defaults,
 * which LL-HLS blocking reloads rely on.
 */
export function cdnLoadPolicies(defaults: CdnLoadPolicies, options: CdnRetryOptions): CdnLoadPolicies {
  const policy = (name: PolicyName): LoadPolicy => {
    const base = defaults[name].default;
    return { default: { ...base, errorRetry: retryConfigFor(base.errorRetry, budgets[name], options) } };
  };
  return {
    manifestLoadPolicy: policy('manifestLoadPolicy'),
    playlistLoadPolicy: policy('playlistLoadPolicy'),
    fragLoadPolicy: policy('fragLoadPolicy'),
  };
}
