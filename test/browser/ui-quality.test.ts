import { expect } from '@open-wc/testing';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { part, waitForPart } from './ui-helpers.js';
import { waitFor } from './wait.js';

describe('<ams-cdn-player controls>: quality menu', () => {
  afterEach(removeAllPlayers);

  /** Picks an entry as a viewer does: the select's value, then its change event. */
  function choose(select: HTMLSelectElement, value: string): void {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }

  it('lists Auto and each rendition of an ABR stream, switches to the one chosen and shows it', async () => {
    const id = uniqueStreamId('uiquality');
    await putStream({ id, adaptive: true, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': `${id}_adaptive`, autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const select = (await waitForPart(player, 'quality-menu')) as HTMLSelectElement;
    const hls = player.hls!;
    const options = () => [...select.options].map((option) => option.text.trim());
    expect(options().slice(1).sort()).to.deep.equal(['180p', '360p']);
    expect(select.value, 'Auto at first').to.equal('-1');
    await waitFor(() => /^Auto \((180|360)p\)$/.test(options()[0]!), 10000, 'Auto naming the rendition playing');

    const small = hls.levels.findIndex((level) => level.height === 180);
    choose(select, String(small));
    await waitFor(() => hls.currentLevel === small && player.video!.videoHeight === 180, 20000, '180p playing');
    expect(hls.autoLevelEnabled).to.equal(false);
    expect(select.value).to.equal(String(small));
    expect(select.selectedOptions[0]!.text.trim()).to.equal('180p');

    const large = hls.levels.findIndex((level) => level.height === 360);
    choose(select, String(large));
    await waitFor(() => hls.currentLevel === large && player.video!.videoHeight === 360, 20000, '360p playing');
    expect(select.selectedOptions[0]!.text.trim()).to.equal('360p');

    choose(select, '-1');
    await waitFor(() => hls.autoLevelEnabled, 5000, 'automatic selection again');
    await waitFor(() => options()[0] === `Auto (${hls.levels[hls.currentLevel]!.height}p)`, 5000, 'Auto naming the rendition playing');
    expect(select.value).to.equal('-1');

    // A reload (as after a reconnect) brings a new hls.js instance: the menu follows it.
    player.reload();
    await waitFor(() => player.hls !== null && player.hls !== hls && player.status === 'playing', 20000, 'a new session playing');
    const next = player.hls!;
    const menu = (await waitForPart(player, 'quality-menu')) as HTMLSelectElement;
    choose(menu, String(small));
    await waitFor(() => next.currentLevel === small && player.video!.videoHeight === 180, 20000, '180p playing in the new session');
    expect(menu.selectedOptions[0]!.text.trim()).to.equal('180p');
  });

  it('shows no quality menu for a single-rendition stream', async () => {
    const id = uniqueStreamId('uisingle');
    await putStream({ id, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitForPart(player, 'play-button');
    expect(player.hls!.levels.length).to.equal(1);
    expect(part(player, 'quality-menu')).to.equal(null);
  });
});
