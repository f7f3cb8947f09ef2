import { expect } from '@open-wc/testing';
import { addFault, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** The player's own target latency (hls.js's, which the element keeps in step with its learned one). */
const targetOf = (player: { hls: { targetLatency: number | null } | null }): number => player.hls!.targetLatency!;

describe('<ams-cdn-player> holding the live latency', () => {
  afterEach(removeAllPlayers);

  it('after a stall that left an LL-HLS player seconds behind, comes back near the live edge and its target comes back down', async () => {
    const id = uniqueStreamId('stallback');
    await putStream({ id, startIn: -20, llHls: 'apple' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const video = player.video!;
    let waited = false;
    video.addEventListener('waiting', () => (waited = true));
    const rates: number[] = [];
    video.addEventListener('ratechange', () => rates.push(video.playbackRate));

    // Every response slowed by 4 s for 3 s: the 0.6 s buffer runs dry, then media flows again.
    await addFault({ kind: 'slow', id, resource: 'any', delayMs: 4000, seconds: 3 });
    await waitFor(() => waited, 10000, 'a stall');
    await waitFor(() => player.latency !== null && player.latency > 3, 10000, 'more than 3 s behind during the stall');
    await waitFor(() => player.latency !== null && player.latency < 2 && !video.paused, 30000, 'back within 2 s of the live edge');
    expect(Math.max(...rates)).to.be.above(1, 'caught up by playback rate');
    await waitFor(() => targetOf(player) < 1.2 && player.latency! < 1.5, 30000, 'the target back down near the hold-back, the player with it');
    expect(player.status).to.equal('playing');
  });

  it('after a slow patch that left an HLS player 6 s behind the edge, is back within 1 s of its target 20 s later', async () => {
    const id = uniqueStreamId('hlsbehind');
    await putStream({ id, startIn: -40, llHls: 'ams' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const steadyTarget = targetOf(player);

    // Responses 5 s late for 5 s: the player runs dry and resumes far behind.
    await addFault({ kind: 'slow', id, resource: 'any', delayMs: 5000, seconds: 5 });
    await waitFor(() => player.latency !== null && player.latency > 6, 15000, '6 s behind the edge');
    // How fast is the benchmark's to measure (restart and outage scenarios); here: it gets there.
    await waitFor(() => player.latency! - targetOf(player) < 1, 40000, 'within 1 s of its target');
    await waitFor(() => player.latency! < steadyTarget + 1, 30000, `back within 1 s of the ${steadyTarget.toFixed(2)} s target it had before`);
  });

  it('an HLS player that starts from a playlist older than it looked reaches its target by a seek, not by 10 s of faster playback', async () => {
    const id = uniqueStreamId('oldstart');
    // 2 s segments, the newest published 1.5 s before the first request: the first playlist looks
    // fresh, and its true age shows only when the next segment appears.
    await putStream({ id, startIn: -39.5, llHls: 'ams' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const video = player.video!;
    const firstFrameAt = video.currentTime;
    // Within 5 s of media: faster playback (1.25x at most) would make up less than 1.3 s in that time.
    await waitFor(() => player.latency! - targetOf(player) < 0.3 || video.currentTime - firstFrameAt > 5, 20000, 'at the target, or 5 s of media played');
    expect(player.latency! - targetOf(player)).to.be.below(0.3, `at ${(video.currentTime - firstFrameAt).toFixed(1)} s of media: latency ${player.latency!.toFixed(2)} s, target ${targetOf(player).toFixed(2)} s`);
  });

  it('leaves a viewer who paused for 10 s where they resumed: no catching up, no jump to live', async () => {
    const id = uniqueStreamId('viewerpause');
    await putStream({ id, startIn: -40, llHls: 'ams' });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const video = player.video!;

    video.pause();
    await sleep(10000);
    const rates: number[] = [];
    video.addEventListener('ratechange', () => rates.push(video.playbackRate));
    let seeks = 0;
    video.addEventListener('seeking', () => seeks++);
    await video.play();
    await framesAdvance(video, 1);
    const behind = player.latency!;
    expect(behind).to.be.above(10, 'about 10 s further behind than before the pause');
    // 6 s of media played since: the catch-up would have acted by now.
    const resumedAt = video.currentTime;
    await waitFor(() => video.currentTime - resumedAt > 6, 20000, '6 s of media played');
    expect(player.latency!).to.be.closeTo(behind, 1, 'still as far behind');
    expect(rates.filter((rate) => rate !== 1)).to.deep.equal([], 'no faster playback');
    expect(seeks).to.equal(0, 'no seek');

    // Going live is the viewer's call.
    player.seekToLive();
    await waitFor(() => player.latency! < targetOf(player) + 1, 15000, 'at the target after seekToLive()');
  });

  it('with hlsConfig.debug, traces each timeline fact and decision to the page\'s logger, without the viewer\'s token', async () => {
    const id = uniqueStreamId('timelinetrace');
    await putStream({ id, startIn: -20, llHls: 'apple' });
    const entries: { what: string }[] = [];
    const ignore = (): void => {};
    const logger = {
      trace: ignore, log: ignore, info: ignore, warn: ignore, error: ignore,
      debug: (label: unknown, entry?: { what: string }) => {
        if (label === '[ams-cdn-player] live timeline' && entry) entries.push(entry);
      },
    };
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'll-hls', token: 'viewer-secret-token', autoplay: true, muted: true });
    player.hlsConfig = { debug: logger };
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitFor(() => entries.filter((entry) => entry.what === 'edge-media').length >= 3, 20000, 'three arrivals of new parts traced');
    const kinds = new Set(entries.map((entry) => entry.what));
    for (const kind of ['playlist-delivered', 'edge-media', 'target']) expect(kinds.has(kind), `a ${kind} entry`).to.equal(true);
    expect(JSON.stringify(entries)).to.not.include('viewer-secret-token');
  });
});
