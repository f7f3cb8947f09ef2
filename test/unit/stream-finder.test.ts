import { expect } from '@open-wc/testing';
import { PlayerError } from '../../src/common/player-error.js';
import { findStream, type SearchState, type Timers } from '../../src/cdn/stream-finder.js';
import { probeStream, type ProbeOptions, type ProbeResult } from '../../src/cdn/stream-probe.js';
import type { StreamCandidate } from '../../src/urls/stream-url.js';
import { noCredentials } from '../../src/urls/request-credentials.js';

/** A clock that moves only when the test says, running due timers in order. */
class FakeClock implements Timers {
  time = 0;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #nextHandle = 1;
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

const llHls: StreamCandidate = { streamId: 's', backup: false, playOrder: 'll-hls', variant: 'll-hls', url: 'https://cdn.test/streams/ll-hls/s/s__master.m3u8', credentials: noCredentials };
const adaptive: StreamCandidate = { streamId: 's', backup: false, playOrder: 'hls', variant: 'adaptive', url: 'https://cdn.test/streams/s_adaptive.m3u8', credentials: noCredentials };
const plain: StreamCandidate = { streamId: 's', backup: false, playOrder: 'hls', variant: 'plain', url: 'https://cdn.test/streams/s.m3u8', credentials: noCredentials };

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
    cdn.answers.set(plain.url, () => ({ outcome: 'available', playlists: [] }));
    cdn.answers.set(llHls.url, () => ({ outcome: 'available', playlists: [] }));
    const found = findStream({ candidates: [llHls, adaptive, plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
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
      options.onPlaylist?.('#EXTM3U\n');
      return url === llHls.url ? { outcome: 'available', playlists: [playlist] } : { outcome: 'available', playlists: [] };
    };
    const found = findStream({ candidates: [llHls, plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: () => {}, onPlaylist: () => announced.push('playlist'), probe, timers: clock });
    await clock.advance(0);
    const stream = await found;
    expect(stream.candidate).to.equal(llHls);
    expect(stream.playlists).to.deep.equal([playlist]);
    expect(announced.length).to.be.at.least(1);
  });

  it('falls back to HLS when LL-HLS is not there, and to the plain playlist when there is no adaptive one', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    cdn.answers.set(plain.url, () => ({ outcome: 'available', playlists: [] }));
    const found = findStream({ candidates: [llHls, adaptive, plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
    await clock.advance(0);
    expect((await found).candidate).to.equal(plain);
  });

  it('waits on the CDN error-cache rhythm: each URL again when its cached 404 expires, never sooner', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    // The edge cached this 404 one second before the first probe (Age: 1), so it expires at 2 s.
    cdn.answers.set(plain.url, (time) => (time >= 5000 ? { outcome: 'available', playlists: [] } : { outcome: 'not-found', ageSeconds: Math.floor((time + 1000) / 1000) % 3 }));
    const states: SearchState[] = [];
    const found = findStream({ candidates: [plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: (state) => states.push(state), probe: cdn.probe, timers: clock });
    await clock.advance(10000);
    expect((await found).candidate).to.equal(plain);
    const times = cdn.requests.map((request) => request.time);
    // Every answer but the last (available) reports the search state.
    expect(states).to.deep.equal(times.slice(1).map(() => 'not-found'));
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
    void findStream({ candidates: [adaptive, plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: (state) => states.push(state), probe: cdn.probe, timers: clock }).catch(() => {});
    await clock.advance(1000);
    expect(states).to.deep.equal(['ended']);
  });

  it('backs off when the CDN fails, and calls it unreachable', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    cdn.answers.set(plain.url, () => ({ outcome: 'unreachable' }));
    const states: SearchState[] = [];
    const abort = new AbortController();
    const found = findStream({ candidates: [plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: abort.signal, onSearchState: (state) => states.push(state), probe: cdn.probe, timers: clock });
    await clock.advance(30000);
    expect(states.length).to.equal(cdn.requests.length);
    expect(new Set(states)).to.deep.equal(new Set(['unreachable']));
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
    const found = findStream({ candidates: [plain], errorTtlSeconds: 3, maxWaitSeconds: 10, signal: new AbortController().signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
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
    const found = findStream({ candidates: [plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: abort.signal, onSearchState: () => {}, probe: cdn.probe, timers: clock });
    await clock.advance(100);
    abort.abort();
    await found.catch(() => {});
    const count = cdn.requests.length;
    await clock.advance(20000);
    expect(cdn.requests.length).to.equal(count);
    expect(clock.pendingTimers).to.equal(0);
  });
});

describe('findStream: search states', () => {
  it('names the state from all answers: ended before not-found before unreachable', async () => {
    const clock = new FakeClock();
    const cdn = fakeCdn(clock);
    cdn.answers.set(llHls.url, () => ({ outcome: 'unreachable' }));
    const states: SearchState[] = [];
    const abort = new AbortController();
    const found = findStream({ candidates: [llHls, adaptive], errorTtlSeconds: 3, maxWaitSeconds: null, signal: abort.signal, onSearchState: (state) => states.push(state), probe: cdn.probe, timers: clock });
    await clock.advance(0);
    expect(states).to.deep.equal(['not-found']);
    cdn.answers.set(adaptive.url, () => ({ outcome: 'unreachable' }));
    await clock.advance(3600);
    expect(states.at(-1)).to.equal('unreachable');
    cdn.answers.set(llHls.url, () => ({ outcome: 'ended' }));
    await clock.advance(3600);
    expect(states.at(-1)).to.equal('ended');
    abort.abort();
    await found.catch(() => {});
  });

  it('waits for an earlier play-order candidate before taking a later one', async () => {
    const clock = new FakeClock();
    let answerFirst: (result: ProbeResult) => void = () => {};
    const probe = (url: string): Promise<ProbeResult> =>
      url === llHls.url ? new Promise((resolve) => (answerFirst = resolve)) : Promise.resolve({ outcome: 'available', playlists: [] });
    let winner: StreamCandidate | undefined;
    void findStream({ candidates: [llHls, plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: new AbortController().signal, onSearchState: () => {}, probe, timers: clock }).then((found) => (winner = found.candidate));
    await clock.advance(0);
    expect(winner).to.equal(undefined);
    answerFirst({ outcome: 'available', playlists: [] });
    await clock.advance(0);
    expect(winner).to.equal(llHls);
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const abort = new AbortController();
    abort.abort(new Error('gone'));
    let probed = false;
    const error = await findStream({ candidates: [plain], errorTtlSeconds: 3, maxWaitSeconds: null, signal: abort.signal, onSearchState: () => {}, probe: async () => ((probed = true), { outcome: 'ended' }), timers: new FakeClock() }).catch((reason: unknown) => reason);
    expect((error as Error).message).to.equal('gone');
    expect(probed).to.equal(false);
  });
});

describe('probeStream: answers', () => {
  const respond = (answers: Record<string, () => Response>) => async (input: RequestInfo | URL): Promise<Response> => (answers[String(input)] ?? (() => new Response('', { status: 404 })))();

  it('reads a 404 (and 403, 410) as not found with the CDN Age, and other errors as unreachable', async () => {
    const probe = (status: number, headers: Record<string, string> = {}) => probeStream('https://cdn.test/s.m3u8', { fetch: respond({ 'https://cdn.test/s.m3u8': () => new Response('x', { status, headers }) }) });
    expect(await probe(404, { Age: '2' })).to.deep.equal({ outcome: 'not-found', ageSeconds: 2 });
    expect(await probe(404)).to.deep.equal({ outcome: 'not-found', ageSeconds: null });
    expect(await probe(404, { Age: 'soon' })).to.deep.equal({ outcome: 'not-found', ageSeconds: null });
    expect(await probe(403)).to.deep.equal({ outcome: 'not-found', ageSeconds: null });
    expect(await probe(410)).to.deep.equal({ outcome: 'not-found', ageSeconds: null });
    expect(await probe(503)).to.deep.equal({ outcome: 'unreachable' });
    expect(await probe(401)).to.deep.equal({ outcome: 'unreachable' });
    const offline = await probeStream('https://cdn.test/s.m3u8', { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(offline).to.deep.equal({ outcome: 'unreachable' });
  });

  it("judges a master by its first variant, skipping blank and tag lines (CRLF too), with the viewer's auth", async () => {
    const master = '#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=800000\r\n\r\n#EXT-X-SOMETHING\r\n  low/s.m3u8  \r\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\r\nhigh/s.m3u8\r\n';
    const requests: string[] = [];
    const answers: Record<string, () => Response> = {
      'https://cdn.test/live/s__master.m3u8?token=t': () => new Response(master),
      'https://cdn.test/live/low/s.m3u8?token=t': () => new Response('#EXTM3U\n#EXTINF:2,\nseg.ts\n#EXT-X-ENDLIST\n'),
    };
    const fetch = async (input: RequestInfo | URL): Promise<Response> => (requests.push(String(input)), respond(answers)(input));
    expect(await probeStream('https://cdn.test/live/s__master.m3u8?token=t', { credentials: { origin: 'https://cdn.test', auth: { token: 't' }, cookies: false }, fetch })).to.deep.equal({ outcome: 'ended' });
    expect(requests).to.deep.equal(['https://cdn.test/live/s__master.m3u8?token=t', 'https://cdn.test/live/low/s.m3u8?token=t']);
  });

  it('throws when its signal aborts', async () => {
    const abort = new AbortController();
    const fetch = (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    const probing = probeStream('https://cdn.test/s.m3u8', { signal: abort.signal, fetch });
    abort.abort(new Error('stop'));
    const error = await probing.catch((reason: unknown) => reason);
    expect((error as Error).message).to.equal('stop');
  });
});
