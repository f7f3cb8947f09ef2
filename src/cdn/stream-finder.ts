import { PlayerError } from '../common/player-error.js';
import { backoffDelay, nextProbeDelay, outageBackoffCapMs } from './retry-policy.js';
import { probeStream, type ProbedPlaylist, type ProbeOptions, type ProbeResult } from './stream-probe.js';
import type { StreamCandidate } from '../urls/stream-url.js';

/** Why nothing plays yet: every candidate 404s, the broadcast is over, or the CDN is failing. */
export type SearchState = 'not-found' | 'ended' | 'unreachable';

/** The timers findStream uses; tests inject a fake clock, the page's own timers otherwise. */
export interface Timers {
  setTimeout(callback: () => void, milliseconds: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FindStreamOptions {
  /** Each probed with its own credentials. */
  candidates: readonly StreamCandidate[];
  /** How long the CDN caches a 404 (CloudFront's Error Caching Minimum TTL). */
  errorTtlSeconds: number;
  /** Give up after this long; null waits for as long as the page stays open. */
  maxWaitSeconds: number | null;
  signal: AbortSignal;
  /** Called each time every candidate has answered and none plays (repeats included: the caller keeps the last). */
  onSearchState(state: SearchState): void;
  /** A probe received a live playlist (see ProbeOptions.onPlaylist): the stream is almost surely there. */
  onPlaylist?(text: string): void;
  probe?: (url: string, options: ProbeOptions) => Promise<ProbeResult>;
  timers?: Timers;
}

type AvailableResult = Extract<ProbeResult, { outcome: 'available' }>;

function isAvailable(result: ProbeResult | undefined): result is AvailableResult {
  return result?.outcome === 'available';
}

/**
 * What the candidates' answers so far, in play order, say when every candidate has answered and
 * none plays: one that ended makes it 'ended', else one still to come 'not-found', else 'unreachable'.
 */
function searchState(results: readonly (ProbeResult | undefined)[]): SearchState {
  const outcomes = results.map((result) => result?.outcome);
  if (outcomes.includes('ended')) return 'ended';
  if (outcomes.includes('not-found')) return 'not-found';
  return 'unreachable';
}

/** A fatal error: the CDN's CORS policy refuses cookies, which no retry changes. */
function credentialsRefused(url: string): PlayerError {
  const { origin } = new URL(url);
  return new PlayerError(
    'network',
    `crossorigin: "use-credentials" sends cookies, and ${origin} refuses them: its CORS answer must name this page's origin in Access-Control-Allow-Origin (not "*") and carry Access-Control-Allow-Credentials: true.`,
    { attribute: 'crossorigin' },
  );
}

/** The message never holds the token itself, only the edge's reason. */
function tokenRefused(reason: string): PlayerError {
  return new PlayerError('token-refused', `token: the CDN refused it (${reason}). Get the viewer a new token.`, { attribute: 'token' });
}

/** The candidate that plays, and the playlists its probe downloaded (for hls.js, so it need not load them again). */
export interface FoundStream {
  candidate: StreamCandidate;
  playlists: readonly ProbedPlaylist[];
}

/**
 * Finds the first play-order candidate that is live. Every candidate is probed at once, then each
 * again when its cached 404 expires (one request per URL per CDN cache window), or with a backoff
 * while it is unreachable, and the first in play order that is available wins. Rejects with
 * `stream-not-found` after `maxWaitSeconds`, or with the abort reason.
 */
export function findStream(options: FindStreamOptions): Promise<FoundStream> {
  const { candidates, maxWaitSeconds, signal, probe = probeStream } = options;
  // Called as methods of the global object, so the page's own timers need no binding.
  const timers: Timers = options.timers ?? globalThis;
  const errorTtlMs = options.errorTtlSeconds * 1000;
  const results: (ProbeResult | undefined)[] = candidates.map(() => undefined);
  /** The pending timer of each candidate's next probe. */
  const probeTimers: unknown[] = candidates.map(() => undefined);
  let maxWaitTimer: unknown;
  let settled = false;

  return new Promise<FoundStream>((resolve, reject) => {
    // Throwing here rejects the promise with the abort reason.
    signal.throwIfAborted();
    /** Ends the search before it settles: no further probe, no timer left behind. Settling twice is harmless. */
    const stop = (): void => {
      settled = true;
      // Clearing a timer that has already fired does nothing.
      for (const timer of probeTimers) timers.clearTimeout(timer);
      timers.clearTimeout(maxWaitTimer);
    };
    /** `failedBefore`: how many probes of this candidate in a row found it unreachable. */
    const probeCandidate = (index: number, failedBefore = 0): void =>
      // The options' signal and onPlaylist are the probe's; the credentials are the candidate's.
      void probe(candidates[index]!.url, { ...options, credentials: candidates[index]!.credentials }).then((result) => {
        if (settled) return;
        if (result.outcome === 'credentials-refused' || result.outcome === 'token-refused') {
          stop();
          return reject(result.outcome === 'token-refused' ? tokenRefused(result.reason) : credentialsRefused(candidates[index]!.url));
        }
        results[index] = result;
        // An available candidate wins once every candidate before it in play order has answered otherwise.
        const firstUnanswered = results.findIndex((answer) => answer === undefined);
        const firstAvailable = results.findIndex(isAvailable);
        const winner = results[firstAvailable];
        const beforeAnyUnanswered = firstUnanswered < 0 || firstAvailable < firstUnanswered;
        if (isAvailable(winner) && beforeAnyUnanswered) {
          stop();
          return resolve({ candidate: candidates[firstAvailable]!, playlists: winner.playlists });
        }
        const allAnswered = firstUnanswered < 0;
        if (allAnswered && firstAvailable < 0) options.onSearchState(searchState(results));
        const failed = result.outcome === 'unreachable';
        probeTimers[index] = timers.setTimeout(
          () => probeCandidate(index, failed ? failedBefore + 1 : 0),
          failed
            ? backoffDelay(failedBefore, { maxMs: outageBackoffCapMs(errorTtlMs) })
            : // An ended playlist is not cached as an error (no Age); looking once per TTL keeps the same rhythm.
              nextProbeDelay(errorTtlMs, result.ageSeconds),
        );
        // A rejection is the abort: the abort listener has already settled the promise.
      }, () => {});

    // Left in place after success: a later abort then settles nothing and finds no timer.
    signal.addEventListener('abort', () => {
      stop();
      reject(signal.reason);
    });
    if (maxWaitSeconds !== null) {
      maxWaitTimer = timers.setTimeout(
        () => {
          stop();
          reject(new PlayerError('stream-not-found', `The stream did not start within max-wait (${maxWaitSeconds} s).`));
        },
        maxWaitSeconds * 1000,
      );
    }
    candidates.forEach((_candidate, index) => probeCandidate(index));
  });
}
