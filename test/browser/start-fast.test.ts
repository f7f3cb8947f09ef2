import { expect } from '@open-wc/testing';
import { edgeRequestsFor, edgeUrl, putStream, uniqueStreamId, type EdgeLogEntry } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

/** Requests for a playlist file by its plain URL: not LL-HLS blocking reloads (`_HLS_msn=...`), which hls.js alone makes. */
function plainRequestsFor(requests: EdgeLogEntry[], file: string): EdgeLogEntry[] {
  return requests.filter((entry) => entry.path.endsWith(`/${file}`) && !entry.query.includes('_HLS_'));
}

describe('<ams-cdn-player> starting without downloading a playlist twice', () => {
  // hls.js and the player's hls.js layer already in the page, as after the first player: a live
  // media playlist stands in for a fresh download for one part target (200 ms here), and importing
  // them from source through the test server, a module at a time, can take longer than that (216 to
  // 262 ms for the first player in a fresh page).
  before(async () => {
    await Promise.all([import('hls.js/light'), import('../../src/hls/hls-session.js')]);
  });

  afterEach(removeAllPlayers);

  it('Apple-style LL-HLS: hls.js gets the master and media playlists the stream probe downloaded, and passes fMP4 through without a worker', async () => {
    const id = uniqueStreamId('once');
    await putStream({ id, startIn: -20, llHls: 'apple' });
    // A token with characters that URL encoders disagree on: the probe's URLs and hls.js's must still match.
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', token: 'a b+c/d=', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(errors).to.deep.equal([]);
    const requests = await edgeRequestsFor(id);
    expect(requests.filter((entry) => new URLSearchParams(entry.query).get('token') !== 'a b+c/d=').map((entry) => entry.path), 'requests without the token').to.deep.equal([]);
    expect(plainRequestsFor(requests, `${id}__master.m3u8`).length, 'master playlist requests').to.equal(1);
    expect(plainRequestsFor(requests, `${id}__lowlatency.m3u8`).length, 'media playlist requests without _HLS_ directives').to.equal(1);
    // From there on hls.js loads the playlist itself, blocking until each new part is out.
    expect(requests.some((entry) => entry.query.includes('_HLS_msn'))).to.equal(true, 'blocking playlist reloads');
    // fMP4 is only passed through: no transmux worker to start first.
    expect(player.hls!.config.enableWorker).to.equal(false);
  });

  it('play-order "ll-hls,hls" on an ABR stream without LL-HLS: each master once, then plays MPEG-TS through the worker', async () => {
    const id = uniqueStreamId('abronce');
    await putStream({ id, startIn: -20, llHls: 'none', adaptive: true });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls,hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.streamUrl).to.equal(`${edgeUrl}/streams/${id}_adaptive.m3u8`);
    const requests = await edgeRequestsFor(id);
    expect(plainRequestsFor(requests, `${id}__master.m3u8`).map((entry) => entry.status), 'the LL-HLS master: one 404').to.deep.equal([404]);
    expect(plainRequestsFor(requests, `${id}_adaptive.m3u8`).length, 'ABR master requests').to.equal(1);
    // MPEG-TS is transmuxed in hls.js's worker, off the main thread.
    expect(player.hls!.config.enableWorker).to.equal(true);
  });
});
