import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { edgeRequestsFor, edgeUrl, failOrigin, putStream, restartStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

describe('<ams-cdn-player> across the end of a broadcast, origin outages and the network going away', () => {
  afterEach(removeAllPlayers);

  it('reports ended when the playlist ends, then plays the same id again when the broadcast restarts', async () => {
    const id = uniqueStreamId('restart');
    // Live for 20 s already, ending 6 s from now.
    await putStream({ id, startIn: -20, stopAfter: 26 });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitFor(() => player.status === 'ended', 30000, 'status ended');
    expect(player.shadowRoot!.textContent).to.include('ended');
    const playingBefore = statuses.filter((status) => status === 'playing').length;

    await restartStream(id);
    await waitFor(() => statuses.filter((status) => status === 'playing').length > playingBefore, 30000, 'playing again after the restart');
    await framesAdvance(player.video!, 1);
    const afterEnd = statuses.slice(statuses.indexOf('ended'));
    expect(afterEnd).not.to.include('waiting', 'an ended broadcast stays ended until it is back');
    expect(afterEnd).not.to.include('error');
  });

  it('reports stalled through a 10 s origin outage and plays on by itself when the origin is back', async () => {
    const id = uniqueStreamId('outage');
    await putStream({ id, startIn: -20 });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await failOrigin(id, 503, 10);
    await waitFor(() => player.status === 'stalled', 15000, 'status stalled during the outage');
    await waitFor(() => player.status === 'playing', 30000, 'status playing after the outage');
    await framesAdvance(player.video!, 1);
    expect(statuses).not.to.include('error');
    expect(player.latency).to.be.below(10, 'back near the live edge');
  });

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

  it('keeps playing after an outage when the viewer started playback without autoplay', async () => {
    const id = uniqueStreamId('manual');
    await putStream({ id, startIn: -20 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, muted: true });
    await waitFor(() => player.status === 'idle' && player.streamUrl !== null, 20000, 'loaded and idle');
    await player.play();
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await failOrigin(id, 503, 4);
    await waitFor(() => player.status === 'stalled', 15000, 'status stalled during the outage');
    await waitFor(() => player.status === 'playing', 30000, 'playing again after the outage, without another play()');
  });
});
