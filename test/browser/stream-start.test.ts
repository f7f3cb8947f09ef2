import { expect } from '@open-wc/testing';
import { errorTtlMs, expectTtlRhythm } from './edge-rhythm.js';
import { edgeRequestsFor, edgeUrl, putStream, restartStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, frozenSeconds, waitFor } from './wait.js';

describe('<ams-cdn-player> finding the stream', () => {
  afterEach(removeAllPlayers);

  it('opened before the broadcast: waits, asking each play-order URL at most once per TTL, then plays', async () => {
    const id = uniqueStreamId('early');
    await putStream({ id, startIn: 7 });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls,hls', autoplay: true, muted: true });
    const openedAt = Date.now();
    await waitFor(() => player.status === 'waiting', 10000, 'status waiting');
    await waitFor(() => player.status === 'playing', 30000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(statuses.slice(0, statuses.indexOf('playing'))).not.to.include('error');

    const requests = await edgeRequestsFor(id);
    const probed = [`ll-hls/${id}/${id}__master.m3u8`, `${id}_adaptive.m3u8`, `${id}.m3u8`];
    for (const file of probed) {
      const forFile = requests.filter((entry) => entry.path.endsWith(`/streams/${file}`));
      const whileWaiting = forFile.filter((entry) => entry.status === 404);
      expect(whileWaiting.length, `${file} was probed while waiting`).to.be.at.least(1);
      const lastNotFound = whileWaiting.at(-1)!.time;
      expect(whileWaiting.length, `${file}: one request per TTL window`).to.be.at.most(Math.floor((lastNotFound - openedAt) / errorTtlMs) + 1);
      expectTtlRhythm(forFile);
    }
  });

  it('plays HLS from play-order "ll-hls,hls" when the app has no LL-HLS', async () => {
    const id = uniqueStreamId('hlsonly');
    await putStream({ id, startIn: -20, llHls: 'none' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls,hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    expect(new URL(player.streamUrl!).pathname).to.equal(`/streams/${id}.m3u8`);
    await framesAdvance(player.video!, 1);
  });

  it('plays the first play-order entry when both exist', async () => {
    const id = uniqueStreamId('both');
    await putStream({ id, startIn: -20, llHls: 'apple' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls,hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    expect(new URL(player.streamUrl!).pathname).to.equal(`/streams/ll-hls/${id}/${id}__master.m3u8`);
    const reversed = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls,ll-hls', autoplay: true, muted: true });
    await waitFor(() => reversed.player.status === 'playing', 20000, 'reversed order playing');
    expect(new URL(reversed.player.streamUrl!).pathname).to.equal(`/streams/${id}.m3u8`);
  });

  // hls.js 1.7.4 alone loads the parts of a stream's segment number 0 again and again (see
  // withShiftedSequence): the picture froze for about 5 s after the first frame of a new broadcast.
  it('plays on without freezing from the start of an Apple-style LL-HLS broadcast, and after it restarts', async () => {
    const id = uniqueStreamId('young');
    // Opened 1 s into the broadcast, while its first segment is still being written.
    await putStream({ id, startIn: -1, stopAfter: 14, llHls: 'apple' });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 30000, 'status playing');
    expect(await frozenSeconds(player.video!, 6000), 'seconds frozen in the 6 s after the first frame').to.be.below(0.7);

    await waitFor(() => player.status === 'ended', 30000, 'status ended');
    const playingBefore = statuses.filter((status) => status === 'playing').length;
    await restartStream(id);
    await waitFor(() => statuses.filter((status) => status === 'playing').length > playingBefore, 30000, 'playing again after the restart');
    expect(await frozenSeconds(player.video!, 6000), 'seconds frozen in the 6 s after playing again').to.be.below(0.7);
  });
});
