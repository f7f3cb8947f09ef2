import { expect } from '@open-wc/testing';
import Hls from 'hls.js/light';
import { addFault, edgeRequestsFor, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** Counts the video's decode errors, which the corrupt fault makes Chromium's decoder raise. */
function countDecodeErrors(video: HTMLVideoElement): { count: number } {
  const counter = { count: 0 };
  video.addEventListener('error', () => {
    if (video.error?.code === MediaError.MEDIA_ERR_DECODE) counter.count += 1;
  });
  return counter;
}

describe('<ams-cdn-player> when the decoder fails', () => {
  afterEach(removeAllPlayers);

  it('recovers from a moment of undecodable video and plays on at the live edge', async () => {
    const id = uniqueStreamId('corrupt');
    await putStream({ id, startIn: -20 });
    const { player, statuses, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const decodeErrors = countDecodeErrors(player.video!);
    await addFault({ kind: 'corrupt', id, resource: 'segment', seconds: 2 });

    await waitFor(() => decodeErrors.count > 0, 20000, 'a decode error');
    await waitFor(() => player.status === 'playing' && !player.video!.paused, 30000, 'playing again');
    await framesAdvance(player.video!, 2);
    expect(statuses.slice(statuses.indexOf('playing') + 1), 'stalled while recovering, not paused').not.to.include('idle');
    expect(errors).to.deep.equal([]);
    expect(player.latency).to.be.below(10);
  });

  it('loads again after hls.js\'s own retries of a broken stretch run out (a fatal media error), and plays on', async () => {
    const id = uniqueStreamId('corruptlong');
    await putStream({ id, startIn: -20 });
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    let fatalMediaErrors = 0;
    player.hls!.on(Hls.Events.ERROR, (_event, { fatal, type }) => {
      if (fatal && type === Hls.ErrorTypes.MEDIA_ERROR) fatalMediaErrors += 1;
    });
    // 4 s of broken segments, which the edge keeps for 10 s: hls.js's three tries at the same
    // position all fail, and it stops loading; the element's ladder must start it again.
    await addFault({ kind: 'corrupt', id, resource: 'segment', seconds: 4 });

    await waitFor(() => fatalMediaErrors > 0, 30000, 'a fatal media error');
    await waitFor(() => player.status === 'playing' && !player.video!.paused, 30000, 'playing again');
    await framesAdvance(player.video!, 2);
    expect(errors).to.deep.equal([]);
    expect(player.latency).to.be.below(10);
  });

  it('reports a media error once recovery, a codec swap and a full reload have all failed, and stops loading', async function () {
    // Its own waits add up to more than the default 60 s: the whole ladder is slow on a busy machine.
    this.timeout(100_000);
    const id = uniqueStreamId('broken');
    await putStream({ id, startIn: -20 });
    const { player, errors } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const sessions = new Set([player.hls]);
    const watchSessions = setInterval(() => player.hls && sessions.add(player.hls), 50);
    try {
      await addFault({ kind: 'corrupt', id, resource: 'segment' });
      await waitFor(() => player.status === 'error', 60000, 'status error');
    } finally {
      clearInterval(watchSessions);
    }
    expect(errors.map((error) => error.code)).to.deep.equal(['media']);
    expect(errors[0]!.fatal).to.equal(true);
    expect(sessions.size, 'a full reload (a second hls.js instance) came before the error').to.be.at.least(2);
    const before = (await edgeRequestsFor(id)).length;
    await sleep(3000);
    expect((await edgeRequestsFor(id)).length, 'no requests after the error').to.equal(before);
  });
});
