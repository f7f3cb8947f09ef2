import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

// Chromium only (web-test-runner.config.mjs): the network goes down through DevTools' request
// blocking, which the other engines' drivers do not offer.
describe('<ams-cdn-player> when the network goes away', () => {
  afterEach(removeAllPlayers);

  it('reports stalled while the browser is offline and reconnects at the live edge as soon as it is back online', async () => {
    const id = uniqueStreamId('offline');
    await putStream({ id, startIn: -20 });
    // A long error TTL lets the reconnect backoff grow to many seconds (one URL, 9 s offline: the next
    // attempt is due 8-16 s in), so only the online event explains a request right after it.
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', 'error-ttl': '20', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    try {
      // The network goes down: requests fail, and the browser says so.
      await executeServerCommand('block-network', { blocked: true });
      window.dispatchEvent(new Event('offline'));
      await waitFor(() => player.status === 'stalled', 5000, 'status stalled when offline');
      await new Promise((resolve) => setTimeout(resolve, 9000));
      expect(player.status, 'still stalled while offline').to.equal('stalled');
    } finally {
      await executeServerCommand('block-network', { blocked: false });
    }
    const onlineAt = Date.now();
    window.dispatchEvent(new Event('online'));
    await waitFor(() => player.status === 'playing', 20000, 'playing again once online');
    const firstRequest = (await edgeRequestsFor(id)).find((entry) => entry.time >= onlineAt);
    expect(firstRequest, 'a request after the online event').to.exist;
    expect(firstRequest!.time - onlineAt, 'asked at once, not after the backoff').to.be.below(1000);
    await framesAdvance(player.video!, 1);
    expect(player.latency).to.be.below(10, 'back near the live edge');
    expect(statuses).not.to.include('error');
  });
});
