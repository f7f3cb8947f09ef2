import { expect } from '@open-wc/testing';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { sleep, waitFor } from './wait.js';

/** The edge's requests for the stream's preview image. */
const previewRequests = async (id: string) => (await edgeRequestsFor(id)).filter(({ path }) => path.startsWith('/previews/'));

describe('<ams-cdn-player> what AMS\'s own player does: preview poster, start and end', () => {
  afterEach(removeAllPlayers);

  it('shows AMS\'s preview image while waiting, loaded once, not retried, and steps aside for the first frame', async () => {
    const id = uniqueStreamId('preview');
    await putStream({ id, startIn: 8 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'waiting', 10000, 'status waiting');
    const preview = (): HTMLImageElement | null => player.shadowRoot!.querySelector('img[part="preview"]');
    await waitFor(() => Boolean(preview()?.complete), 5000, 'the preview loaded');
    expect(preview()!.src).to.equal(`${edgeUrl}/previews/${id}.png`);
    // Drawn: the image is what the viewer sees before the first frame.
    expect(preview()!.naturalWidth).to.equal(320);
    await waitFor(() => player.status === 'playing', 30000, 'status playing');
    await waitFor(() => preview() === null, 2000, 'the preview gone with the first frame');
    const requests = await previewRequests(id);
    expect(requests.map(({ status }) => status)).to.deep.equal([200]);
  });

  it('shows no preview with no-preview, and the page\'s own poster when it sets one', async () => {
    const id = uniqueStreamId('nopreview');
    await putStream({ id, startIn: 60 });
    const quiet = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'no-preview': true });
    const own = mountPlayer({ domain: edgeUrl, 'stream-id': id, poster: `${edgeUrl}/previews/elsewhere.png` });
    await waitFor(() => quiet.player.status === 'waiting' && own.player.status === 'waiting', 10000, 'both waiting');
    await sleep(500);
    for (const { player } of [quiet, own]) expect(player.shadowRoot!.querySelector('img[part="preview"]')).to.equal(null);
    expect(quiet.player.video!.hasAttribute('poster')).to.equal(false);
    expect(own.player.video!.poster).to.equal(`${edgeUrl}/previews/elsewhere.png`);
    expect(await previewRequests(id)).to.deep.equal([]);
  });

  it('passes start and end on the playlist URL, as AMS\'s player does for a recorded interval', async () => {
    const id = uniqueStreamId('interval');
    await putStream({ id, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', start: '1700000000', end: '1700000060', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    expect(new URL(player.streamUrl!).searchParams.get('start')).to.equal('1700000000');
    const [first] = (await edgeRequestsFor(id)).filter(({ path }) => path.endsWith('.m3u8'));
    const query = new URLSearchParams(first!.query);
    expect([query.get('start'), query.get('end')]).to.deep.equal(['1700000000', '1700000060']);
  });
});
