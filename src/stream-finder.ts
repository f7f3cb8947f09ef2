import { PlayerError } from './player-error.js';
import { backoffDelay, nextProbeDelay, outageBackoffCapMs, type TimerFunctions } from './retry-policy.js';
import { probeStream, type ProbedPlaylist, type ProbeOptions, type ProbeResult } from './stream-probe.js';
import type { AuthParams, StreamCandidate } from './stream-url.js';

/** Why nothing plays yet: every candidate 404s, the broadcast is over, or the CDN is failing. */
export type SearchState = 'not-found' | 'ended' | 'unreachable';

export interface Timers extends TimerFunctions {
  now(): number;
}

export const browserTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (callback, milliseconds) => globalThis.setTimeout(callback, milliseconds),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};

export interface FindStreamOptions {
  candidates: readonly StreamCandidate[];
  auth: AuthParams;
  /** How long the CDN caches a 404 (CloudFront's Error Caching Minimum TTL). */
  errorTtlSeconds: number;
  /** Give up after this long; null waits for as long as the page stays open. */
  maxWaitSeconds: number | null;
  signal: AbortSignal;
  onSearchState(state: SearchState): void;
  /** A probe received a live playlist (see ProbeOptions.onPlaylist): the stream is almost surely there. */
  onPlaylist?(): void;
  probe?: (url: string, options: ProbeOptions) => Promise<ProbeResult>;
  timers?: Timers;
}

/** The candidate that plays, and the playlists its probe downloaded (for hls.js, so it need not load them again). */
export interface FoundStream {
  candidate: StreamCandidate;
  playlists: readonly ProbedPlaylist[];
}

/**
 * Finds the first play-order candidate that is live. Every candidate is probed at once, then each
 * again when its cached 404 expires (one request per URL per CDN cache window), and the first in
 * play order that is available wins. Rejects with `stream-not-found` after `maxWaitSeconds`, or
 * with the abort reason.
 */
export function findStream(options: FindStreamOptions): Promise<FoundStream> {
  const { candidates, auth, signal, onSearchState, onPlaylist } = options;
  const probe = options.probe ?? probeStream;
  const timers = options.timers ?? browserTimers;
  const errorTtlMs = options.errorTtlSeconds * 1000;
  const results: (ProbeResult | null)[] = candidates.map(() => null);
  const failures: number[] = candidates.map(() => 0);
  const pending = new Set<unknown>();
  let lastState: SearchState | null = null;
  let settled = false;

  return new Promise<FoundStream>((resolve, reject) => {
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      for (const handle of pending) timers.clearTimeout(handle);
      pending.clear();
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => finish(() => reject(signal.reason));
    const schedule = (milliseconds: number, callback: () => void): void => {
      const handle = timers.setTimeout(() => {
        pending.delete(handle);
        callback();
      }, milliseconds);
      pending.add(handle);
    };

    const evaluate = (): void => {
      for (const [index, result] of results.entries()) {
        if (result === null) return; // a candidate earlier in play order has not answered yet
        if (result.outcome === 'available') return finish(() => resolve({ candidate: candidates[index]!, playlists: result.playlists ?? [] }));
      }
      const outcomes = results.map((result) => result!.outcome);
      const state: SearchState = outcomes.every((outcome) => outcome === 'failed')
        ? 'unreachable'
        : outcomes.includes('ended')
          ? 'ended'
          : 'not-found';
      if (state !== lastState) onSearchState(state);
      lastState = state;
    };

    const nextDelay = (index: number, result: ProbeResult): number => {
      if (result.outcome === 'failed') return backoffDelay(failures[index]++, { maxMs: outageBackoffCapMs(errorTtlMs) });
      failures[index] = 0;
      if (result.outcome === 'not-found') return nextProbeDelay({ errorTtlMs, ageSeconds: result.ageSeconds });
      // An ended playlist is not cached as an error; looking once per TTL keeps the same rhythm.
      return nextProbeDelay({ errorTtlMs, ageSeconds: null });
    };

    const probeCandidate = async (index: number): Promise<void> => {
      let result: ProbeResult;
      try {
        result = await probe(candidates[index]!.url, { signal, auth, onPlaylist });
      } catch {
        return; // aborted: finish() has already settled the promise
      }
      if (settled) return;
      results[index] = result;
      evaluate();
      if (!settled) schedule(nextDelay(index, result), () => void probeCandidate(index));
    };

    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    if (options.maxWaitSeconds !== null) {
      const seconds = options.maxWaitSeconds;
      schedule(seconds * 1000, () =>
        finish(() =>
          reject(new PlayerError('stream-not-found', `The stream did not become available within ${seconds} s.`, { attribute: 'max-wait' })),
        ),
      );
    }
    candidates.forEach((_candidate, index) => void probeCandidate(index));
  });
}
