import { expect } from '@open-wc/testing';
import type { AmsCdnPlayer } from '../../src/index.js';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

/** The caption lines the element shows now. */
const shownLines = (player: HTMLElement): string[] => [...player.shadowRoot!.querySelectorAll('[part~="captions"] span')].map((line) => (line.textContent ?? '').trim());

/** The number in the caption line "Caption N" showing now (N: the stream's 1 s unit), or NaN. */
const captionNumber = (player: HTMLElement): number => Number(/^Caption (\d+)$/.exec(shownLines(player)[0] ?? '')?.[1] ?? Number.NaN);

/**
 * A player with controls on an ABR stream with English captions of some kind: it shows none, its
 * captions menu offers Off and English, and the viewer chooses English.
 */
async function captionsTurnedOnFromTheMenu(stream: { id: string; subtitles?: boolean; closedCaptions?: boolean }): Promise<AmsCdnPlayer> {
  await putStream({ ...stream, startIn: -30, adaptive: true });
  const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': stream.id, 'play-order': 'hls', autoplay: true, muted: true, controls: true });
  await waitFor(() => player.status === 'playing', 20000, 'status playing');
  const menu = (): HTMLSelectElement | null => player.shadowRoot!.querySelector('[part~="captions-menu"]');
  await waitFor(() => menu() !== null, 10000, 'the captions menu');
  await framesAdvance(player.video!, 2);
  expect(shownLines(player)).to.deep.equal([]);
  expect([...menu()!.options].map((option) => option.textContent)).to.deep.equal(['Off', 'English']);
  menu()!.value = '0';
  menu()!.dispatchEvent(new Event('change'));
  expect(player.captions).to.equal('en');
  return player;
}

describe('<ams-cdn-player> subtitles and captions', () => {
  afterEach(removeAllPlayers);

  it('shows the WebVTT rendition captions names, cue by cue over the video, with the right text', async () => {
    const id = uniqueStreamId('subs');
    await putStream({ id, startIn: -30, adaptive: true, subtitles: true });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', captions: 'en', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitFor(() => shownLines(player).length > 0, 15000, 'a cue shown');
    expect(shownLines(player)[0]).to.match(/^Segment \d+$/);
    // The cue names the segment playing: the text follows the picture.
    const first = shownLines(player)[0];
    await waitFor(() => shownLines(player)[0] !== undefined && shownLines(player)[0] !== first, 6000, 'the next segment\'s cue');
    expect(Number(shownLines(player)[0]!.slice(8)) - Number(first!.slice(8))).to.equal(1);
    expect((await edgeRequestsFor(id)).some(({ path }) => path.endsWith('.vtt'))).to.equal(true);
    expect(player.captionTracks.map(({ label, language }) => [label, language])).to.deep.equal([['English', 'en']]);
  });

  it('shows in-band CEA-608 captions of a plain media playlist, which declares none, when the page sets captions', async () => {
    const id = uniqueStreamId('cea608');
    await putStream({ id, startIn: -30, closedCaptions: true });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', captions: 'en', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitFor(() => !Number.isNaN(captionNumber(player)), 15000, 'a "Caption N" cue shown');
    // Each second of the stream has its caption: the text follows the picture.
    const first = captionNumber(player);
    await waitFor(() => captionNumber(player) > first, 6000, 'the next second\'s caption');
    expect(captionNumber(player) - first).to.be.within(1, 2);
    expect(player.captionTracks.map(({ language }) => language)).to.deep.equal(['en']);
  });

  it('lists the CEA-608 track a master playlist declares in the captions menu; turning it on shows its captions', async () => {
    const player = await captionsTurnedOnFromTheMenu({ id: uniqueStreamId('cea608menu'), closedCaptions: true });
    await waitFor(() => !Number.isNaN(captionNumber(player)), 15000, 'a "Caption N" cue shown');
  });

  it('shows none until the viewer turns them on in the captions menu', async () => {
    const player = await captionsTurnedOnFromTheMenu({ id: uniqueStreamId('subsmenu'), subtitles: true });
    await waitFor(() => shownLines(player).length > 0, 15000, 'a cue shown');
    expect(shownLines(player)[0]).to.match(/^Segment \d+$/);
  });
});
