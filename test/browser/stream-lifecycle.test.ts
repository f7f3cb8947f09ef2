import { expect } from '@open-wc/testing';
import { edgeUrl, putStream, restartStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

describe('<ams-cdn-player> across the end of a broadcast', () => {
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
});
