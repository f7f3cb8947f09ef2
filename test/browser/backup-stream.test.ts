import { expect } from '@open-wc/testing';
import type { SourceChangeDetail } from '../../src/index.js';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** The CDN's error TTL in these tests (the edge's): the rhythm the main stream is watched on. */
const errorTtlSeconds = 3;

/** performance.now() once the origin itself first lists media for `id`: the moment the stream is live. */
async function liveAt(id: string, timeoutMs: number): Promise<number> {
  const url = `${window.emulator.originUrl}/live/streams/${id}.m3u8`;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    // Straight to the origin: the edge's cache, which the player's rhythm depends on, is left alone.
    const response = await fetch(url, { cache: 'no-store' });
    if (response.ok && (await response.text()).includes('#EXTINF')) return performance.now();
    await sleep(100);
  }
  throw new Error(`${id} not live within ${timeoutMs} ms`);
}

/** Mounts a player with a backup stream, recording each source-change with the time it came. */
function mountWithBackup(main: string, backup: string) {
  const mounted = mountPlayer({ domain: edgeUrl, 'stream-id': main, 'backup-stream-id': backup, 'play-order': 'hls', 'error-ttl': String(errorTtlSeconds), autoplay: true, muted: true });
  const sources: (SourceChangeDetail & { at: number })[] = [];
  mounted.player.addEventListener('source-change', (event) => sources.push({ ...(event as CustomEvent<SourceChangeDetail>).detail, at: performance.now() }));
  return { ...mounted, sources };
}

describe('<ams-cdn-player> backup-stream-id', () => {
  afterEach(removeAllPlayers);

  it('plays the backup while the main stream is not live, then the main one within error-ttl + 1 s of it going live', async () => {
    const main = uniqueStreamId('main');
    const backup = uniqueStreamId('backup');
    await putStream({ id: backup, startIn: -30 });
    await putStream({ id: main, startIn: 15 });
    const { player, sources, statuses } = mountWithBackup(main, backup);
    await waitFor(() => player.status === 'playing', 20000, 'the backup playing');
    expect(sources.map(({ streamId, backup: isBackup }) => [streamId, isBackup])).to.deep.equal([[backup, true]]);
    await framesAdvance(player.video!, 1);
    const playingBefore = statuses.length;

    const live = await liveAt(main, 30000);
    await waitFor(() => sources.length === 2, 15000, 'a switch to the main stream');
    const switched = sources[1]!;
    expect([switched.streamId, switched.backup]).to.deep.equal([main, false]);
    // Generous for a busy machine; the benchmark-style figure is in the message.
    const delay = (switched.at - live) / 1000;
    expect(delay, `switched ${delay.toFixed(2)} s after the main stream went live`).to.be.below(errorTtlSeconds + 1 + 2);
    await framesAdvance(player.video!, 2);
    expect(player.status).to.equal('playing');
    const stalls = statuses.slice(playingBefore).filter((status) => status === 'stalled');
    expect(stalls.length, `statuses after the switch: ${statuses.slice(playingBefore).join(', ')}`).to.be.at.most(1);
  });

  it('goes to the backup when the main stream ends, and says so in source-change', async () => {
    const main = uniqueStreamId('mainend');
    const backup = uniqueStreamId('backupend');
    await putStream({ id: backup, startIn: -30 });
    await putStream({ id: main, startIn: -30, stopAfter: 40 });
    const { player, sources } = mountWithBackup(main, backup);
    await waitFor(() => player.status === 'playing', 20000, 'the main stream playing');
    expect(sources.map(({ streamId }) => streamId)).to.deep.equal([main]);
    await waitFor(() => sources.length === 2, 40000, 'a switch to the backup');
    expect([sources[1]!.streamId, sources[1]!.backup]).to.deep.equal([backup, true]);
    await waitFor(() => player.status === 'playing', 15000, 'the backup playing');
    await framesAdvance(player.video!, 1);
  });
});
