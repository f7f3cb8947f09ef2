import { expect } from '@open-wc/testing';
import { summarizeMediaPlaylist } from '../../src/live/media-playlist.js';
import { PlaylistTiming } from '../../src/live/playlist-timing.js';
import { ReloadSchedule } from '../../src/live/reload-schedule.js';

/**
 * A live HLS stream of `segmentSeconds` segments whose segment n is published at
 * (n + 1) x segmentSeconds plus its jitter (ms), with a sliding window of `window` segments.
 */
function simulatedStream({ segmentSeconds = 2, jitterMs = (_segment: number): number => 0, window = 6 } = {}) {
  const completedAt = (n: number): number => (n + 1) * segmentSeconds * 1000;
  const publishedAt = (n: number): number => completedAt(n) + jitterMs(n);
  return {
    completedAt,
    publishedAt,
    /** The playlist as the server would answer at `now` (ms). */
    playlistAt(now: number): string {
      let count = 0;
      while (publishedAt(count) <= now) count++;
      const first = Math.max(0, count - window);
      const lines = ['#EXTM3U', `#EXT-X-TARGETDURATION:${Math.ceil(segmentSeconds)}`, `#EXT-X-MEDIA-SEQUENCE:${first}`];
      for (let n = first; n < count; n++) lines.push(`#EXTINF:${segmentSeconds.toFixed(3)},`, `s${n}.ts`);
      return `${lines.join('\n')}\n`;
    },
  };
}

/** A deterministic jitter in [0, spreadMs): the same for a segment every time. */
const hashedJitter = (spreadMs: number) => (n: number): number => ((n * 7919) % 97) / 97 * spreadMs;

/**
 * A player reloading the stream for `seconds` as the loader does with PlaylistTiming: hls.js asks
 * on a grid of its own, `askEveryMs` apart (0: as soon as it has an answer), and at once after an
 * answer whose next reload the schedule times; each request waits for the schedule and polls on a miss.
 * Returns the requests made and, for each segment, how long after its publish it was delivered
 * (lags) and how long after it was complete (late: the jitter plus the lag).
 */
function runPlayer(stream: ReturnType<typeof simulatedStream>, { seconds = 120, startAt = 5_100, roundTripMs = 20, askEveryMs = 0 } = {}) {
  const timing = new PlaylistTiming();
  let now = startAt;
  let requests = 0;
  const lags: number[] = [];
  const late: number[] = [];
  let newestDelivered = -1;
  let nextAskOnGrid = startAt;
  let askAtOnce = false;
  while (now < startAt + seconds * 1000) {
    if (!askAtOnce && askEveryMs > 0) {
      while (nextAskOnGrid < now) nextAskOnGrid += askEveryMs;
      now = nextAskOnGrid;
    }
    now += timing.delayBeforeRequest(now);
    for (;;) {
      requests++;
      now += roundTripMs;
      const text = stream.playlistAt(now - roundTripMs / 2);
      const playlist = summarizeMediaPlaylist(text)!;
      const decision = timing.decide({ playlist, producedAt: now, startSeconds: 0, now });
      if (decision.deliver) {
        askAtOnce = decision.scheduleTimesNextReload;
        break;
      }
      now += decision.retryInMs;
    }
    const newest = Number(/s(\d+)\.ts\n$/.exec(stream.playlistAt(now - roundTripMs / 2))![1]);
    for (let n = newestDelivered + 1; n <= newest && newestDelivered >= 0; n++) {
      lags.push(now - stream.publishedAt(n));
      late.push(now - stream.completedAt(n));
    }
    newestDelivered = newest;
  }
  return { requests, lags, late, segments: lags.length };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('ReloadSchedule', () => {
  it('has no prediction before it has seen new media appear soon after a reload that missed it', () => {
    const schedule = new ReloadSchedule();
    const stream = simulatedStream();
    expect(schedule.nextMediaDueAt()).to.equal(null);
    schedule.record({ playlist: summarizeMediaPlaylist(stream.playlistAt(5_000))!, producedAt: 5_000 });
    expect(schedule.nextMediaDueAt()).to.equal(null);
    // Segment 2 appears at 6 000: a miss at 5 900, then a find at 6 050.
    expect(schedule.record({ playlist: summarizeMediaPlaylist(stream.playlistAt(5_900))!, producedAt: 5_900 })).to.equal(false);
    expect(schedule.record({ playlist: summarizeMediaPlaylist(stream.playlistAt(6_050))!, producedAt: 6_050 })).to.equal(true);
    // Published between the two responses: the phase is the middle of that gap, 25 ms before the
    // segment's end on the timeline; segment 3 ends 2 s later.
    expect(schedule.nextMediaDueAt()).to.be.closeTo(7_975, 1);
  });

  it('before the phase is known, expects the next media no sooner than an interval after the newest was last missed', () => {
    const schedule = new ReloadSchedule();
    const stream = simulatedStream();
    schedule.record({ playlist: summarizeMediaPlaylist(stream.playlistAt(5_100))!, producedAt: 5_100 });
    // Segment 2 appeared at 6 000, somewhere in the second between these responses: too wide to date it.
    expect(schedule.record({ playlist: summarizeMediaPlaylist(stream.playlistAt(6_100))!, producedAt: 6_100 })).to.equal(true);
    expect(schedule.nextMediaDueAt()).to.equal(7_100, 'segment 3 cannot be there before 5 100 + 2 000');
  });

  it('starts afresh when a playlist shares no segment with the one before (a restarted broadcast)', () => {
    const schedule = new ReloadSchedule();
    const stream = simulatedStream();
    for (const time of [5_000, 5_900, 6_050]) schedule.record({ playlist: summarizeMediaPlaylist(stream.playlistAt(time))!, producedAt: time });
    expect(schedule.nextMediaDueAt()).not.to.equal(null);
    const restarted = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2.000,\nr0.ts\n';
    expect(schedule.record({ playlist: summarizeMediaPlaylist(restarted.replace(':0\n', ':100\n'))!, producedAt: 20_000 })).to.equal(true);
    expect(schedule.nextMediaDueAt()).to.equal(null);
  });
});

describe('PlaylistTiming', () => {
  it('on a steady stream: about one request per new segment, each found within 0.25 s of its publish', () => {
    const { requests, lags, segments } = runPlayer(simulatedStream());
    expect(segments).to.be.within(55, 62);
    expect(requests / segments).to.be.below(1.3);
    expect(median(lags)).to.be.below(150);
    expect(Math.max(...lags)).to.be.below(250);
  });

  it('on a jittery stream (up to 300 ms late): at most 1.3 requests per segment, none found more than a poll after the latest', () => {
    const { requests, late, segments } = runPlayer(simulatedStream({ jitterMs: hashedJitter(300) }));
    expect(requests / segments).to.be.at.most(1.3);
    // The latest publish (300 ms), one poll (200 ms) and round trips.
    expect(Math.max(...late)).to.be.below(600);
  });

  it('in its first minute, learning the phase included: at most 1.3 requests per segment on a jittery stream, whatever its start', () => {
    // hls.js's grid asks once a second; the start falls anywhere in a segment's publish cycle.
    const stream = simulatedStream({ jitterMs: hashedJitter(300) });
    for (const startAt of [5_100, 5_600, 6_300, 6_900]) {
      const { requests, segments } = runPlayer(stream, { seconds: 60, startAt, askEveryMs: 1_000 });
      expect(requests / segments, `started at ${startAt}`).to.be.at.most(1.3);
    }
  });

  it('times the reloads of a player with a grid of its own: one request per part, each found soon after it appears', () => {
    // hls.js on a low-latency playlist without blocking reload: one request per part (1 s), on a
    // grid that falls 0.7 s after each publish. Left to it, every part is found 0.7 s late.
    const { requests, lags, segments } = runPlayer(simulatedStream({ segmentSeconds: 1, jitterMs: hashedJitter(150) }), { startAt: 5_700, askEveryMs: 1_000 });
    expect(requests / segments).to.be.at.most(1.3);
    expect(median(lags.slice(5))).to.be.below(150);
  });

  it('learns a later phase when the stream shifts (an encoder that slows down), from its misses', () => {
    const shifted = simulatedStream({ jitterMs: (n) => (n >= 30 ? 700 : 0) });
    const { lags } = runPlayer(shifted);
    // Segments 30 and up: after a few misses, found as soon as before.
    expect(median(lags.slice(40))).to.be.below(150);
  });

  it('holds the first playlist of a young stream until it lists enough media to start that far behind', () => {
    const timing = new PlaylistTiming();
    const stream = simulatedStream();
    // Segment 0 was published at 2 000; asked at 2 100 to start 3 s behind.
    const first = timing.decide({ playlist: summarizeMediaPlaylist(stream.playlistAt(2_100))!, producedAt: 2_100, startSeconds: 3, now: 2_100 });
    expect(first.deliver).to.equal(false);
    expect(first.deliver === false && first.retryInMs).to.be.closeTo(1_000, 1);
    // A second later: the 2 s segment, 1 s old, is 3 s of media behind the edge.
    const second = timing.decide({ playlist: summarizeMediaPlaylist(stream.playlistAt(3_100))!, producedAt: 3_100, startSeconds: 3, now: 3_100 });
    expect(second.deliver).to.equal(true);
    expect(timing.newestMediaDatedAt).to.equal(2_100, 'dated by when its newest segment was first seen (no phase known yet)');
  });

  it('hands a full playlist over at once, and a reload that finds nothing new only after its patience', () => {
    const timing = new PlaylistTiming();
    const stream = simulatedStream();
    const at = (time: number) => timing.decide({ playlist: summarizeMediaPlaylist(stream.playlistAt(time))!, producedAt: time, startSeconds: 3, now: time });
    expect(at(20_100).deliver).to.equal(true);
    let time = 20_200;
    while (at(time).deliver === false) time += 200;
    // Nothing was due before 22 000 (the phase is not known yet): polled until segment 10 appeared.
    expect(time).to.be.within(22_000, 22_200);
  });

  it('dates a segment that appeared late by when it was due: the lateness shows in its arrival, and the edge does not jump', () => {
    const timing = new PlaylistTiming();
    const stream = simulatedStream({ jitterMs: (n) => (n === 20 ? 400 : 0) });
    const at = (time: number) => timing.decide({ playlist: summarizeMediaPlaylist(stream.playlistAt(time))!, producedAt: time, startSeconds: 3, now: time });
    let time = 10_100;
    while (time < 41_000) {
      time += timing.delayBeforeRequest(time);
      while (at(time).deliver === false) time += 100;
      if (time > stream.publishedAt(20)) break;
      time += 10;
    }
    // Segment 20 was complete at 42 000 but appeared at 42 400; it is dated at its due time.
    expect(time).to.be.within(42_400, 42_600);
    expect(timing.newestMediaDatedAt).to.be.within(41_900, 42_200);
  });

  it('hands over a young low-latency stream by its parts once they are enough to start, its first segment still in progress', () => {
    const timing = new PlaylistTiming();
    const young = (parts: number): string => {
      const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-PART-INF:PART-TARGET=0.2', '#EXT-X-MEDIA-SEQUENCE:0'];
      for (let index = 0; index < parts; index++) lines.push(`#EXT-X-PART:DURATION=0.200,URI="s0.${index}.m4s"`);
      return `${lines.join('\n')}\n`;
    };
    // 0.4 s of parts, just published: 0.2 s short of the 0.6 s to start.
    const early = timing.decide({ playlist: summarizeMediaPlaylist(young(2))!, producedAt: 1_000, startSeconds: 0.6, now: 1_000 });
    expect(early.deliver).to.equal(false);
    expect(early.deliver === false && early.retryInMs).to.be.closeTo(200, 1);
    // 0.8 s of parts (hls.js itself plays from the first complete segment on: see withShiftedSequence for why that is smooth).
    const enough = timing.decide({ playlist: summarizeMediaPlaylist(young(4))!, producedAt: 1_400, startSeconds: 0.6, now: 1_400 });
    expect(enough.deliver).to.equal(true);
  });
});
