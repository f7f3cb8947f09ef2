import { expect } from '@open-wc/testing';
import type { LoadPolicy, RetryConfig } from 'hls.js';
import { cdnLoadPolicies, CdnFailures, type CdnLoadPolicies } from '../../src/cdn/cdn-retry.js';

const hlsDefaults = (): CdnLoadPolicies => {
  const policy = (errorRetry: RetryConfig): LoadPolicy => ({
    default: { maxTimeToFirstByteMs: 10000, maxLoadTimeMs: 20000, timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 }, errorRetry },
  });
  return {
    manifestLoadPolicy: policy({ maxNumRetry: 1, retryDelayMs: 1000, maxRetryDelayMs: 8000 }),
    playlistLoadPolicy: policy({ maxNumRetry: 2, retryDelayMs: 1000, maxRetryDelayMs: 8000 }),
    fragLoadPolicy: policy({ maxNumRetry: 6, retryDelayMs: 1000, maxRetryDelayMs: 8000 }),
  };
};

/** hls.js's own delay rule (utils/error-helper getRetryDelay), applied after shouldRetry. */
function hlsRetryDelay(config: RetryConfig, retryCount: number): number {
  const factor = config.backoff === 'linear' ? 1 : 2 ** retryCount;
  return Math.min(factor * config.retryDelayMs, config.maxRetryDelayMs);
}

function ask(config: RetryConfig, retryCount: number, code: number, url = 'https://cdn.test/a.m3u8'): number | null {
  const retry = config.shouldRetry!(config, retryCount, false, { url, data: undefined, code }, false);
  return retry ? hlsRetryDelay(config, retryCount) : null;
}

describe('cdn-retry: hls.js load policies on the CDN error TTL', () => {
  it('makes hls.js wait until a cached 404 expires, reading the Age the loader saw', () => {
    const failures = new CdnFailures({ errorTtlMs: 3000 });
    const policies = cdnLoadPolicies(hlsDefaults(), { errorTtlMs: 3000, failures });
    const playlist = policies.playlistLoadPolicy.default.errorRetry!;
    failures.record('https://cdn.test/a.m3u8', 404, 2);
    expect(ask(playlist, 0, 404)).to.equal(1200);
    // The age is used once: the next failure of the same URL is a fresh 404 unless told otherwise.
    const unknownAge = ask(playlist, 1, 404)!;
    expect(unknownAge).to.be.within(3200, 3500);
  });

  it('retries playlists through three TTLs of 404, then hands over to the player', () => {
    const playlist = cdnLoadPolicies(hlsDefaults(), { errorTtlMs: 3000, failures: new CdnFailures({ errorTtlMs: 3000 }) }).playlistLoadPolicy.default.errorRetry!;
    expect([0, 1, 2].map((count) => ask(playlist, count, 404) !== null)).to.deep.equal([true, true, true]);
    expect(ask(playlist, 3, 404)).to.equal(null);
    expect(playlist.maxNumRetry).to.be.at.least(3, 'hls.js must not stop before our budget');
  });

  it('retries a missing part or segment once after the TTL, so hls.js can skip it if it is really gone', () => {
    const fragment = cdnLoadPolicies(hlsDefaults(), { errorTtlMs: 1000, failures: new CdnFailures({ errorTtlMs: 3000 }) }).fragLoadPolicy.default.errorRetry!;
    expect(ask(fragment, 0, 404)).to.be.within(1200, 1500);
    expect(ask(fragment, 1, 404)).to.equal(null);
  });

  it('retries 5xx with a capped backoff and never retries 403', () => {
    const fragment = cdnLoadPolicies(hlsDefaults(), { errorTtlMs: 3000, failures: new CdnFailures({ errorTtlMs: 3000 }) }).fragLoadPolicy.default.errorRetry!;
    expect(ask(fragment, 0, 503)).to.be.within(250, 500);
    expect(ask(fragment, 2, 503)).to.be.within(1000, 2000);
    expect(ask(fragment, 3, 503)).to.equal(null);
    expect(ask(fragment, 0, 403)).to.equal(null);
  });

  it("keeps hls.js's timeout retries and other settings", () => {
    const defaults = hlsDefaults();
    const policies = cdnLoadPolicies(defaults, { errorTtlMs: 3000, failures: new CdnFailures({ errorTtlMs: 3000 }) });
    for (const name of ['manifestLoadPolicy', 'playlistLoadPolicy', 'fragLoadPolicy'] as const) {
      expect(policies[name].default.timeoutRetry).to.deep.equal(defaults[name].default.timeoutRetry);
      expect(policies[name].default.maxLoadTimeMs).to.equal(defaults[name].default.maxLoadTimeMs);
    }
  });

  it('holds a new request for a URL until its cached 404 expires, timed from Age', () => {
    let now = 10_000;
    const failures = new CdnFailures({ errorTtlMs: 3000, now: () => now });
    failures.record('part.m4s', 404, 1);
    expect(failures.waitBeforeLoading('part.m4s')).to.equal(2200);
    now += 2000;
    expect(failures.waitBeforeLoading('part.m4s')).to.equal(200);
    now += 200;
    expect(failures.waitBeforeLoading('part.m4s')).to.equal(0);
    failures.record('fresh.m4s', 404, null);
    expect(failures.waitBeforeLoading('fresh.m4s'), 'unknown age: a whole TTL').to.equal(3200);
    failures.record('outage.m3u8', 503, null);
    expect(failures.waitBeforeLoading('outage.m3u8'), '5xx is not cached by the CDN').to.equal(0);
    expect(failures.waitBeforeLoading('never.m3u8')).to.equal(0);
  });

  it('remembers a bounded number of failures and reads each age once', () => {
    const failures = new CdnFailures({ errorTtlMs: 3000 });
    for (let index = 0; index < 100; index++) failures.record(`u${index}`, 404, 1);
    expect(failures.takeAge('u0')).to.equal(null, 'oldest forgotten');
    expect(failures.waitBeforeLoading('u0')).to.equal(0);
    expect(failures.takeAge('u99')).to.equal(1);
    expect(failures.takeAge('u99')).to.equal(null);
    failures.record('x', 404, Number.NaN);
    expect(failures.takeAge('x')).to.equal(null);
    expect(failures.takeAge(undefined)).to.equal(null);
  });
});
