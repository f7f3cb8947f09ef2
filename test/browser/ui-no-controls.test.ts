import { expect } from '@open-wc/testing';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { part, waitForPart } from './ui-helpers.js';
import { framesAdvance, waitFor } from './wait.js';

// Its own file (own page): no other test here may load the controls module first.
describe('<ams-cdn-player> without controls', () => {
  afterEach(removeAllPlayers);

  const uiModuleLoaded = (): boolean =>
    performance.getEntriesByType('resource').some((entry) => entry.name.includes('/src/ui/'));

  it('has no controls of any kind and never downloads the controls module; adding controls loads them', async () => {
    const id = uniqueStreamId('uinone');
    await putStream({ id, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, stats: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const root = player.shadowRoot!;
    expect(root.querySelectorAll('button, input, select').length, 'no buttons, sliders or menus').to.equal(0);
    for (const name of ['controls', 'play-button', 'live-badge', 'latency', 'stats', 'spinner']) expect(part(player, name), name).to.equal(null);
    expect(player.video!.controls, 'no native controls either').to.equal(false);
    expect(player.hasAttribute('tabindex'), 'not a tab stop').to.equal(false);
    expect(uiModuleLoaded(), 'controls module not downloaded').to.equal(false);

    player.controls = true;
    await waitForPart(player, 'play-button');
    expect(uiModuleLoaded(), 'controls module downloaded on demand').to.equal(true);
    expect(part(player, 'stats'), 'stats with controls').to.not.equal(null);

    player.controls = false;
    await waitFor(() => part(player, 'controls') === null, 3000, 'controls gone');
    expect(player.hasAttribute('tabindex')).to.equal(false);
  });
});
