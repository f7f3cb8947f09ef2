import { expect } from '@open-wc/testing';
import { seekDistance } from '../../src/live/catch-up-rules.js';
import { LiveTimeline, type LiveTimelineOptions, type PlaybackSample, type TimelineTraceEntry } from '../../src/live/live-timeline.js';
import { summarizeMediaPlaylist, type MediaPlaylistSummary } from '../../src/live/media-playlist.js';

/**
 * The live timeline's rules, one `describe` each: facts in (playlists, media at the live edge,
 * stalls, the viewer's pauses and seeks), decisions out (the target, a rate or a seek, when a
 * playlist is passed on). The clock is the test's: every time is in milliseconds, passed in.
 */

const url = 'https://cdn.example/live/streams/stream01.m3u8?token=secret-token';

/** A live HLS playlist of `count` segments of `seconds` each, its first numbered `first`. */
function hlsPlaylist({ seconds = 2, count = 6, first = 0, extra = '' } = {}): MediaPlaylistSummary {
  const lines = ['#EXTM3U', `#EXT-X-TARGETDURATION:${Math.ceil(seconds)}`, `#EXT-X-MEDIA-SEQUENCE:${first}`, extra];
  for (let n = first; n < first + count; n++) lines.push(`#EXTINF:${seconds.toFixed(3)},`, `s${n}.ts`);
  return summarizeMediaPlaylist(lines.join('\n'))!;
}

/** An Apple-style LL-HLS playlist: 2 s segments of 200 ms parts, PART-HOLD-BACK 0.6 s. */
const lowLatencyPlaylist = summarizeMediaPlaylist(
  ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-PART-INF:PART-TARGET=0.2', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.6', '#EXT-X-MEDIA-SEQUENCE:10',
    '#EXTINF:2.000,', 's10.mp4', '#EXTINF:2.000,', 's11.mp4', '#EXT-X-PART:DURATION=0.2,URI="p12.0.mp4"'].join('\n'),
)!;

function timeline(options: Partial<LiveTimelineOptions> = {}): LiveTimeline {
  return new LiveTimeline({ lowLatency: false, pinnedTargetSeconds: null, maxRate: 1.25, ...options });
}

/** One buffered range, from `start` to `end` seconds. */
const ranges = (start: number, end: number) => ({ length: 1, start: () => start, end: () => end });

/** Playing at `currentTime` with `bufferAhead` seconds buffered (4 s: enough to speed up on 2 s segments), `latency` behind the edge. */
function playingSample({ now, latency, currentTime = 100, bufferAhead = 4, rate = 1 }: { now: number; latency: number; currentTime?: number; bufferAhead?: number; rate?: number }): PlaybackSample {
  return {
    now,
    latency,
    paused: false,
    seeking: false,
    playbackRate: rate,
    currentTime,
    buffered: ranges(currentTime - 10, currentTime + bufferAhead),
    bufferAhead,
    // The target's position: as far ahead of the playhead as the player is behind its target.
    targetPosition: currentTime + latency - 3,
  };
}

/**
 * A timeline that has seen a live 2 s HLS playlist and, with `paceSeen`, the stream's pace: three
 * 2 s segments arrived on time, each 2.75 s behind the edge (with the margin, a 3 s target, as
 * before any arrival); then a first frame at 1 s.
 */
function playingHls({ paceSeen = true, ...options }: Partial<LiveTimelineOptions> & { paceSeen?: boolean } = {}): LiveTimeline {
  const live = timeline(options);
  live.playlistArrived({ url, playlist: hlsPlaylist(), producedAt: -6000, now: -6000 });
  if (paceSeen) for (const at of [-4000, -2000, 0]) live.edgeMediaArrived({ secondsBehindEdge: 2.75, now: at });
  live.playing({ latency: 3, now: 1000 });
  return live;
}

/** The same, before any media arrived at the live edge. */
const startedHls = (): LiveTimeline => playingHls({ paceSeen: false });

describe('LiveTimeline: the target latency', () => {
  it('is unknown until the first media playlist, then starts at AMS\'s 3 s for HLS', () => {
    const live = timeline();
    expect(live.targetAt(0)).to.equal(null);
    live.playlistArrived({ url, playlist: hlsPlaylist(), producedAt: 0, now: 0 });
    expect(live.targetAt(0)).to.equal(3);
  });

  it('starts one segment and the margin behind on segments longer than 2 s: from 3 s, 6 s segments ran dry at the first boundary', () => {
    const live = timeline();
    live.playlistArrived({ url, playlist: hlsPlaylist({ seconds: 6 }), producedAt: 0, now: 0 });
    expect(live.targetAt(0)).to.be.closeTo(6 + 0.1 + 0.075 * 2, 1e-9);
  });

  it('starts at the stated PART-HOLD-BACK for LL-HLS (0.6 s on Apple-style 200 ms parts)', () => {
    const live = timeline({ lowLatency: true });
    live.playlistArrived({ url, playlist: lowLatencyPlaylist, producedAt: 0, now: 0 });
    expect(live.targetAt(0)).to.equal(0.6);
  });

  it('stays where the page pinned it, whatever arrives late or stalls', () => {
    const live = timeline({ pinnedTargetSeconds: 1.5 });
    expect(live.targetAt(0)).to.equal(1.5);
    live.playlistArrived({ url, playlist: hlsPlaylist(), producedAt: 0, now: 0 });
    for (let second = 1; second <= 5; second++) live.edgeMediaArrived({ secondsBehindEdge: 4, now: second * 1000 });
    expect(live.targetAt(6000)).to.equal(1.5);
  });

  // On 2 s segments each new segment is about 2 s behind the edge when it arrives: three such
  // arrivals teach the target 2 s plus a margin (0.1 + 7.5 % of the interval), down from 3 s.
  it('learns from media arriving at the live edge: the latest arrival plus a margin', () => {
    const live = startedHls();
    for (const at of [2000, 4000, 6000]) live.edgeMediaArrived({ secondsBehindEdge: 2.05, now: at });
    expect(live.targetAt(6000)).to.be.closeTo(2.05 + 0.1 + 0.075 * 2, 1e-9);
  });

  // An encoder's or a CDN's jitter does not grow with the segment, and the jitter seen is in the
  // arrivals: on 6 s segments a margin of 7.5 % (0.55 s) was latency for nothing.
  it('keeps the margin of 2 s segments on longer ones', () => {
    const live = timeline();
    live.playlistArrived({ url, playlist: hlsPlaylist({ seconds: 6 }), producedAt: 0, now: 0 });
    for (const at of [6000, 12_000, 18_000]) live.edgeMediaArrived({ secondsBehindEdge: 6.1, now: at });
    expect(live.targetAt(18_000)).to.be.closeTo(6.1 + 0.1 + 0.075 * 2, 1e-9);
  });

  it('rises after a stall to where playback resumed, the viewer\'s own pause aside', () => {
    const live = playingHls();
    live.waiting({ seeking: false, now: 5000 });
    live.playing({ latency: 3.8, now: 5500 });
    expect(live.targetAt(5500)).to.be.closeTo(3.8, 1e-9);

    const paused = playingHls();
    paused.paused({ ended: false, now: 5000 });
    paused.waiting({ seeking: false, now: 6000 });
    paused.playing({ latency: 12, now: 6500 });
    expect(paused.targetAt(6500)).to.equal(3, 'a viewer who chose to be behind teaches nothing');
  });

  it('does not count waiting before the first frame, or for a seek, as a stall', () => {
    const live = timeline();
    live.playlistArrived({ url, playlist: hlsPlaylist(), producedAt: 0, now: 0 });
    live.waiting({ seeking: false, now: 100 });
    live.playing({ latency: 6, now: 900 });
    live.waiting({ seeking: true, now: 2000 });
    live.playing({ latency: 6, now: 2500 });
    expect(live.targetAt(2500)).to.equal(3);
  });
});

describe('LiveTimeline: the catch-up speeds up only with the buffer to last until the next media', () => {
  // Issue 31: plain HLS of 1 s fMP4 segments, 0.5 s behind the target with 0.7 s buffered and the
  // next segment half a second away. Played faster, it ran dry at each segment boundary (19 to 23
  // stalls in 40 s).
  it('plays 1 s segments at normal speed with 0.7 s buffered half a second before the next one', () => {
    const live = timeline({ pinnedTargetSeconds: 1.5 });
    live.playlistArrived({ url, playlist: hlsPlaylist({ seconds: 1 }), producedAt: 0, now: 0 });
    live.playing({ latency: 2, now: 500 });
    for (const at of [1000, 2000, 3000]) live.edgeMediaArrived({ secondsBehindEdge: 1, now: at });
    expect(live.steer({ ...playingSample({ now: 3500, latency: 2, bufferAhead: 0.7 }), targetPosition: 100.5 })).to.deep.equal({ action: 'none' });
  });

  it('speeds up right after a segment arrived, with a second more buffered, and never past the page\'s rate cap', () => {
    const live = timeline({ pinnedTargetSeconds: 1.5 });
    live.playlistArrived({ url, playlist: hlsPlaylist({ seconds: 1 }), producedAt: 0, now: 0 });
    live.playing({ latency: 2, now: 500 });
    for (const at of [1000, 2000, 3000]) live.edgeMediaArrived({ secondsBehindEdge: 1, now: at });
    expect(live.steer({ ...playingSample({ now: 3000, latency: 2, bufferAhead: 1.7 }), targetPosition: 100.5 })).to.deep.equal({ action: 'rate', rate: 1.25 });
    expect(live.rate).to.equal(1.25);
  });

  // (From 15 s after the first frame: before that, being 0.5 s behind is mended by a seek, below.)
  it('does not speed up before it has seen the stream\'s pace (two gaps between arrivals): 1.35x from the first frame on 200 ms parts ran dry', () => {
    const live = startedHls();
    expect(live.steer({ ...playingSample({ now: 20_000, latency: 4 }), targetPosition: null })).to.deep.equal({ action: 'none' });
    live.edgeMediaArrived({ secondsBehindEdge: 2.75, now: 20_100 });
    live.edgeMediaArrived({ secondsBehindEdge: 2.75, now: 22_100 });
    expect(live.steer({ ...playingSample({ now: 22_200, latency: 4 }), targetPosition: null })).to.deep.equal({ action: 'none' });
    live.edgeMediaArrived({ secondsBehindEdge: 2.75, now: 24_100 });
    expect(live.steer({ ...playingSample({ now: 24_200, latency: 4 }), targetPosition: null })).to.deep.equal({ action: 'rate', rate: 1.25 });
  });

  it('returns to normal speed at the target', () => {
    const live = playingHls();
    expect(live.steer(playingSample({ now: 20_000, latency: 4 }))).to.deep.equal({ action: 'rate', rate: 1.25 });
    expect(live.steer(playingSample({ now: 21_000, latency: 3.01, rate: 1.25 }))).to.deep.equal({ action: 'rate', rate: 1 });
  });

  it('leaves alone a rate it did not set (the page\'s or the viewer\'s), and does nothing with the page\'s cap at 1', () => {
    const live = playingHls();
    expect(live.steer(playingSample({ now: 2000, latency: 4, rate: 2 }))).to.deep.equal({ action: 'none' });
    const off = playingHls({ maxRate: 1 });
    expect(off.steer(playingSample({ now: 2000, latency: 4 }))).to.deep.equal({ action: 'none' });
  });
});

describe('LiveTimeline: far behind, a seek forward within the buffer', () => {
  it('right after the first frame, seeks from 0.5 s behind: a start from a playlist older than it looked', () => {
    const live = playingHls();
    const decision = live.steer({ ...playingSample({ now: 3000, latency: 3.8, bufferAhead: 4 }), targetPosition: 100.8 });
    expect(decision.action).to.equal('seek');
  });

  it('once settled, leaves to the rate what it mends within 10 s, and seeks at most once in 10 s', () => {
    const live = playingHls();
    const settled = 20_000;
    expect(live.steer(playingSample({ now: settled, latency: 3 + seekDistance(1.25) - 0.1, bufferAhead: 8 }))).to.deep.equal({ action: 'rate', rate: 1.25 });
    const far = playingSample({ now: settled + 1000, latency: 3 + seekDistance(1.25) + 1, bufferAhead: 8, rate: 1.25 });
    const seek = live.steer(far);
    expect(seek.action).to.equal('seek');
    // Never to the end of the buffer: the next segment's wait and the cushion stay ahead.
    if (seek.action === 'seek') expect(seek.to).to.be.at.most(far.currentTime + far.bufferAhead - 0.5);
    expect(live.steer({ ...far, now: settled + 5000 }).action).to.not.equal('seek');
    expect(live.steer({ ...far, now: settled + 11_500 }).action).to.equal('seek');
  });

  it('never seeks past what is buffered', () => {
    const live = playingHls();
    expect(live.steer(playingSample({ now: 20_000, latency: 9, bufferAhead: 0.3 }))).to.deep.equal({ action: 'none' });
  });
});

describe('LiveTimeline: the viewer\'s choice to watch behind live wins', () => {
  it('after a pause, plays on at normal speed where the viewer resumed', () => {
    const live = playingHls();
    expect(live.steer(playingSample({ now: 20_000, latency: 4 }))).to.deep.equal({ action: 'rate', rate: 1.25 });
    live.paused({ ended: false, now: 21_000 });
    expect(live.steer(playingSample({ now: 31_000, latency: 14, rate: 1.25 }))).to.deep.equal({ action: 'rate', rate: 1 });
    expect(live.steer(playingSample({ now: 40_000, latency: 14 }))).to.deep.equal({ action: 'none' });
  });

  it('after a seek back; a seek forward to near live, or going live, ends it', () => {
    const live = playingHls();
    live.steer(playingSample({ now: 2000, latency: 3, currentTime: 100 }));
    live.seekStarted({ to: 80, latency: 23, now: 2100 });
    expect(live.steer(playingSample({ now: 30_000, latency: 23, currentTime: 80 }))).to.deep.equal({ action: 'none' });
    live.seekStarted({ to: 99, latency: 3.5, now: 31_000 });
    expect(live.steer(playingSample({ now: 31_500, latency: 3.5, currentTime: 99 })).action).to.equal('rate');

    const goingLive = playingHls();
    goingLive.paused({ ended: false, now: 2000 });
    const seek = goingLive.goLive({ now: 3000, currentTime: 100, buffered: ranges(90, 110), targetPosition: 108 });
    expect(seek).to.deep.equal({ action: 'seek', to: 108 });
    goingLive.seekStarted({ to: 108, latency: 3, now: 3001 });
    expect(goingLive.steer(playingSample({ now: 30_000, latency: 4 })).action).to.equal('rate');
  });

  it('a pause at the end of the stream is not a choice', () => {
    const live = playingHls();
    live.paused({ ended: true, now: 20_000 });
    expect(live.steer(playingSample({ now: 21_000, latency: 4 })).action).to.equal('rate');
  });

  it('keeps a viewer behind inside the live window as it slides past: one segment inside it', () => {
    const live = playingHls();
    expect(live.liveWindowMoved({ windowStart: 50, segmentSeconds: 2, bufferEnd: 40, now: 2000 })).to.deep.equal({ action: 'none' });
    live.paused({ ended: false, now: 2000 });
    expect(live.liveWindowMoved({ windowStart: 50, segmentSeconds: 2, bufferEnd: 40, now: 3000 })).to.deep.equal({ action: 'seek', to: 52 });
    expect(live.liveWindowMoved({ windowStart: 50, segmentSeconds: 2, bufferEnd: 60, now: 3000 })).to.deep.equal({ action: 'none' });
  });
});

describe('LiveTimeline: playlists pass through its reload timing', () => {
  it('holds a young stream\'s first playlist until it lists enough media to start the target behind', () => {
    const live = timeline();
    // One 2 s segment, seen just now: 2 s of media, the target 3 s.
    const young = live.playlistArrived({ url, playlist: hlsPlaylist({ count: 1 }), producedAt: 10_000, now: 10_000 });
    expect(young.deliver).to.equal(false);
    if (!young.deliver) expect(young.retryInMs).to.be.closeTo(1000, 1);
    const ready = live.playlistArrived({ url, playlist: hlsPlaylist({ count: 1 }), producedAt: 10_000, now: 11_100 });
    expect(ready).to.deep.include({ deliver: true });
  });

  it('dates a cached playlist by when its newest media appeared, not by its arrival', () => {
    const live = timeline();
    const decision = live.playlistArrived({ url, playlist: hlsPlaylist(), producedAt: 9_000, now: 10_000 });
    expect(decision).to.deep.include({ deliver: true, datedAt: 9_000 });
  });
});

describe('LiveTimeline: the trace', () => {
  it('records each fact and decision with its figures, and never a playlist\'s query (the viewer\'s token)', () => {
    const entries: TimelineTraceEntry[] = [];
    const live = playingHls({ trace: (entry) => entries.push(entry) });
    live.steer(playingSample({ now: 20_000, latency: 4 }));
    live.waiting({ seeking: false, now: 21_000 });
    live.playing({ latency: 4.2, now: 21_400 });
    expect(entries.map((entry) => entry.what)).to.deep.equal(['playlist-delivered', 'edge-media', 'edge-media', 'edge-media', 'target', 'rate', 'stall', 'stall-ended']);
    expect(entries.find((entry) => entry.what === 'rate')).to.deep.include({ at: 20_000, rate: 1.25, distance: 1 });
    expect(entries[0]).to.deep.include({ playlist: 'stream01.m3u8' });
    expect(JSON.stringify(entries)).to.not.include('secret-token');
  });
});
