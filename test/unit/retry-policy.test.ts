import { expect } from '@open-wc/testing';
import { backoffDelay, loadRetryDelay, nextProbeDelay, outageBackoffCapMs, type LoadRetryBudget } from '../../src/cdn/retry-policy.js';

describe('retry-policy: nextProbeDelay', () => {
  const ttl = 3000;
  // Age in whole seconds -> wait until the latest possible expiry, plus the 200 ms margin.
  const withAge: [number, number][] = [
    [0, 3200],
    [1, 2200],
    [2, 1200],
    [3, 200],
    [5, 200],
  ];
  for (const [age, expected] of withAge) {
    it(`Age ${age} -> ${expected} ms`, () => {
      expect(nextProbeDelay(ttl, age, () => 0.9)).to.equal(expected);
    });
  }

  it('floors a fractional Age, so the estimate stays late', () => {
    expect(nextProbeDelay(ttl, 1.7)).to.equal(2200);
  });

  it('without Age: a full TTL plus margin plus up to 300 ms of jitter', () => {
    expect(nextProbeDelay(ttl, null, () => 0)).to.equal(3200);
    expect(nextProbeDelay(ttl, null, () => 0.5)).to.equal(3350);
    expect(nextProbeDelay(ttl, undefined, () => 0.999)).to.be.closeTo(3499.7, 1e-6);
    for (let index = 0; index < 20; index++) expect(nextProbeDelay(ttl)).to.be.within(3200, 3500);
  });

  it('is never earlier than the cached 404 expires', () => {
    // The real age lies in [Age, Age + 1) s; the entry expires at ttl - realAge from now.
    for (let realAgeMs = 0; realAgeMs <= 6000; realAgeMs += 50) {
      const ageHeader = Math.floor(realAgeMs / 1000);
      const expiresIn = Math.max(0, ttl - realAgeMs);
      const delay = nextProbeDelay(ttl, ageHeader);
      expect(delay, `real age ${realAgeMs} ms`).to.be.at.least(expiresIn);
      // ... and not wastefully late: at most one second (the Age rounding) plus the margin after expiry.
      expect(delay - expiresIn, `real age ${realAgeMs} ms`).to.be.at.most(1200);
    }
    for (const r of [0, 0.3, 0.99]) {
      expect(nextProbeDelay(ttl, null, () => r)).to.be.at.least(ttl);
    }
  });
});

describe('retry-policy: backoffDelay', () => {
  const top = () => 1;
  const cases: [number, number][] = [
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 8000],
    [50, 8000],
    [10_000, 8000],
  ];
  for (const [attempt, cap] of cases) {
    it(`attempt ${attempt}: between ${cap / 2} and ${cap} ms`, () => {
      expect(backoffDelay(attempt, { random: top })).to.equal(cap);
      expect(backoffDelay(attempt, { random: () => 0 })).to.equal(cap / 2);
    });
  }

  it('is capped at maxMs for any random value', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      for (const r of [0, 0.5, 0.9999, 1]) {
        const delay = backoffDelay(attempt, { maxMs: 5000, random: () => r });
        expect(delay).to.be.at.most(5000);
        expect(delay).to.be.at.least(250);
      }
    }
    for (let attempt = 0; attempt < 10; attempt++) expect(backoffDelay(attempt)).to.be.within(250, 8000);
  });
});

describe('retry-policy: loadRetryDelay', () => {
  const budget: LoadRetryBudget = { notFoundRetries: 2, transientRetries: 3 };
  /** The delay for a failure with this status (undefined: no response), retry count and Age, on a 3 s TTL. */
  const delay = (status: number | undefined, retryCount: number, ageSeconds: number | null = null, ownBudget = budget) =>
    loadRetryDelay({ status, isTimeout: false, retryCount, ageSeconds, errorTtlMs: 3000, budget: ownBudget });
  /** Equal jitter: between half the cap and the cap. */
  const backoff = (cap: number) => [cap / 2, cap] as const;

  it('retries a 404 just after the cached copy expires, timed from Age', () => {
    expect(delay(404, 0, 1)).to.equal(2200);
    expect(delay(404, 1, 0)).to.equal(3200);
    expect(delay(410, 0, 2)).to.equal(1200);
  });

  it('retries a 404 of unknown age after a full TTL plus jitter, never sooner', () => {
    for (let index = 0; index < 20; index++) expect(delay(404, 0)).to.be.within(3200, 3500);
  });

  it('gives up on a 404 once its budget of TTL windows is spent', () => {
    expect(delay(404, 2, 0)).to.equal(undefined);
    expect(delay(410, 0, null, { notFoundRetries: 0, transientRetries: 3 })).to.equal(undefined);
  });

  it('backs off on 5xx, 429, 408, timeouts and network errors, capped at one TTL', () => {
    for (const status of [500, 503, 429, 408]) expect(delay(status, 0)).to.be.within(...backoff(500));
    expect(delay(0, 1)).to.be.within(...backoff(1000));
    expect(delay(undefined, 1)).to.be.within(...backoff(1000));
    const timeout = (retryCount: number) => loadRetryDelay({ status: undefined, isTimeout: true, retryCount, ageSeconds: null, errorTtlMs: 3000, budget });
    expect(timeout(2)).to.be.within(...backoff(2000));
    expect(delay(502, 2, null, { notFoundRetries: 2, transientRetries: 9 })).to.be.within(...backoff(2000));
    expect(delay(502, 6, null, { notFoundRetries: 2, transientRetries: 9 })).to.be.within(...backoff(3000));
    expect(delay(503, 3)).to.equal(undefined);
    expect(timeout(3)).to.equal(undefined);
  });

  it('never retries other 4xx: a bad token will not fix itself', () => {
    for (const status of [400, 401, 403]) expect(delay(status, 0)).to.equal(undefined);
  });

  it('caps the outage backoff at the TTL but at least 1 s, so a zero TTL is no busy loop', () => {
    expect(outageBackoffCapMs(3000)).to.equal(3000);
    expect(outageBackoffCapMs(0)).to.equal(1000);
    expect(loadRetryDelay({ status: 503, isTimeout: false, retryCount: 2, ageSeconds: null, errorTtlMs: 0, budget })).to.be.within(...backoff(1000));
  });
});
