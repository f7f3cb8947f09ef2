import { expect } from '@open-wc/testing';
import { addFault, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { waitFor } from './wait.js';

// A file of its own: hls.js must not be in the page yet (no other test here imports it), so its
// download shows in the resource timings.
describe('<ams-cdn-player> loading hls.js', () => {
  afterEach(removeAllPlayers);

  it('starts importing hls.js when the master playlist arrives, while the probe still waits for the media playlist', async () => {
    const id = uniqueStreamId('preload');
    await putStream({ id, startIn: -20, llHls: 'ams' });
    // Every playlist takes a second: the probe's master, then its media playlist.
    await addFault({ kind: 'slow', id, resource: 'playlist', delayMs: 1000, seconds: 4 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const hlsImport = resources.find((entry) => /hls\.light/.test(entry.name));
    const mediaProbe = resources.find((entry) => entry.name.includes(`/${id}__lowlatency.m3u8`));
    expect(hlsImport, 'hls.js light build downloaded by this page').to.not.equal(undefined);
    expect(mediaProbe, 'media playlist request').to.not.equal(undefined);
    expect(hlsImport!.startTime, 'hls.js import starts before the media playlist has arrived').to.be.below(mediaProbe!.responseEnd);
  });
});
