// The element's asks against the browser's own moves (src/element/play-intent.ts), where a key press comes
// between them. Chromium only: its key presses take milliseconds, well inside the one-second window
// these rules act in (WebDriver's presses in a busy WebKit can take a large part of it).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { sleep, waitFor } from './wait.js';

describe('<ams-cdn-player> asks against the browser\'s own moves', () => {
  afterEach(removeAllPlayers);

  it('a play the browser makes right after a pause is undone even when a key was pressed in between', async () => {
    const id = uniqueStreamId('intentkey');
    await putStream({ id, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const video = player.video!;
    player.pause();
    // A press that asks nothing of playback: WebKitGTK's own play came between the viewer's space
    // key on the play button and the button's click, and passed for the viewer's as a key was down.
    await sendKeys({ press: 'Shift' });
    void video.play().catch(() => {});
    await waitFor(() => video.paused, 3000, 'the browser\'s play undone');
    await sleep(1200);
    expect(video.paused, 'still paused').to.equal(true);
    expect(player.paused).to.equal(true);
    expect(player.status).to.equal('idle');
  });
});
