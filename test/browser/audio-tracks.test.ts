import { expect } from '@open-wc/testing';
import type { AudioTrackInfo } from '../../src/index.js';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

describe('<ams-cdn-player> audio renditions', () => {
  afterEach(removeAllPlayers);

  it('lists the renditions in an audio menu; choosing one switches (the edge loads its segments, hls.js reports it)', async () => {
    const id = uniqueStreamId('audio');
    await putStream({ id, startIn: -30, adaptive: true, audioRenditions: true });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true, controls: true });
    const changes: AudioTrackInfo[] = [];
    player.addEventListener('audiotrack-change', (event) => changes.push((event as CustomEvent<AudioTrackInfo>).detail));
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const menu = (): HTMLSelectElement | null => player.shadowRoot!.querySelector('[part~="audio-menu"]');
    await waitFor(() => menu() !== null, 5000, 'the audio menu');
    expect([...menu()!.options].map((option) => option.textContent)).to.deep.equal(['English (en)', 'Deutsch (de)']);
    expect(menu()!.labels[0]?.querySelector('.visually-hidden')?.textContent?.trim(), 'its label').to.equal('Audio');

    menu()!.value = '1';
    menu()!.dispatchEvent(new Event('change'));
    await waitFor(() => changes.some(({ language }) => language === 'de'), 15000, 'an audiotrack-change to Deutsch');
    expect(player.hls!.audioTrack).to.equal(1);
    expect(player.playingAudioTrack, 'the element says so too').to.equal(1);
    expect(player.audioTracks.map(({ name, language }) => `${name}/${language}`)).to.deep.equal(['English/en', 'Deutsch/de']);
    await framesAdvance(player.video!, 2);
    const german = (await edgeRequestsFor(id)).filter(({ path }) => /_audio_de\d{9}\.ts$/.test(path));
    expect(german.length, 'Deutsch segments loaded').to.be.above(0);
    expect(player.status).to.equal('playing');
  });

  it('starts with the rendition audio-track names, by language', async () => {
    const id = uniqueStreamId('audiopick');
    await putStream({ id, startIn: -30, adaptive: true, audioRenditions: true });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', 'audio-track': 'DE', autoplay: true, muted: true });
    const changes: AudioTrackInfo[] = [];
    player.addEventListener('audiotrack-change', (event) => changes.push((event as CustomEvent<AudioTrackInfo>).detail));
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitFor(() => player.hls?.audioTrack === 1, 10000, 'the Deutsch rendition');
    await waitFor(() => changes.at(-1)?.name === 'Deutsch', 10000, 'audiotrack-change naming Deutsch');
  });
});
