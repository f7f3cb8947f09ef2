/**
 * Pure retry timing for a live stream behind CloudFront: no clock, no timers (the callers own them,
 * injected where tests need them), and the jitter's randomness injectable so that tests are exact.
 *
 * Why: CloudFront caches a 404 for the distribution's Error Caching Minimum TTL (3 s in the seed
 * setup). A retry before that expires only fetches the cached 404 again; a retry much later
 * wastes the viewer's time. So: retry just after expiry, and at most once per URL per window.
 *
 * Inputs are the project's own numbers (the validated `error-ttl`, retry counters) or an `Age`
 * already checked where it was read (stream-probe, cdn-retry), so nothing here re-validates them.
 */

/**
 * How long to wait before asking again for a URL whose last answer was a (possibly cached) 404.
 * With `Age` (whole seconds, so the real age is in [Age, Age+1)) it waits until the latest possible
 * expiry plus a 200 ms margin for clock skew, `max(0, errorTtlMs - Age*1000) + 200`, so it is never
 * early; without `Age` (null: no header, or CORS hides it) it waits a full TTL plus the margin plus
 * up to 300 ms of jitter so that many viewers do not retry in lockstep. `random` returns [0, 1);
 * `() => 0` gives the earliest moment a new request can get a fresh answer.
 */
export function nextProbeDelay(errorTtlMs: number, ageSeconds?: number | null, random = Math.random): number {
  // Flooring a fractional Age (hls.js parses it as a float) keeps the estimate late, never early.
  return ageSeconds == null ? errorTtlMs + 200 + random() * 300 : Math.max(0, errorTtlMs - Math.floor(ageSeconds) * 1000) + 200;
}

/** Options for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Upper bound for any delay, in ms (default 8000). */
  maxMs?: number;
  /** Source of randomness in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based) after a 5xx, timeout or network failure:
 * capped exponential backoff with "equal jitter", uniformly in [cap/2, cap] where
 * cap = min(maxMs, 500 ms * 2^attempt). Why: spreads viewers out after an origin outage
 * without ever exceeding `maxMs`, and never retries at once.
 */
export function backoffDelay(attempt: number, { maxMs = 8000, random = Math.random }: BackoffOptions = {}): number {
  // 2 ** attempt is Infinity for huge attempts, which the cap absorbs.
  const cap = Math.min(maxMs, 500 * 2 ** attempt);
  return (cap / 2) * (1 + random());
}

/**
 * The longest pause between attempts while the origin fails: one error TTL, but at least 1 s. Why:
 * an outage's end is noticed within a TTL (CloudFront should not cache 5xx, see the README recipe),
 * and a TTL of 0 must not turn retries into a busy loop.
 */
export function outageBackoffCapMs(errorTtlMs: number): number {
  return Math.max(1000, errorTtlMs);
}

/** How often a failed load is retried before the failure goes to the player. */
export interface LoadRetryBudget {
  /** Retries of a 404 or 410, each just after the CDN's cached copy expires. */
  notFoundRetries: number;
  /** Retries of a timeout, 408, 429, 5xx or missing response, with a backoff. */
  transientRetries: number;
}

/** What {@link loadRetryDelay} knows of one failed load. */
export interface FailedLoad {
  /** The response's HTTP status; 0 or undefined when there was no response (offline, CORS, DNS). */
  status: number | undefined;
  isTimeout: boolean;
  /** How many times this load has been retried already. */
  retryCount: number;
  /** The failed response's `Age`, when the CDN served it from cache and CORS exposes it; else null. */
  ageSeconds: number | null;
  /** How long the CDN caches a 404, in ms. */
  errorTtlMs: number;
  budget: LoadRetryBudget;
}

/**
 * Whether and when to retry a failed playlist, segment or part load: the delay in ms, or undefined
 * to give up and report the failure. Why: hls.js never retries a 4xx, yet behind CloudFront a 404
 * mid-stream is usually a part or playlist asked for a moment before the origin wrote it, and the
 * CDN keeps serving that 404 for the error TTL. So:
 * - 404/410 are retried just after the cached copy expires ({@link nextProbeDelay}), `notFoundRetries` times;
 * - timeouts, 408, 429, 5xx and no response at all are transient: retried `transientRetries` times
 *   with {@link backoffDelay}, capped at the TTL ({@link outageBackoffCapMs}) so recovery after an
 *   outage is quick;
 * - other 4xx (401, 403: a bad token) will not fix themselves and are final.
 */
export function loadRetryDelay({ status, isTimeout, retryCount, ageSeconds, errorTtlMs, budget }: FailedLoad): number | undefined {
  if (status === 404 || status === 410) {
    return retryCount < budget.notFoundRetries ? nextProbeDelay(errorTtlMs, ageSeconds) : undefined;
  }
  const transient = isTimeout || !status || status === 408 || status === 429 || status >= 500;
  if (transient && retryCount < budget.transientRetries) {
    return backoffDelay(retryCount, { maxMs: outageBackoffCapMs(errorTtlMs) });
  }
  return undefined;
}
