import { expect } from '@open-wc/testing';
import { edgeUrl, failOrigin, putStream, restartStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

describe('<ams-cdn-player> across the end of a broadcast and origin outages', () => {
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
    expect(statuses.slice(statuses.indexOf('playing')), 'an outage is not the broadcast\'s end').not.to.include('ended');
    expect(player.latency).to.be.below(10, 'back near the live edge');
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
