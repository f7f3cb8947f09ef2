import type { HlsConfig, LoaderResponse, LoadPolicy } from 'hls.js';
import { loadRetryDelay, nextProbeDelay, type LoadRetryBudget } from './retry-policy.js';

type PolicyName = 'manifestLoadPolicy' | 'playlistLoadPolicy' | 'fragLoadPolicy';
export type CdnLoadPolicies = Pick<HlsConfig, PolicyName>;

/** What the loader remembers of one URL's last failed response. */
interface FailureRecord {
  /** The response's `Age`; null when unknown or already read. */
  ageSeconds: number | null;
  /** When the CDN's cached 404 for the URL expires (clock ms); 0 if the failure was not a 404. */
  cachedUntil: number;
}

/** How many failed URLs are remembered: a long LL-HLS session fails on many parts asked for early. */
const maxRecords = 64;

/**
 * What the loader saw of failed responses, by URL. Why: hls.js hands `shouldRetry` the status but
 * not the headers, so the retry rule reads the `Age` back from here; and hls.js sometimes asks for a
 * URL again on its own (a preload hint, then the listed part) while the CDN still caches its 404,
 * so the loader holds such a request until the cached copy has expired.
 */
export class CdnFailures {
  readonly #records = new Map<string | undefined, FailureRecord>();
  readonly #errorTtlMs: number;
  readonly #now: () => number;

  constructor({ errorTtlMs, now = () => performance.now() }: { errorTtlMs: number; now?: () => number }) {
    this.#errorTtlMs = errorTtlMs;
    this.#now = now;
  }

  /** `ageSeconds` comes from hls.js's parse of the Age header: anything but a number >= 0 counts as unknown. */
  record(url: string, status: number, ageSeconds: number | null): void {
    const age = typeof ageSeconds === 'number' && ageSeconds >= 0 ? ageSeconds : null;
    const cachedByCdn = status === 404 || status === 410;
    // Without jitter: the earliest moment a new request can get a fresh answer.
    const cachedUntil = cachedByCdn ? this.#now() + nextProbeDelay(this.#errorTtlMs, age, () => 0) : 0;
    // Deleted first so that the map's insertion order stays oldest-first.
    this.#records.delete(url);
    this.#records.set(url, { ageSeconds: age, cachedUntil });
    // The oldest record, long expired, is forgotten.
    if (this.#records.size > maxRecords) this.#records.delete(this.#records.keys().next().value);
  }

  /** The recorded age, forgotten once read so that a later failure is not timed by a stale one. */
  takeAge(url: string | undefined): number | null {
    const record = this.#records.get(url);
    if (!record) return null;
    const age = record.ageSeconds;
    record.ageSeconds = null;
    return age;
  }

  /** Milliseconds until the CDN's cached 404 for `url` expires; 0 when a request now would reach the origin. */
  waitBeforeLoading(url: string): number {
    return Math.max(0, (this.#records.get(url)?.cachedUntil ?? 0) - this.#now());
  }
}

export interface CdnRetryOptions {
  /** How long the CDN caches a 404, in ms. */
  errorTtlMs: number;
  failures: CdnFailures;
}

/**
 * hls.js load policies that retry CloudFront's cached 404s on the error TTL's rhythm instead of
 * failing at once, and hand longer failures to the player. Timeout retries keep hls.js's defaults,
 * which LL-HLS blocking reloads rely on.
 */
export function cdnLoadPolicies(defaults: CdnLoadPolicies, { errorTtlMs, failures }: CdnRetryOptions): CdnLoadPolicies {
  const policy = ({ default: base }: LoadPolicy, budget: LoadRetryBudget): LoadPolicy => {
    return {
      default: {
        ...base,
        errorRetry: {
          // hls.js's delays stay for the rare case it retries without asking (a fragment with no alternate).
          ...base.errorRetry!,
          // hls.js never retries past maxNumRetry; our own budget decides within it.
          maxNumRetry: Math.max(budget.notFoundRetries, budget.transientRetries),
          backoff: 'linear',
          shouldRetry(retryConfig, retryCount, isTimeout, response: LoaderResponse | undefined) {
            const delay = loadRetryDelay({
              status: response?.code,
              isTimeout,
              retryCount,
              ageSeconds: failures.takeAge(response?.url),
              errorTtlMs,
              budget,
            });
            if (delay === undefined) return false;
            // hls.js computes the delay right after asking, from this same object; with a linear backoff
            // and both bounds set to our delay, it waits exactly that long (e.g. until the cached 404 expires).
            retryConfig!.retryDelayMs = retryConfig!.maxRetryDelayMs = delay;
            return true;
          },
        },
      },
    };
  };
  return {
    // The stream was just found, so a 404 on its master playlist is a cached one: ride it out once.
    manifestLoadPolicy: policy(defaults.manifestLoadPolicy, { notFoundRetries: 1, transientRetries: 2 }),
    // A media playlist gone for longer than three TTLs means the broadcast is over; the player reports ended.
    playlistLoadPolicy: policy(defaults.playlistLoadPolicy, { notFoundRetries: 3, transientRetries: 2 }),
    // A part or segment still missing after its cached 404 expired is really missing: hls.js skips it.
    fragLoadPolicy: policy(defaults.fragLoadPolicy, { notFoundRetries: 1, transientRetries: 3 }),
  };
}
