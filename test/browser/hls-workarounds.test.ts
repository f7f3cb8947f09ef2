// The hls.js behaviours src/hls/hls-workarounds.ts works around, shown on hls.js itself without the
// workaround. Each test fails the day a newer hls.js no longer behaves so (the workaround can go)
// or has moved what the player touches (the workaround is broken). hls.js reads playlists here from
// a loader that answers with the texts given, so what it does is decided by the text alone; the
// segment-0 test alone needs media buffered, and plays the emulator's broadcast.
import { expect } from '@open-wc/testing';
import Hls, { type HlsConfig, type LevelDetails, type LoaderCallbacks, type LoaderContext, type LoaderStats } from 'hls.js/light';
import { putStream, uniqueStreamId } from './emulator.js';
import { waitFor } from './wait.js';

const playlistUrl = 'https://cdn.example/live/streams/ll-hls/stream01/stream01__lowlatency.m3u8';

function loaderStats(bytes: number): LoaderStats {
  const now = performance.now();
  return {
    aborted: false, loaded: bytes, retry: 0, total: bytes, chunkCount: 0, bwEstimate: 0,
    loading: { start: now, first: now, end: now }, parsing: { start: 0, end: 0 }, buffering: { start: 0, first: 0, end: 0 },
  };
}

/**
 * hls.js on a video, its playlist requests answered by `answer` (the request count so far, 0 for
 * the first), its segment requests never answered: no media, so nothing but the playlists matters.
 */
function hlsReading(answer: (requestIndex: number) => string, config: Partial<HlsConfig> = {}) {
  const requests: { at: number; type: string }[] = [];
  class PlaylistLoader {
    stats = loaderStats(0);
    context: LoaderContext | null = null;
    load(context: LoaderContext, _config: unknown, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      const text = answer(requests.length);
      requests.push({ at: performance.now(), type: (context as { type?: string }).type ?? '' });
      this.stats = loaderStats(text.length);
      setTimeout(() => callbacks.onSuccess({ url: context.url, data: text }, this.stats, context, null), 0);
    }
    abort(): void {}
    destroy(): void {}
  }
  class SilentLoader {
    stats = loaderStats(0);
    context: LoaderContext | null = null;
    load(context: LoaderContext): void {
      this.context = context;
    }
    abort(): void {}
    destroy(): void {}
  }
  const hls = new Hls({ lowLatencyMode: true, pLoader: PlaylistLoader as never, loader: SilentLoader as never, ...config });
  const parsingErrors: string[] = [];
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.details === Hls.ErrorDetails.LEVEL_PARSING_ERROR) parsingErrors.push(data.error?.message ?? data.reason ?? '');
  });
  hls.attachMedia(document.createElement('video'));
  hls.loadSource(playlistUrl);
  return { hls, requests, parsingErrors };
}

/**
 * An AMS-style LL-HLS playlist: 4 s segments of 1 s MPEG-TS parts, no EXT-X-SERVER-CONTROL, no
 * preload hint. Lists segments `first` to `last` complete, then `partsAfter` parts of the next.
 */
function amsLowLatencyPlaylist({ first = 10, last, partsAfter }: { first?: number; last: number; partsAfter: number }): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-TARGETDURATION:4', '#EXT-X-PART-INF:PART-TARGET=1.0', `#EXT-X-MEDIA-SEQUENCE:${first}`];
  const parts = (segment: number, count: number) => {
    for (let part = 0; part < count; part++) lines.push(`#EXT-X-PART:DURATION=1.00000,URI="segment${segment}.${part}.ts"${part === 0 ? ',INDEPENDENT=YES' : ''}`);
  };
  for (let segment = first; segment <= last; segment++) {
    // Parts are listed for the newest segments only, as AMS does.
    if (segment > last - 2) parts(segment, 4);
    lines.push('#EXTINF:4.000,', `segment${segment}.ts`);
  }
  parts(last + 1, partsAfter);
  return `${lines.join('\n')}\n`;
}

const details = (hls: Hls): LevelDetails => hls.latestLevelDetails!;

describe('hls.js 1.7.4 without the workarounds in src/hls/hls-workarounds.ts', () => {
  let hls: Hls | null = null;
  afterEach(() => {
    hls?.destroy();
    hls = null;
  });

  it('withDerivedPartHoldBack: starts an LL-HLS playlist without PART-HOLD-BACK three target durations behind (hls.js #4453)', async () => {
    const reading = hlsReading(() => amsLowLatencyPlaylist({ last: 15, partsAfter: 2 }));
    hls = reading.hls;
    await waitFor(() => hls!.latestLevelDetails !== null, 5000, 'the playlist read');
    expect(details(hls).partHoldBack, 'no hold-back of its own').to.equal(0);
    expect(hls.targetLatency, 'three target durations (12 s), not a few parts').to.equal(3 * details(hls).targetduration);
  });

  it('withNextSegmentMarker: takes the last complete segment for the one in progress, and the next update fails with a media sequence mismatch', async () => {
    // First a playlist that ends on a complete segment, then one with that segment's successor.
    const reading = hlsReading((index) => (index === 0 ? amsLowLatencyPlaylist({ last: 15, partsAfter: 0 }) : amsLowLatencyPlaylist({ last: 16, partsAfter: 1 })));
    hls = reading.hls;
    await waitFor(() => reading.parsingErrors.length > 0 || reading.requests.length > 3, 15000, 'a parsing error, or three updates without one');
    expect(reading.parsingErrors.join(' '), 'a levelParsingError').to.match(/media sequence mismatch/i);
  });

  it('withPacedReload: reloads a playlist without blocking reload at most about twice per TARGETDURATION, not once per part (hls.js #4915, #4940)', async () => {
    const reading = hlsReading(() => amsLowLatencyPlaylist({ last: 15, partsAfter: 2 }));
    hls = reading.hls;
    await waitFor(() => reading.requests.length >= 4, 20000, 'three reloads');
    const gaps = reading.requests.slice(1).map((request, index) => (request.at - reading.requests[index]!.at) / 1000);
    // PART-TARGET is 1 s, TARGETDURATION 4 s: half of it is 2 s.
    expect(Math.min(...gaps.slice(1)), `gaps ${gaps.map((gap) => gap.toFixed(2)).join(', ')} s`).to.be.above(1.5);
  });

  // This one needs media buffered, so it plays the emulator's Apple-style LL-HLS broadcast (200 ms
  // fMP4 parts, blocking reload) from its first segment, number 0, in a real video.
  it('withShiftedSequence: loads the parts of segment number 0 again after they were appended (fragment-tracker.ts, `sn || -1`)', async () => {
    const id = uniqueStreamId('segmentzero');
    // Opened as the broadcast's first parts appear: segment 0 (2 s of parts) is still being written.
    // From the origin (no CDN caches its 404 before the start), asked until the broadcast is on.
    await putStream({ id, startIn: 1, stopAfter: 20, llHls: 'apple' });
    const playlistUrl = `${window.emulator.originUrl}/live/streams/ll-hls/${id}/${id}__master.m3u8`;
    const deadline = performance.now() + 10_000;
    while (!(await fetch(playlistUrl, { cache: 'no-store' })).ok) {
      if (performance.now() > deadline) throw new Error('the broadcast did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const partLoads = new Map<string, number>();
    // The media playlist answers 404 until the first part is out: asked again every 100 ms, not
    // after hls.js's 1 and 2 s, by when segment 0 would be complete and played from whole.
    const quickRetry = { maxNumRetry: 30, retryDelayMs: 100, maxRetryDelayMs: 100 };
    const playlistLoadPolicy = { default: { maxTimeToFirstByteMs: 10_000, maxLoadTimeMs: 20_000, timeoutRetry: quickRetry, errorRetry: quickRetry } };
    hls = new Hls({ lowLatencyMode: true, enableWorker: false, playlistLoadPolicy });
    hls.on(Hls.Events.FRAG_LOADING, (_event, { frag, part }) => {
      if (frag.sn !== 0 || !part) return;
      const key = `0.${part.index}`;
      partLoads.set(key, (partLoads.get(key) ?? 0) + 1);
    });
    hls.attachMedia(video);
    hls.loadSource(playlistUrl);
    void video.play().catch(() => {});
    try {
      await waitFor(() => [...partLoads.values()].some((count) => count > 1) || video.currentTime > 4, 20000, 'a part of segment 0 loaded twice, or 4 s played');
      const loadedAgain = [...partLoads].filter(([, count]) => count > 1).map(([key, count]) => `${key} x${count}`);
      expect(loadedAgain.length, `parts of segment 0 loaded more than once (${loadedAgain.join(', ') || 'none'}; ${partLoads.size} loaded)`).to.be.above(0);
    } finally {
      video.remove();
    }
  });

  it('askForReloadAtOnce: a live playlist\'s details carry the reload grid the player resets, `requestScheduled` (hls.js #4961)', async () => {
    const reading = hlsReading(() => amsLowLatencyPlaylist({ last: 15, partsAfter: 2 }));
    hls = reading.hls;
    await waitFor(() => hls!.latestLevelDetails !== null && reading.requests.length >= 2, 10000, 'a reload');
    const scheduled = details(hls).requestScheduled;
    expect(scheduled, 'the field the loader writes').to.be.a('number');
    expect(scheduled).to.be.greaterThan(0);
  });
});
