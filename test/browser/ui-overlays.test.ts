import { expect } from '@open-wc/testing';
import { emulateMedia, sendMouse } from '@web/test-runner-commands';
import { addFault, edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { click, isShown, part, visibleText, waitForPart } from './ui-helpers.js';
import { sleep, waitFor } from './wait.js';

describe('<ams-cdn-player controls>: status overlays', () => {
  afterEach(async () => {
    await removeAllPlayers();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  // First: a click earlier on this page would give it the user activation that lets sound autoplay.
  it('muted autoplay: an unmute button that brings the sound back', async () => {
    const id = uniqueStreamId('uiunmute');
    await putStream({ id, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, controls: true });
    const button = await waitForPart(player, 'unmute-button', 20000);
    expect(player.video!.muted).to.equal(true);
    expect(visibleText(button)).to.equal('Unmute');
    await click(button);
    await waitFor(() => !player.video!.muted && part(player, 'unmute-button') === null, 3000, 'sound on, button gone');
    expect(player.video!.paused).to.equal(false);
  });

  it('waiting: AMS\'s message, replaceable through its slot, and no spinner', async () => {
    const id = uniqueStreamId('uiwaiting');
    await putStream({ id, startIn: 8 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, controls: true });
    const overlay = await waitForPart(player, 'waiting');
    expect(visibleText(overlay)).to.equal("Your live stream will play automatically as soon as it's available");
    expect(part(player, 'spinner')).to.equal(null);

    const own = document.createElement('span');
    own.slot = 'waiting-message';
    own.textContent = 'Starts at eight';
    player.append(own);
    await waitFor(() => visibleText(part(player, 'waiting')) === 'Starts at eight', 3000, 'the slotted text');
  });

  it('ended: the end of the broadcast is said', async () => {
    const id = uniqueStreamId('uiended');
    await putStream({ id, startIn: -20, stopAfter: 23 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const overlay = await waitForPart(player, 'ended', 30000);
    expect(player.status).to.equal('ended');
    expect(visibleText(overlay)).to.equal('The live stream has ended.');
  });

  it('error: the message and a retry button that reloads', async () => {
    const { player, errors } = mountPlayer({ domain: 'not a domain', 'stream-id': 'x', controls: true });
    const overlay = await waitForPart(player, 'error');
    expect(visibleText(part(player, 'error-message'))).to.equal(errors[0]!.message);
    expect(errors[0]!.message).to.match(/^domain:/);
    const retry = part(player, 'retry-button')!;
    expect(isShown(player, retry)).to.equal(true);
    expect(visibleText(retry)).to.equal('Retry');
    expect(isShown(player, overlay)).to.equal(true);

    await click(retry);
    await waitFor(() => errors.length === 2, 5000, 'a second attempt, failing the same way');
  });

  it('loading: the spinner shows only after 500 ms, and does not spin with reduced motion', async () => {
    const id = uniqueStreamId('uispinner');
    await putStream({ id, startIn: -30 });
    // A slow origin keeps the player loading for seconds.
    // (emulator.ts's Fault type has no delayMs yet: passed as a variable, not a literal.)
    const slow = { kind: 'slow' as const, id, delayMs: 6000, seconds: 30 };
    await addFault(slow);
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, controls: true });
    await waitFor(() => part(player, 'spinner') !== null, 10000, 'the spinner element');
    const spinner = part(player, 'spinner')!;
    // The appearing is a CSS animation with a delay: held at chosen moments, its effect is read
    // without racing the clock (a busy machine may take longer than 500 ms between two lines).
    const appear = spinner.getAnimations().find((animation) => (animation as CSSAnimation).animationName === 'ams-cdn-player-appear')!;
    expect(appear, 'the appear animation').to.exist;
    appear.pause();
    appear.currentTime = 0;
    expect(getComputedStyle(spinner).opacity, 'invisible at first').to.equal('0');
    expect(isShown(player, spinner)).to.equal(false);
    appear.currentTime = 450;
    expect(getComputedStyle(spinner).opacity, 'still invisible at 450 ms').to.equal('0');
    appear.currentTime = 500;
    expect(getComputedStyle(spinner).opacity, 'visible at 500 ms').to.equal('1');
    appear.play();
    await waitFor(() => getComputedStyle(spinner).opacity === '1', 2000, 'visible after the delay, running');
    expect(player.status).to.equal('loading');
    expect(getComputedStyle(spinner).animationName).to.include('ams-cdn-player-spin');

    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(spinner).animationName).not.to.include('ams-cdn-player-spin');
    expect(getComputedStyle(spinner).opacity, 'still shown, only still').to.equal('1');
  });

  it('stats panel: latency, target, buffer, bitrate, rendition, dropped frames and stalls', async () => {
    const id = uniqueStreamId('uistats');
    await putStream({ id, adaptive: true, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': `${id}_adaptive`, autoplay: true, muted: true, controls: true, stats: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const panel = await waitForPart(player, 'stats');
    const value = (key: string) => visibleText(panel.querySelector(`[data-stat="${key}"] dd`));
    await waitFor(() => /^\d+\.\d s$/.test(value('latency')) && /^\d+ \/ [1-9]\d*$/.test(value('dropped')), 10000, 'figures');
    expect(visibleText(panel.querySelector('[data-stat="latency"] dt'))).to.equal('Latency');
    expect(value('target')).to.equal('3.0 s');
    expect(value('buffer')).to.match(/^\d+\.\d s$/);
    expect(value('bitrate')).to.match(/^\d+ kbps$/);
    expect(value('rendition')).to.match(/^(180p \(320×180\)|360p \(640×360\))$/);
    expect(value('stalls')).to.equal('0');
  });

  it('fits 320 px: the essential controls stay inside the player, the rest steps aside', async () => {
    const id = uniqueStreamId('uinarrow');
    await putStream({ id, adaptive: true, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': `${id}_adaptive`, autoplay: true, muted: true, controls: true });
    player.style.width = '320px';
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    await waitForPart(player, 'quality-menu');
    await waitForPart(player, 'live-badge');
    for (const name of ['play-button', 'mute-button', 'live-badge', 'quality-menu', 'fullscreen-button']) {
      expect(isShown(player, part(player, name)), `${name} inside the player`).to.equal(true);
    }
    for (const name of ['latency', 'volume', 'pip-button']) expect(isShown(player, part(player, name)), `${name} hidden`).to.equal(false);

    player.style.width = '960px';
    await waitFor(() => isShown(player, part(player, 'latency')) && isShown(player, part(player, 'volume')), 3000, 'latency and volume with room');
  });

  it('the bar fades while the mouse rests on a playing video, and comes back on a move, a key or a pause', async () => {
    const id = uniqueStreamId('uiidle');
    await putStream({ id, startIn: -30 });
    const { player } = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, controls: true });
    await waitFor(() => player.status === 'playing', 20000, 'status playing');
    const bar = await waitForPart(player, 'controls');
    const box = player.getBoundingClientRect();
    const middle: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 3)];
    await sendMouse({ type: 'move', position: middle });
    await sleep(1500);
    expect(isShown(player, bar), 'shown right after a move').to.equal(true);
    await waitFor(() => getComputedStyle(bar).opacity === '0', 6000, 'faded after 3 s of rest');

    await sendMouse({ type: 'move', position: [middle[0] + 20, middle[1]] });
    await waitFor(() => getComputedStyle(bar).opacity === '1', 2000, 'back on a move');
    await waitFor(() => getComputedStyle(bar).opacity === '0', 6000, 'faded again');
    player.pause();
    await waitFor(() => getComputedStyle(bar).opacity === '1', 2000, 'back when paused');

    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(bar).transitionDuration, 'no fade animation with reduced motion').to.equal('0s');
  });
});
