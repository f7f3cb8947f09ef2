import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** The player's own target latency. */
const targetOf = (player: { hls: { targetLatency: number | null } | null }): number => player.hls!.targetLatency!;

describe('<ams-cdn-player> rewind in a live window', () => {
  afterEach(removeAllPlayers);

  it('seeks back 20 s in a 2-minute window and stays there for 10 s; End returns to within 1 s of the target', async () => {
    const id = uniqueStreamId('rewind');
    // AMS with hlsListSize 60: 2 minutes of 2 s segments, all of it live already.
    await putStream({ id, startIn: -150, listSize: 60 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.seekableEnd! - player.seekableStart!, 'the window').to.be.above(100);
    const seekBar = (): HTMLInputElement | null => player.shadowRoot!.querySelector('[part~="seek-bar"][part~="live-window"]');
    await waitFor(() => seekBar() !== null, 5000, 'a seek bar over the live window');

    const live = player.latency!;
    player.currentTime -= 20;
    await waitFor(() => !player.video!.seeking && player.latency! > live + 15, 10000, '20 s further behind');
    await framesAdvance(player.video!, 1);
    const behind = player.latency!;
    await sleep(10000);
    expect(player.status).to.equal('playing');
    expect(player.latency!, 'still as far behind, not caught up').to.be.closeTo(behind, 1.5);
    const badge = player.shadowRoot!.querySelector('[part~="live-offset"]');
    expect(badge?.textContent, 'the badge says how far').to.match(/^-\d+ s$/);

    player.focus();
    await sendKeys({ press: 'End' });
    await waitFor(() => player.latency! - targetOf(player) < 1, 10000, 'back within 1 s of the target');
  });

  it('shows no seek bar over AMS\'s default 30 s window', async () => {
    const id = uniqueStreamId('shortwindow');
    await putStream({ id, startIn: -60 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.shadowRoot!.querySelector('[part~="seek-bar"]')).to.equal(null);
    expect(player.shadowRoot!.querySelector('[part~="live-badge"]')).not.to.equal(null);
  });
});
