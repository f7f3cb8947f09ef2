import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { tabThroughControls } from './ui-helpers.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

/** The player's own target latency. */
const targetOf = (player: { hls: { targetLatency: number | null } | null }): number => player.hls!.targetLatency!;

describe('<ams-cdn-player> rewind in a live window', () => {
  afterEach(removeAllPlayers);

  it('seeks back 20 s in a 2-minute window and stays there for 10 s; End returns to within 1 s of the target', async () => {
    const id = uniqueStreamId('rewind');
    // AMS with hlsListSize 60: 2 minutes of 2 s segments, all of it live already.
    await putStream({ id, startIn: -150, listSize: 60 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.seekableEnd! - player.seekableStart!, 'the window').to.be.above(100);
    const seekBar = (): HTMLInputElement | null => player.shadowRoot!.querySelector('[part~="seek-bar"][part~="live-window"]');
    await waitFor(() => seekBar() !== null, 5000, 'a seek bar over the live window');

    const live = player.latency!;
    player.currentTime -= 20;
    await waitFor(() => !player.video!.seeking && player.latency! > live + 15, 10000, '20 s further behind');
    await framesAdvance(player.video!, 1);
    const behind = player.latency!;
    await sleep(10000);
    expect(player.status).to.equal('playing');
    expect(player.latency!, 'still as far behind, not caught up').to.be.closeTo(behind, 1.5);
    const badge = player.shadowRoot!.querySelector('[part~="live-offset"]');
    expect(badge?.textContent, 'the badge says how far').to.match(/^-\d+ s$/);

    player.focus();
    await sendKeys({ press: 'End' });
    await waitFor(() => player.latency! - targetOf(player) < 1, 10000, 'back within 1 s of the target');
  });

  it('Tab reaches the seek bar, the captions and audio menus, each with a visible focus ring; Home goes to the window\'s start', async () => {
    const id = uniqueStreamId('rewindtab');
    await putStream({ id, startIn: -150, listSize: 60, adaptive: true, audioRenditions: true, subtitles: true });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': `${id}_adaptive`, 'play-order': 'hls', autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitFor(() => ['seek-bar', 'captions-menu', 'audio-menu'].every((name) => player.shadowRoot!.querySelector(`[part~="${name}"]`)), 10000, 'the seek bar and both menus');
    player.focus();
    const reached = await tabThroughControls(player, 14);
    expect(reached).to.include.members(['seek-bar', 'captions-menu', 'audio-menu', 'live-badge']);

    player.focus();
    await sendKeys({ press: 'Home' });
    await waitFor(() => !player.video!.seeking && player.currentTime - player.seekableStart! < 3, 10000, 'at the start of the window');
    expect(player.latency!, 'about 2 minutes behind').to.be.above(90);
  });

  it('a viewer the window slides past keeps playing, from its oldest point', async () => {
    const id = uniqueStreamId('slidepast');
    // 24 segments: a 48 s window, long enough for the seek bar.
    await putStream({ id, startIn: -60, listSize: 24 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true });
    // Little buffered ahead, so the playhead soon needs media from where the window was.
    player.hlsConfig = { maxBufferLength: 4, maxMaxBufferLength: 4 };
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    const windowStart = (): number => player.hls!.latestLevelDetails!.fragmentStart;
    player.currentTime = windowStart() + 1;
    await waitFor(() => !player.video!.seeking, 10000, 'the seek to the oldest point');
    player.pause();
    const pausedAt = player.currentTime;
    // Paused while the window slides on by more than what is buffered: the playhead moves with its oldest point.
    await sleep(16000);
    expect(windowStart() - pausedAt, 'the window slid on').to.be.above(10);
    // Moved on with the window (what is buffered before its oldest segment may still play).
    expect(player.currentTime, 'moved on with the window\'s oldest point').to.be.within(pausedAt + 8, windowStart() + 4.5);
    await player.play();
    await framesAdvance(player.video!, 3);
    expect(player.status).to.equal('playing');
    expect(player.latency!, 'still behind, not dragged to live').to.be.above(20);
  });

  it('shows no seek bar over AMS\'s default 30 s window', async () => {
    const id = uniqueStreamId('shortwindow');
    await putStream({ id, startIn: -60 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, 'play-order': 'hls', autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await framesAdvance(player.video!, 1);
    expect(player.shadowRoot!.querySelector('[part~="seek-bar"]')).to.equal(null);
    expect(player.shadowRoot!.querySelector('[part~="live-badge"]')).not.to.equal(null);
  });
});
