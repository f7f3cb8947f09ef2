import type { HlsConfig, LoaderResponse, LoadPolicy, RetryConfig } from 'hls.js';
import { loadRetryDecision, nextProbeDelay, type LoadRetryBudget } from './retry-policy.js';

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
const maxRememberedFailures = 64;

interface FailureRecord {
  ageSeconds: number | null;
  /** When the CDN's cached 404 for this URL expires (clock ms); null when the failure was not a 404. */
  cachedUntil: number | null;
}

/**
 * What the loader saw of failed responses, by URL. Why: hls.js hands `shouldRetry` the status but
 * not the headers, so the retry rule reads the `Age` back from here; and hls.js sometimes asks for a
 * URL again on its own (a preload hint, then the listed part) while the CDN still caches its 404,
 * so the loader holds such a request until the cached copy has expired.
 */
export class CdnFailures {
  readonly #records = new Map<string, FailureRecord>();
  readonly #errorTtlMs: number;
  readonly #now: () => number;

  constructor({ errorTtlMs, now = () => performance.now() }: { errorTtlMs: number; now?: () => number }) {
    this.#errorTtlMs = errorTtlMs;
    this.#now = now;
  }

  record(url: string, status: number, ageSeconds: number | null): void {
    const age = ageSeconds !== null && Number.isFinite(ageSeconds) ? ageSeconds : null;
    const notFound = status === 404 || status === 410;
    // Without jitter: the earliest moment a new request can get a fresh answer.
    const cachedUntil = notFound ? this.#now() + nextProbeDelay({ errorTtlMs: this.#errorTtlMs, ageSeconds: age, jitterMs: 0 }) : null;
    this.#records.delete(url);
    this.#records.set(url, { ageSeconds: age, cachedUntil });
    if (this.#records.size > maxRememberedFailures) this.#records.delete(this.#records.keys().next().value!);
  }

  /** The recorded age, forgotten once read so that a later failure is not timed by a stale one. */
  takeAge(url: string | undefined): number | null {
    const record = url === undefined ? undefined : this.#records.get(url);
    if (!record) return null;
    const age = record.ageSeconds;
    record.ageSeconds = null;
    return age;
  }

  /** Milliseconds until the CDN's cached 404 for `url` expires; 0 when a request now would reach the origin. */
  waitBeforeLoading(url: string): number {
    const cachedUntil = this.#records.get(url)?.cachedUntil ?? null;
    return cachedUntil === null ? 0 : Math.max(0, cachedUntil - this.#now());
  }
}

export interface CdnRetryOptions {
  /** How long the CDN caches a 404, in ms. */
  errorTtlMs: number;
  failures: CdnFailures;
}

function retryConfigFor(base: RetryConfig | null, budget: Omit<LoadRetryBudget, 'errorTtlMs'>, options: CdnRetryOptions): RetryConfig {
  return {
    ...(base ?? { retryDelayMs: 0, maxRetryDelayMs: 0 }),
    // hls.js stops at maxNumRetry before asking; our own budget decides within it.
    maxNumRetry: Math.max(budget.notFoundRetries, budget.transientRetries),
    backoff: 'linear',
    shouldRetry(retryConfig, retryCount, isTimeout, response: LoaderResponse | undefined) {
      const decision = loadRetryDecision(
        { status: response?.code, isTimeout, retryCount, ageSeconds: options.failures.takeAge(response?.url) },
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
