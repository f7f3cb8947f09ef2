import { expect } from '@open-wc/testing';
import { expectTtlRhythm } from './edge-rhythm.js';
import { addFault, deleteStream, edgeRequestsFor, edgeUrl, putStream, uniqueStreamId, type EdgeLogEntry } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, waitFor } from './wait.js';

const pad = (mediaSequence: number): string => String(mediaSequence).padStart(9, '0');

/** Requests for one file, oldest first. */
async function requestsEndingWith(streamId: string, file: string): Promise<EdgeLogEntry[]> {
  return (await edgeRequestsFor(streamId)).filter((entry) => entry.path.endsWith(`/${file}`));
}

function expectNeither(statuses: readonly string[], unwanted: readonly string[]): void {
  for (const status of unwanted) expect(statuses).not.to.include(status);
}

describe('<ams-cdn-player> through 404s in the middle of a live stream', () => {
  afterEach(removeAllPlayers);

  it('plays on past a missing segment, asking for it again only once its cached 404 has expired', async () => {
    const id = uniqueStreamId('noseg');
    await putStream({ id, startIn: -20 });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const { mediaSequence } = await addFault({ kind: 'missing', id, mediaSequence: 'next' });
    const file = `${id}${pad(mediaSequence)}.ts`;

    await new Promise((resolve) => setTimeout(resolve, 12000));
    await framesAdvance(player.video!, 2);
    const requests = await requestsEndingWith(id, file);
    expect(requests.length, 'the missing segment was asked for').to.be.at.least(1);
    expectTtlRhythm(requests);
    expectNeither(statuses, ['error', 'ended']);
    expect(player.status).to.equal('playing');
  });

  it('plays on past a missing LL-HLS part', async () => {
    const id = uniqueStreamId('nopart');
    await putStream({ id, startIn: -20, llHls: 'apple' });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const { mediaSequence, part } = await addFault({ kind: 'missing', id, mediaSequence: 'next', part: 'next' });
    const file = `${id}${pad(mediaSequence)}.${part}.m4s`;

    await new Promise((resolve) => setTimeout(resolve, 10000));
    await framesAdvance(player.video!, 2);
    const requests = await requestsEndingWith(id, file);

    expect(requests.length, 'the missing part was asked for').to.be.at.least(1);
    expectTtlRhythm(requests);
    expectNeither(statuses, ['error', 'ended']);
    expect(player.status).to.equal('playing');
  });

  it('rides out a playlist that 404s for a few seconds and plays on', async () => {
    const id = uniqueStreamId('noplaylist');
    await putStream({ id, startIn: -20 });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await addFault({ kind: 'status', id, status: 404, resource: 'playlist', seconds: 4 });
    const faultAt = performance.now();

    await waitFor(() => performance.now() - faultAt > 8000 && player.status === 'playing', 30000, 'playing after the playlist is back');
    await framesAdvance(player.video!, 2);
    const playlistRequests = await requestsEndingWith(id, `${id}.m3u8`);
    expect(playlistRequests.filter((entry) => entry.status === 404), 'the playlist 404ed').not.to.be.empty;
    expectTtlRhythm(playlistRequests);
    expectNeither(statuses, ['error', 'ended']);
  });

  it('reports ended when the stream is gone for good, and plays it when it comes back', async () => {
    const id = uniqueStreamId('gone');
    await putStream({ id, startIn: -20 });
    const { player, statuses } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await deleteStream(id);

    await waitFor(() => player.status === 'ended', 40000, 'status ended');
    expect(statuses).not.to.include('error');
    await putStream({ id, startIn: -20 });
    await waitFor(() => player.status === 'playing', 20000, 'playing again');
    await framesAdvance(player.video!, 1);
  });
});
