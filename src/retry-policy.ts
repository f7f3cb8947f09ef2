/**
 * Pure retry timing for a live stream behind CloudFront. Clock, randomness and timers are
 * injected so that the policy can be tested without waiting.
 *
 * Why: CloudFront caches a 404 for the distribution's Error Caching Minimum TTL (3 s in the seed
 * setup). A retry before that expires only fetches the cached 404 again; a retry much later
 * wastes the viewer's time. So: retry just after expiry, and at most once per URL per window.
 */

/** The seed distribution's Error Caching Minimum TTL for 404, in milliseconds. */
export const DEFAULT_ERROR_TTL_MS = 3000;

/** Largest delay `setTimeout` honours; larger values overflow and fire at once. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** A finite, non-negative number, or the fallback. */
function nonNegative(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** `random()` clamped to [0, 1] so that a bad injected source cannot produce negative or huge delays. */
function unit(random: () => number): number {
  const r = random();
  return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
}

/** Options for {@link nextProbeDelay}. */
export interface ProbeDelayOptions {
  /** How long the CDN caches a 404 (Error Caching Minimum TTL), in ms. */
  errorTtlMs: number;
  /** The cached 404's `Age` header in whole seconds, or null/undefined when unreadable (no CORS expose). */
  ageSeconds?: number | null;
  /** Added after the computed expiry to absorb clock skew and rounding (default 200). */
  marginMs?: number;
  /** Spread added when `Age` is unknown so that many viewers do not retry in lockstep (default 300). */
  jitterMs?: number;
  /** Source of randomness in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/**
 * How long to wait before probing a URL whose last answer was a (possibly cached) 404.
 * With `Age` (whole seconds, so the real age is in [Age, Age+1)) it waits until the latest possible
 * expiry, `max(0, errorTtlMs - Age*1000) + marginMs`, so it is never early; without `Age` it waits a
 * full TTL plus margin plus jitter, `errorTtlMs + marginMs + random()*jitterMs`.
 */
export function nextProbeDelay(options: ProbeDelayOptions): number {
  const errorTtlMs = nonNegative(options.errorTtlMs, DEFAULT_ERROR_TTL_MS);
  const marginMs = nonNegative(options.marginMs, 200);
  const jitterMs = nonNegative(options.jitterMs, 300);
  const random = options.random ?? Math.random;
  const age = options.ageSeconds;
  if (typeof age === 'number' && Number.isFinite(age) && age >= 0) {
    // Age is truncated to whole seconds; flooring a fractional value keeps the estimate late, never early.
    return Math.max(0, errorTtlMs - Math.floor(age) * 1000) + marginMs;
  }
  return errorTtlMs + marginMs + unit(random) * jitterMs;
}

/** Options for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay scale for the first attempt, in ms (default 500). */
  baseMs?: number;
  /** Upper bound for any delay, in ms (default 8000). */
  maxMs?: number;
  /** Source of randomness in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based) after a 5xx, timeout or network failure:
 * capped exponential backoff with "equal jitter", uniformly in [cap/2, cap] where
 * cap = min(maxMs, baseMs * 2^attempt). Why: spreads viewers out after an origin outage
 * without ever exceeding `maxMs`, and never retries at once.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = nonNegative(options.baseMs, 500);
  const maxMs = nonNegative(options.maxMs, 8000);
  const random = options.random ?? Math.random;
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.min(Math.floor(attempt), 52) : 0;
  const cap = Math.min(maxMs, baseMs * 2 ** n);
  return cap / 2 + unit(random) * (cap / 2);
}

/** What kind of failure a request ended with, which decides how to retry. */
export type FailureKind = 'not-found' | 'server' | 'timeout' | 'client' | 'network';

/** What is known about a failed request. */
export interface FailureInfo {
  /** HTTP status; 0 or undefined when no response arrived (offline, CORS, DNS). */
  status?: number;
  /** Whether the request was aborted by a timeout. */
  isTimeout?: boolean;
}

/**
 * Classifies a failed request. Why: a 404 means "not live yet" and is retried on the CDN's TTL
 * ({@link nextProbeDelay}); `server`, `timeout` and `network` are transient and retried with
 * {@link backoffDelay}; `client` (401, 403, other 4xx) will not fix itself and is reported.
 * - timeout flag or 408 -> `timeout`; 404/410 -> `not-found`; 429 and 5xx -> `server`;
 * - status 0/undefined (no response) -> `network`; anything else -> `client`.
 */
export function classifyFailure(info: FailureInfo): FailureKind {
  const { status, isTimeout } = info;
  if (isTimeout || status === 408) return 'timeout';
  if (status === undefined || status === 0 || !Number.isFinite(status)) return 'network';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429 || (status >= 500 && status <= 599)) return 'server';
  return 'client';
}

/** What is known about one failed load that hls.js is about to retry or give up on. */
export interface LoadFailure extends FailureInfo {
  /** How many times this load has been retried already (0 on the first failure). */
  retryCount: number;
  /** The failed response's `Age` header in seconds, when the CDN served it from cache and CORS exposes it. */
  ageSeconds?: number | null;
}

/** How often a failed load is retried before the failure goes to the player. */
export interface LoadRetryBudget {
  /** The CDN's error cache TTL, in ms: a 404 is retried once this has passed. */
  errorTtlMs: number;
  /** 404s retried on the TTL rhythm: 1 rides out one cached 404; more ride out a stream that is briefly gone. */
  notFoundRetries: number;
  /** 5xx, timeouts and network errors retried with backoff before the player's own reconnect takes over. */
  transientRetries: number;
  /** Source of randomness in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/** Retry after `delayMs`, or give up and report the failure. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Whether and when to retry a failed playlist, segment or part load. Why: hls.js never retries a
 * 4xx, yet behind CloudFront a 404 mid-stream is usually a part or playlist asked for a moment
 * before the origin wrote it, and the CDN keeps serving that 404 for the error TTL. So a 404 is
 * retried just after the cached copy expires ({@link nextProbeDelay}); transient failures back off
 * ({@link backoffDelay}, capped at the TTL so recovery after an outage is quick); other 4xx are final.
 */
export function loadRetryDecision(failure: LoadFailure, budget: LoadRetryBudget): RetryDecision {
  const kind = classifyFailure(failure);
  const attempt = nonNegative(failure.retryCount, 0);
  const errorTtlMs = nonNegative(budget.errorTtlMs, DEFAULT_ERROR_TTL_MS);
  const random = budget.random ?? Math.random;
  if (kind === 'client') return { retry: false };
  if (kind === 'not-found') {
    if (attempt >= budget.notFoundRetries) return { retry: false };
    return { retry: true, delayMs: nextProbeDelay({ errorTtlMs, ageSeconds: failure.ageSeconds, random }) };
  }
  if (attempt >= budget.transientRetries) return { retry: false };
  return { retry: true, delayMs: backoffDelay(attempt, { maxMs: outageBackoffCapMs(errorTtlMs), random }) };
}

/**
 * The longest pause between attempts while the origin fails: one error TTL, but at least 1 s. Why:
 * an outage's end is noticed within a TTL (CloudFront should not cache 5xx, see the README recipe),
 * and a TTL of 0 must not turn retries into a busy loop.
 */
export function outageBackoffCapMs(errorTtlMs: number): number {
  return Math.max(1000, nonNegative(errorTtlMs, DEFAULT_ERROR_TTL_MS));
}

/** The timer functions {@link RetryTimer} uses; inject fakes in tests. */
export interface TimerFunctions {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The global timers, called as plain functions (calling them as methods of another object throws "Illegal invocation"). */
const globalTimers: TimerFunctions = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

/**
 * Holds at most one pending callback. Why: the element must be able to drop every pending retry
 * when it is removed from the page or its attributes change; scheduling again replaces the old one.
 */
export class RetryTimer {
  readonly #timers: TimerFunctions;
  #handle: unknown = undefined;
  #generation = 0;
  #active = false;

  constructor(timers: TimerFunctions = globalTimers) {
    this.#timers = timers;
  }

  /** Whether a callback is scheduled and has not yet run or been cancelled. */
  get pending(): boolean {
    return this.#active;
  }

  /** Schedules `callback` after `delayMs` (clamped to [0, 2^31-1]), cancelling any pending one. */
  schedule(delayMs: number, callback: () => void): void {
    this.cancel();
    const generation = ++this.#generation;
    const ms = Math.min(MAX_TIMER_DELAY_MS, nonNegative(delayMs, 0));
    this.#active = true;
    this.#handle = this.#timers.setTimeout(() => {
      // A timer that fires after cancel() (e.g. a fake that ignores clearTimeout) must not run.
      if (generation !== this.#generation || !this.#active) return;
      this.#active = false;
      this.#handle = undefined;
      callback();
    }, ms);
  }

  /** Cancels the pending callback, if any; safe to call at any time. */
  cancel(): void {
    if (this.#active) this.#timers.clearTimeout(this.#handle);
    this.#generation++;
    this.#active = false;
    this.#handle = undefined;
  }
}
