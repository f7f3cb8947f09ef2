import { expect } from '@open-wc/testing';
import Hls, { type LoaderCallbacks, type LoaderConfiguration, type LoaderContext, type LoaderResponse, type LoaderStats } from 'hls.js';
import { CdnFailures } from '../../src/cdn/cdn-retry.js';
import type { MediaPlaylistSummary } from '../../src/live/media-playlist.js';
import { playlistLoader, type LoaderClass } from '../../src/hls/playlist-loader.js';
import { LiveTimeline } from '../../src/live/live-timeline.js';
import type { ProbedPlaylist } from '../../src/cdn/stream-probe.js';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';

const loaderConfig: LoaderConfiguration = {
  loadPolicy: { maxTimeToFirstByteMs: 8000, maxLoadTimeMs: 8000, timeoutRetry: null, errorRetry: null },
  timeout: 8000,
  maxRetry: 0,
  retryDelay: 0,
  maxRetryDelay: 0,
};

interface Loaded {
  response: LoaderResponse;
  stats: LoaderStats;
  answeredAt: number;
}

/** One playlist request through the element's playlist loader over hls.js's own, against the local edge. */
function loadOnce(Loader: LoaderClass, url: string): Promise<Loaded> {
  return new Promise((resolve, reject) => {
    const loader = new Loader(Hls.DefaultConfig as never);
    const context = { url, responseType: 'text', type: 'level' } as unknown as LoaderContext;
    const callbacks: LoaderCallbacks<LoaderContext> = {
      onSuccess: (response, stats) => resolve({ response, stats, answeredAt: performance.now() }),
      onError: (error) => reject(new Error(`load failed: ${error.code} ${error.text}`)),
      onTimeout: () => reject(new Error('timed out')),
    };
    loader.load(context, loaderConfig, callbacks);
  });
}

function makeLoader(overrides: { takeProbed?: (url: string) => ProbedPlaylist | undefined; startSeconds?: number; seen?: MediaPlaylistSummary[] } = {}): LoaderClass {
  // The start hold waits for the target: pinned here, as a page's target-latency pins it.
  const timeline = new LiveTimeline({ lowLatency: false, pinnedTargetSeconds: overrides.startSeconds ?? 3, maxRate: 1 });
  return playlistLoader({
    Base: Hls.DefaultConfig.loader as unknown as LoaderClass,
    credentials: { origin: new URL(edgeUrl).origin, auth: { token: 'viewer-token' }, cookies: false },
    failures: new CdnFailures({ errorTtlMs: 3000 }),
    timeline: {
      reloadDelayMs: (url, now) => timeline.reloadDelayMs(url, now),
      playlistArrived: (arrival) => {
        overrides.seen?.push(arrival.playlist);
        return timeline.playlistArrived(arrival);
      },
    },
    takeProbed: overrides.takeProbed ?? (() => undefined),
  });
}

describe('playlistLoader (over hls.js’s own loader, against the local edge)', () => {
  it('signs the request with the viewer’s token, rewrites the playlist, and reports the playlist as the server wrote it', async () => {
    const id = uniqueStreamId('loader');
    await putStream({ id, startIn: -20, llHls: 'ams' });
    const seen: MediaPlaylistSummary[] = [];
    const { response } = await loadOnce(makeLoader({ seen }), `${edgeUrl}/streams/ll-hls/${id}/480/${id}__lowlatency.m3u8`);
    const requests = await edgeRequestsFor(id);
    expect(requests.map((request) => request.query)).to.deep.equal(['token=viewer-token']);
    expect(response.data).to.include('#EXT-X-SERVER-CONTROL:PART-HOLD-BACK=2', 'the derived hold-back');
    expect(seen).to.have.length(1);
    expect(seen[0]!.statedPartHoldBack).to.equal(null, 'the summary is of the text before the rewrites');
    expect(seen[0]!.partTarget).to.equal(1);
  });

  it('answers with the probe’s download, dated by when the probe got it less its Age, without asking the network', async () => {
    const id = uniqueStreamId('handoff');
    await putStream({ id, startIn: -20 });
    const url = `${edgeUrl}/streams/${id}.m3u8?token=viewer-token`;
    const text = await (await fetch(url)).text();
    const firstByte = performance.now() - 300;
    const probed: ProbedPlaylist = { url, responseUrl: url, text, requestStart: firstByte - 20, firstByte, end: firstByte + 5, ageSeconds: 1 };
    const before = (await edgeRequestsFor(id)).length;
    const { response, stats } = await loadOnce(makeLoader({ takeProbed: (asked) => (asked === url ? probed : undefined) }), `${edgeUrl}/streams/${id}.m3u8`);
    expect((await edgeRequestsFor(id)).length).to.equal(before, 'no request');
    expect(response.data).to.include('#EXTINF');
    expect(stats.loading.first).to.be.closeTo(firstByte - 1000, 1, 'the first byte less the 1 s Age');
  });

  it('holds a young stream’s first playlist until it lists enough media to start that far behind', async () => {
    const id = uniqueStreamId('younghold');
    // Live for 2.2 s: the playlist lists its first 2 s segment.
    await putStream({ id, startIn: -2.2 });
    const startedAt = performance.now();
    const { response, answeredAt } = await loadOnce(makeLoader({ startSeconds: 3 }), `${edgeUrl}/streams/${id}.m3u8`);
    expect(String(response.data).match(/#EXTINF/g)).to.have.length.within(1, 2);
    // About 1 s more for 3 s of media behind the edge (the segment's age counts from when it was seen).
    expect(answeredAt - startedAt).to.be.within(800, 3000);

    const older = uniqueStreamId('olderhold');
    await putStream({ id: older, startIn: -20 });
    const askedAt = performance.now();
    const full = await loadOnce(makeLoader({ startSeconds: 3 }), `${edgeUrl}/streams/${older}.m3u8`);
    expect(full.answeredAt - askedAt).to.be.below(500, 'a playlist with enough media is answered at once');
  });
});
