import { expect } from '@open-wc/testing';
import { addFault, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

describe('<ams-cdn-player> catching up with the LL-HLS live edge', () => {
  afterEach(removeAllPlayers);

  it('after falling a second behind, speeds up and comes back near PART-HOLD-BACK, then plays at normal speed', async () => {
    const id = uniqueStreamId('catchup');
    await putStream({ id, startIn: -20, llHls: 'apple' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const video = player.video!;
    const target = player.hls!.targetLatency!;
    expect(target).to.be.closeTo(0.6, 0.01, 'the playlist PART-HOLD-BACK');

    // Fall behind: a short pause leaves the playhead where it was while the edge moves on.
    video.pause();
    await sleep(1200);
    const rates: number[] = [];
    video.addEventListener('ratechange', () => rates.push(video.playbackRate));
    await video.play();
    await waitFor(() => player.latency !== null && player.latency > target + 0.8, 5000, 'behind the target after the pause');

    await waitFor(() => player.latency! < target + 0.3, 20000, `back within 0.3 s of the ${target} s target`);
    expect(Math.max(...rates)).to.be.above(1, 'caught up by playback rate, not by a seek');
    await waitFor(() => video.playbackRate === 1, 10000, 'normal speed once caught up');
  });

  it('after a stall that left it seconds behind, jumps back to the live edge', async () => {
    const id = uniqueStreamId('stalljump');
    await putStream({ id, startIn: -20, llHls: 'apple' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const video = player.video!;
    let waited = false;
    video.addEventListener('waiting', () => (waited = true));

    // Every response slowed by 4 s for 3 s: the 0.6 s buffer runs dry, then media flows again.
    await addFault({ kind: 'slow', id, resource: 'any', delayMs: 4000, seconds: 3 });
    await waitFor(() => waited, 10000, 'a stall');
    await waitFor(() => player.latency !== null && player.latency > 3, 10000, 'more than 3 s behind during the stall');
    await waitFor(() => player.latency !== null && player.latency < 2 && !video.paused, 20000, 'back within 2 s of the live edge');
    expect(player.status).to.equal('playing');
  });
});
