import { expect } from '@open-wc/testing';
import { PlayerError } from '../../src/player-error.js';
import { findStream, type SearchState, type Timers } from '../../src/stream-finder.js';
import type { ProbeOptions, ProbeResult } from '../../src/stream-probe.js';
import type { StreamCandidate } from '../../src/stream-url.js';

/** A clock that moves only when the test says, running due timers in order. */
class FakeClock implements Timers {
  time = 0;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #nextHandle = 1;
  now = (): number => this.time;
  setTimeout = (callback: () => void, milliseconds: number): unknown => {
    const handle = this.#nextHandle++;
    this.#timers.set(handle, { at: this.time + milliseconds, callback });
    return handle;
  };
  clearTimeout = (handle: unknown): void => void this.#timers.delete(handle as number);
  get pendingTimers(): number {
    return this.#timers.size;
  }
  async advance(milliseconds: number): Promise<void> {
    const end = this.time + milliseconds;
    for (;;) {
      await settle();
      const due = [...this.#timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
}

const llHls: StreamCandidate = { playOrder: 'll-hls', variant: 'll-hls', url: 'https://cdn.test/streams/ll-hls/s/s__master.m3u8' };
const adaptive: StreamCandidate = { playOrder: 'hls', variant: 'adaptive', url: 'https://cdn.test/streams/s_adaptive.m3u8' };
const plain: StreamCandidate = { playOrder: 'hls', variant: 'plain', url: 'https://cdn.test/streams/s.m3u8' };

/** A CDN in miniature: answers by URL from a table the test changes, and counts requests. */
function fakeCdn(clock: FakeClock) {
  const answers = new Map<string, (time: number) => ProbeResult>();
  const requests: { url: string; time: number }[] = [];
  const probe = async (url: string): Promise<ProbeResult> => {
    requests.push({ url, time: clock.time });
    return (answers.get(url) ?? (() => ({ outcome: 'not-found', ageSeconds: null })))(clock.time);
  };
  return { answers, requests, probe };
}

describe('findStream', () => {
  it('picks the first play-order entry that is available, probing all at once', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    cdn.answers.set(plain.url, () => ({ outcome: 'available' }));
    cdn.answers.set(llHls.url, () => ({ outcome: 'available' }));
    const found = findStream({ candidates: [llHls, adaptive, plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
    await clock.advance(0);
    expect((await found).candidate).to.equal(llHls);
    expect(cdn.requests.map((request) => request.url)).to.deep.equal([llHls.url, adaptive.url, plain.url]);
    expect(clock.pendingTimers).to.equal(0);
  });

  it('hands over the playlists the winning probe downloaded, and passes on its playlist announcements', async () => {
    const clock = new FakeClock();
    const playlist = { url: llHls.url, responseUrl: llHls.url, text: '#EXTM3U\n', requestStart: 0, firstByte: 1, end: 2, ageSeconds: null };
    const announced: string[] = [];
    const probe = async (url: string, options: ProbeOptions): Promise<ProbeResult> => {
      options.onPlaylist?.();
      return url === llHls.url ? { outcome: 'available', playlists: [playlist] } : { outcome: 'available' };
    };
    const found = findStream({ candidates: [llHls, plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: () => {}, onPlaylist: () => announced.push('playlist'), probe, timers: clock });
    await clock.advance(0);
    const stream = await found;
    expect(stream.candidate).to.equal(llHls);
    expect(stream.playlists).to.deep.equal([playlist]);
    expect(announced.length).to.be.at.least(1);
  });

  it('falls back to HLS when LL-HLS is not there, and to the plain playlist when there is no adaptive one', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    cdn.answers.set(plain.url, () => ({ outcome: 'available' }));
    const found = findStream({ candidates: [llHls, adaptive, plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
    await clock.advance(0);
    expect((await found).candidate).to.equal(plain);
  });

  it('waits on the CDN error-cache rhythm: each URL again when its cached 404 expires, never sooner', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    // The edge cached this 404 one second before the first probe (Age: 1), so it expires at 2 s.
    cdn.answers.set(plain.url, (time) => (time >= 5000 ? { outcome: 'available' } : { outcome: 'not-found', ageSeconds: Math.floor((time + 1000) / 1000) % 3 }));
    const states: SearchState[] = [];
    const found = findStream({ candidates: [plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: (state) => states.push(state), probe: cdn.probe, timers: clock });
    await clock.advance(10000);
    expect((await found).candidate).to.equal(plain);
    expect(states).to.deep.equal(['not-found']);
    const times = cdn.requests.map((request) => request.time);
    // First probe at 0 (Age 1: expires at 2 s), then just after each expiry.
    expect(times[0]).to.equal(0);
    expect(times[1]).to.be.within(2000, 2500);
    for (let index = 2; index < times.length; index += 1) expect(times[index]! - times[index - 1]!).to.be.within(3000, 3500);
    expect(times.at(-1)).to.be.within(5000, 8600);
  });

  it('reports a finished broadcast as ended rather than not found', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    cdn.answers.set(plain.url, () => ({ outcome: 'ended' }));
    const states: SearchState[] = [];
    void findStream({ candidates: [adaptive, plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: (state) => states.push(state), probe: cdn.probe, timers: clock }).catch(() => {});
    await clock.advance(1000);
    expect(states).to.deep.equal(['ended']);
  });

  it('backs off when the CDN fails, and calls it unreachable', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    cdn.answers.set(plain.url, () => ({ outcome: 'failed', httpStatus: 503, timeout: false }));
    const states: SearchState[] = [];
    const abort = new AbortController();
    const found = findStream({ candidates: [plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: null, signal: abort.signal, onSearchState: (state) => states.push(state), probe: cdn.probe, timers: clock });
    await clock.advance(30000);
    expect(states).to.deep.equal(['unreachable']);
    const gaps = cdn.requests.slice(1).map((request, index) => request.time - cdn.requests[index]!.time);
    expect(gaps.at(-1)).to.be.above(gaps[0]!);
    expect(Math.max(...gaps)).to.be.at.most(8000);
    abort.abort();
    let rejected = false;
    await found.catch(() => (rejected = true));
    expect(rejected).to.equal(true);
  });

  it('gives up with stream-not-found after max-wait, clearing its timers', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    const found = findStream({ candidates: [plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: 10, signal: new AbortController().signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
    let error: unknown;
    found.catch((reason) => (error = reason));
    await clock.advance(10001);
    expect(error).to.be.instanceOf(PlayerError);
    expect((error as PlayerError).code).to.equal('stream-not-found');
    expect(clock.pendingTimers).to.equal(0);
    expect(cdn.requests.length).to.be.within(3, 5);
  });

  it('stops probing at once when aborted', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    const abort = new AbortController();
    const found = findStream({ candidates: [plain], auth: {}, errorTtlSeconds: 3, maxWaitSeconds: null, signal: abort.signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
    await clock.advance(100);
    abort.abort();
    await found.catch(() => {});
    const count = cdn.requests.length;
    await clock.advance(20000);
    expect(cdn.requests.length).to.equal(count);
    expect(clock.pendingTimers).to.equal(0);
  });
});
