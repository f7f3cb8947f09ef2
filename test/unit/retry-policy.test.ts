import { expect } from '@open-wc/testing';
import {
  DEFAULT_ERROR_TTL_MS,
  RetryTimer,
  backoffDelay,
  classifyFailure,
  loadRetryDecision,
  nextProbeDelay,
  outageBackoffCapMs,
  type FailureInfo,
  type FailureKind,
  type TimerFunctions,
} from '../../src/retry-policy.js';

/** Timers that run only when told to, recording what was cleared. */
class FakeTimers implements TimerFunctions {
  time = 0;
  private nextId = 1;
  readonly tasks = new Map<number, { at: number; callback: () => void }>();
  readonly cleared: unknown[] = [];
  readonly delays: number[] = [];
  /** When false, clearTimeout is recorded but ignored (a misbehaving timer source). */
  honourClear = true;

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.delays.push(ms);
    this.tasks.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.cleared.push(handle);
    if (this.honourClear) this.tasks.delete(handle as number);
  }

  advance(ms: number): void {
    this.time += ms;
    const due = [...this.tasks].filter(([, t]) => t.at <= this.time).sort((a, b) => a[1].at - b[1].at);
    for (const [id, task] of due) {
      this.tasks.delete(id);
      task.callback();
    }
  }
}

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
      expect(nextProbeDelay({ errorTtlMs: ttl, ageSeconds: age, random: () => 0.9 })).to.equal(expected);
    });
  }

  it('without Age: a full TTL plus margin plus jitter', () => {
    expect(nextProbeDelay({ errorTtlMs: ttl, random: () => 0 })).to.equal(3200);
    expect(nextProbeDelay({ errorTtlMs: ttl, ageSeconds: null, random: () => 0.5 })).to.equal(3350);
    expect(nextProbeDelay({ errorTtlMs: ttl, ageSeconds: undefined, random: () => 0.999 })).to.be.closeTo(3499.7, 1e-6);
  });

  it('treats an unreadable Age (NaN, negative) as missing', () => {
    expect(nextProbeDelay({ errorTtlMs: ttl, ageSeconds: Number.NaN, random: () => 0 })).to.equal(3200);
    expect(nextProbeDelay({ errorTtlMs: ttl, ageSeconds: -1, random: () => 0 })).to.equal(3200);
  });

  it('honours custom margin and jitter', () => {
    expect(nextProbeDelay({ errorTtlMs: 10_000, ageSeconds: 4, marginMs: 50 })).to.equal(6050);
    expect(nextProbeDelay({ errorTtlMs: 10_000, marginMs: 0, jitterMs: 1000, random: () => 0.25 })).to.equal(10_250);
  });

  it('is never earlier than the cached 404 expires', () => {
    // The real age lies in [Age, Age + 1) s; the entry expires at ttl - realAge from now.
    for (let realAgeMs = 0; realAgeMs <= 6000; realAgeMs += 50) {
      const ageHeader = Math.floor(realAgeMs / 1000);
      const expiresIn = Math.max(0, ttl - realAgeMs);
      const delay = nextProbeDelay({ errorTtlMs: ttl, ageSeconds: ageHeader, marginMs: 0 });
      expect(delay, `real age ${realAgeMs} ms`).to.be.at.least(expiresIn);
      // ... and not wastefully late: at most one second (the Age rounding) after expiry.
      expect(delay - expiresIn, `real age ${realAgeMs} ms`).to.be.at.most(1000);
    }
    for (const r of [0, 0.3, 0.99]) {
      expect(nextProbeDelay({ errorTtlMs: ttl, random: () => r })).to.be.at.least(ttl);
    }
  });

  it('clamps a misbehaving random source', () => {
    expect(nextProbeDelay({ errorTtlMs: ttl, random: () => -5 })).to.equal(3200);
    expect(nextProbeDelay({ errorTtlMs: ttl, random: () => 7 })).to.equal(3500);
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
        const delay = backoffDelay(attempt, { baseMs: 250, maxMs: 5000, random: () => r });
        expect(delay).to.be.at.most(5000);
        expect(delay).to.be.at.least(125);
      }
    }
  });

  it('treats bad attempt numbers as the first attempt', () => {
    expect(backoffDelay(-3, { random: top })).to.equal(500);
    expect(backoffDelay(Number.NaN, { random: top })).to.equal(500);
  });
});

describe('retry-policy: classifyFailure', () => {
  const cases: [FailureInfo, FailureKind][] = [
    [{ status: 404 }, 'not-found'],
    [{ status: 410 }, 'not-found'],
    [{ status: 500 }, 'server'],
    [{ status: 502 }, 'server'],
    [{ status: 503 }, 'server'],
    [{ status: 504 }, 'server'],
    [{ status: 429 }, 'server'],
    [{ status: 403 }, 'client'],
    [{ status: 401 }, 'client'],
    [{ status: 400 }, 'client'],
    [{ status: 408 }, 'timeout'],
    [{ isTimeout: true }, 'timeout'],
    [{ status: 0, isTimeout: true }, 'timeout'],
    [{ status: 0 }, 'network'],
    [{}, 'network'],
    [{ status: undefined, isTimeout: false }, 'network'],
  ];
  for (const [info, kind] of cases) {
    it(`${JSON.stringify(info)} -> ${kind}`, () => {
      expect(classifyFailure(info)).to.equal(kind);
    });
  }
});

describe('retry-policy: loadRetryDecision', () => {
  const budget = { errorTtlMs: 3000, notFoundRetries: 2, transientRetries: 3, random: () => 1 };

  it('retries a 404 just after the cached copy expires, timed from Age', () => {
    expect(loadRetryDecision({ status: 404, retryCount: 0, ageSeconds: 1 }, budget)).to.deep.equal({ retry: true, delayMs: 2200 });
    expect(loadRetryDecision({ status: 404, retryCount: 1, ageSeconds: 0 }, budget)).to.deep.equal({ retry: true, delayMs: 3200 });
  });

  it('retries a 404 of unknown age after a full TTL plus jitter, never sooner', () => {
    expect(loadRetryDecision({ status: 404, retryCount: 0 }, budget)).to.deep.equal({ retry: true, delayMs: 3500 });
    expect(loadRetryDecision({ status: 404, retryCount: 0 }, { ...budget, random: () => 0 })).to.deep.equal({ retry: true, delayMs: 3200 });
  });

  it('gives up on a 404 once its budget of TTL windows is spent', () => {
    expect(loadRetryDecision({ status: 404, retryCount: 2, ageSeconds: 0 }, budget)).to.deep.equal({ retry: false });
    expect(loadRetryDecision({ status: 410, retryCount: 0 }, { ...budget, notFoundRetries: 0 })).to.deep.equal({ retry: false });
  });

  it('backs off on 5xx, timeouts and network errors, capped at one TTL', () => {
    expect(loadRetryDecision({ status: 503, retryCount: 0 }, budget)).to.deep.equal({ retry: true, delayMs: 500 });
    expect(loadRetryDecision({ status: 0, retryCount: 1 }, budget)).to.deep.equal({ retry: true, delayMs: 1000 });
    expect(loadRetryDecision({ isTimeout: true, retryCount: 2 }, budget)).to.deep.equal({ retry: true, delayMs: 2000 });
    expect(loadRetryDecision({ status: 502, retryCount: 2 }, { ...budget, transientRetries: 9 })).to.deep.equal({ retry: true, delayMs: 2000 });
    expect(loadRetryDecision({ status: 502, retryCount: 6 }, { ...budget, transientRetries: 9 })).to.deep.equal({ retry: true, delayMs: 3000 });
    expect(loadRetryDecision({ status: 503, retryCount: 3 }, budget)).to.deep.equal({ retry: false });
  });

  it('never retries other 4xx: a bad token will not fix itself', () => {
    for (const status of [400, 401, 403]) {
      expect(loadRetryDecision({ status, retryCount: 0 }, budget)).to.deep.equal({ retry: false });
    }
  });

  it('caps the outage backoff at the TTL but at least 1 s, so a zero TTL is no busy loop', () => {
    expect(outageBackoffCapMs(3000)).to.equal(3000);
    expect(outageBackoffCapMs(0)).to.equal(1000);
    expect(outageBackoffCapMs(Number.NaN)).to.equal(DEFAULT_ERROR_TTL_MS);
  });
});

describe('retry-policy: RetryTimer', () => {
  it('runs the callback once after the delay', () => {
    const timers = new FakeTimers();
    const timer = new RetryTimer(timers);
    let calls = 0;
    timer.schedule(3200, () => calls++);
    expect(timer.pending).to.equal(true);
    timers.advance(3199);
    expect(calls).to.equal(0);
    timers.advance(1);
    expect(calls).to.equal(1);
    expect(timer.pending).to.equal(false);
    timers.advance(10_000);
    expect(calls).to.equal(1);
  });

  it('cancel prevents the callback and clears the timer', () => {
    const timers = new FakeTimers();
    const timer = new RetryTimer(timers);
    let calls = 0;
    timer.schedule(1000, () => calls++);
    timer.cancel();
    expect(timer.pending).to.equal(false);
    expect(timers.cleared.length).to.equal(1);
    expect(timers.tasks.size).to.equal(0);
    timers.advance(5000);
    expect(calls).to.equal(0);
    timer.cancel(); // harmless when nothing is pending
    expect(timers.cleared.length).to.equal(1);
  });

  it('scheduling again replaces the pending callback', () => {
    const timers = new FakeTimers();
    const timer = new RetryTimer(timers);
    const calls: string[] = [];
    timer.schedule(1000, () => calls.push('first'));
    timer.schedule(2000, () => calls.push('second'));
    expect(timers.cleared.length).to.equal(1);
    timers.advance(5000);
    expect(calls).to.deep.equal(['second']);
  });

  it('does not run a cancelled callback even if the timer source ignores clearTimeout', () => {
    const timers = new FakeTimers();
    timers.honourClear = false;
    const timer = new RetryTimer(timers);
    let calls = 0;
    timer.schedule(100, () => calls++);
    timer.cancel();
    timers.advance(1000);
    expect(calls).to.equal(0);
  });

  it('clamps delays to what setTimeout can hold', () => {
    const timers = new FakeTimers();
    const timer = new RetryTimer(timers);
    timer.schedule(-5, () => undefined);
    timer.schedule(Number.NaN, () => undefined);
    timer.schedule(1e12, () => undefined);
    expect(timers.delays).to.deep.equal([0, 0, 2_147_483_647]);
  });

  it('works with the global timers and can be cancelled', async () => {
    const timer = new RetryTimer();
    let fired = 0;
    let cancelled = 0;
    await new Promise<void>((resolve) => timer.schedule(1, () => { fired++; resolve(); }));
    timer.schedule(1, () => cancelled++);
    timer.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).to.equal(1);
    expect(cancelled).to.equal(0);
  });
});
