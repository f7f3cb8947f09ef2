import { expect } from '@open-wc/testing';
import type { SourceChangeDetail } from '../../src/index.js';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** Mounts a player, recording its source-change details. */
function mountRecorded(attributes: Record<string, string | true>) {
  const mounted = mountPlayer({ domain: edgeUrl, autoplay: true, muted: true, ...attributes });
  const sources: SourceChangeDetail[] = [];
  mounted.player.addEventListener('source-change', (event) => sources.push((event as CustomEvent<SourceChangeDetail>).detail));
  return { ...mounted, sources };
}

describe('<ams-cdn-player> play order vod: the recording', () => {
  afterEach(removeAllPlayers);

  it('plays the recording when the live stream is absent, with a seek bar, and stays ended after it', async () => {
    const id = uniqueStreamId('recorded');
    await putStream({ id, startIn: 600, recording: true });
    const { player, sources } = mountRecorded({ 'stream-id': id, 'play-order': 'll-hls,hls,vod', 'play-type': 'webm,mp4', controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'the recording playing');
    expect(sources.map(({ playOrder, url }) => [playOrder, new URL(url).pathname])).to.deep.equal([['vod', `/streams/${id}.mp4`]]);
    const video = player.video!;
    expect(video.duration).to.be.closeTo(8, 0.1);
    await framesAdvance(video, 1);

    await waitFor(() => player.shadowRoot!.querySelector('[part~="seek-bar"]') !== null, 5000, 'the seek bar');
    const seekBar = player.shadowRoot!.querySelector<HTMLInputElement>('[part~="seek-bar"]')!;
    expect(Number(seekBar.max)).to.be.closeTo(8, 0.1);
    expect(player.shadowRoot!.querySelector('[part~="live-badge"]')).to.equal(null);
    seekBar.value = '7';
    seekBar.dispatchEvent(new Event('input'));
    await waitFor(() => video.currentTime >= 7, 5000, 'the seek to 7 s');
    await waitFor(() => player.shadowRoot!.querySelector('[part~="time"]')?.textContent === '0:07 / 0:08', 3000, 'the readout at 0:07');

    await waitFor(() => player.status === 'ended', 10000, 'status ended at the end of the recording');
    const requestsAtEnd = (await edgeRequestsFor(id)).length;
    await sleep(4000);
    expect(player.status).to.equal('ended');
    // The live entries are watched on the error-TTL rhythm; the recording is not loaded again.
    const later = (await edgeRequestsFor(id)).slice(requestsAtEnd);
    expect(later.filter(({ path }) => path.endsWith('.mp4')).map(({ path }) => path)).to.deep.equal([]);
  });

  it('plays live when there is live, though the recording exists', async () => {
    const id = uniqueStreamId('liveandrecorded');
    await putStream({ id, startIn: -30, recording: true });
    const { player, sources } = mountRecorded({ 'stream-id': id, 'play-order': 'll-hls,hls,vod' });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    expect(sources.map(({ playOrder }) => playOrder)).to.deep.equal(['ll-hls']);
    expect(player.latency).to.be.a('number');
  });
});
