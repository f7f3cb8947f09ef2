import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { edgeUrl, putStream, uniqueStreamId } from './emulator.js';
import { mountPlayer, removeAllPlayers } from './mount.js';
import { click, isShown, part, tabThroughControls, waitForPart } from './ui-helpers.js';
import { framesAdvance, sleep, waitFor } from './wait.js';

describe('<ams-cdn-player controls>: buttons and keyboard', () => {
  const id = uniqueStreamId('uicontrols');
  before(() => putStream({ id, startIn: -30 }));
  afterEach(async () => {
    if (document.fullscreenElement) await document.exitFullscreen();
    await removeAllPlayers();
  });

  /** `dvr`: hls.js lets the viewer stay behind (by default it jumps back to live past twice the target latency). */
  async function playing({ dvr = false } = {}) {
    const mounted = mountPlayer({ domain: edgeUrl, 'stream-id': id, autoplay: true, muted: true, controls: true });
    if (dvr) mounted.player.hlsConfig = { liveMaxLatencyDuration: 60 };
    await waitFor(() => mounted.player.status === 'playing', 20000, 'status playing');
    await waitForPart(mounted.player, 'play-button');
    return mounted;
  }

  it('play button and the k and space keys play and pause; the label says what a press does', async () => {
    const { player } = await playing();
    const video = player.video!;
    const button = part(player, 'play-button')!;
    expect(button.innerText.trim()).to.equal('Pause');
    expect(player.tabIndex, 'focusable for its shortcuts').to.equal(0);

    player.focus();
    await sendKeys({ press: 'k' });
    await waitFor(() => video.paused, 3000, 'k to pause');
    await waitFor(() => button.innerText.trim() === 'Play', 3000, 'label Play');
    await sendKeys({ press: 'k' });
    await waitFor(() => !video.paused && player.status === 'playing', 10000, 'k to play');

    player.focus();
    await sendKeys({ press: ' ' });
    await waitFor(() => video.paused, 3000, 'space to pause');

    // Space on the focused button is the button's own click: exactly one toggle.
    button.focus();
    await sendKeys({ press: ' ' });
    await waitFor(() => !video.paused, 10000, 'space on the button to play');
    await sleep(500);
    expect(video.paused, 'not toggled twice').to.equal(false);

    await click(button);
    await waitFor(() => video.paused, 3000, 'a click to pause');

    // A click on the picture itself.
    await click(video);
    await waitFor(() => !video.paused, 10000, 'a click on the picture to play');
  });

  it('a play no viewer asked for, right after the viewer paused with a key, is undone: the pause stands', async () => {
    const { player } = await playing();
    const video = player.video!;
    player.focus();
    await sendKeys({ press: 'k' });
    await waitFor(() => video.paused, 3000, 'k to pause');
    // What WebKitGTK did by itself 0.1 s after such a pause (traced in the browser suite): a script's
    // play, with no key or pointer press since the pause.
    video.play().catch(() => {});
    await sleep(1500);
    expect(video.paused, 'paused as the viewer asked').to.equal(true);
    expect(player.status).to.equal('idle');
    // The viewer's own press plays.
    await sendKeys({ press: 'k' });
    await waitFor(() => !video.paused && player.status === 'playing', 10000, 'k to play');
  });

  it('a pause no viewer asked for, right after the viewer played with a key, is undone: the play stands; their own pause stays', async () => {
    const { player } = await playing();
    const video = player.video!;
    player.focus();
    await sendKeys({ press: 'k' });
    await waitFor(() => video.paused, 3000, 'k to pause');
    // Muted, as autoplay left it: WebKitGTK's backend can unmute the video as the key pauses it, and
    // the element takes an unmute a second after a press for the viewer's; with sound, WebKit's
    // autoplay policy would then refuse the play this test is about.
    player.muted = true;
    await waitFor(() => video.muted, 3000, 'muted');
    await sendKeys({ press: 'k' });
    await waitFor(() => !video.paused, 3000, 'k to play');
    // What WebKitGTK did by itself 20 to 50 ms after such a play, as a seek finished (traced in the
    // browser suite): a pause with no key or pointer press since the play, and no pause() asked.
    video.pause();
    await waitFor(() => !video.paused && player.status === 'playing', 3000, 'playing again, as the viewer asked');
    await framesAdvance(video, 1);
    // The viewer's own press pauses, and that pause stays.
    await sendKeys({ press: 'k' });
    await waitFor(() => video.paused, 3000, 'k to pause');
    await sleep(1500);
    expect(video.paused, 'paused as the viewer asked').to.equal(true);
    expect(player.status).to.equal('idle');
  });

  it('Tab walks through every control, each with a visible focus ring', async () => {
    const { player } = await playing();
    await waitForPart(player, 'live-badge');
    // From a page button before the player, by keyboard as a viewer would.
    const before = document.createElement('button');
    before.textContent = 'before';
    player.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(player);
    expect(getComputedStyle(player).outlineStyle, 'the element itself').to.equal('solid');
    before.remove();
    // And one after it, where the walk leaves the player: past the page's last control, focus
    // would go to the browser's own UI, and Firefox then refuses full screen to the page.
    const after = document.createElement('button');
    after.textContent = 'after';
    player.after(after);
    const reached = await tabThroughControls(player, 8);
    after.remove();
    expect(reached.slice(0, 4)).to.deep.equal(['play-button', 'mute-button', 'volume', 'live-badge']);
    expect(reached).to.include('fullscreen-button');
  });

  it('an unmute nobody asked for, right after the viewer\'s click on mute, is undone: the button stays on muted', async () => {
    const { player } = await playing();
    const video = player.video!;
    const mute = part(player, 'mute-button')!;
    player.focus();
    await sendKeys({ press: 'm' });
    await waitFor(() => !video.muted && !player.muted, 3000, 'm to unmute');
    await click(mute);
    await waitFor(() => video.muted && player.muted === true, 3000, 'the button to mute');
    // What WebKitGTK's media backend did a moment after such a click (traced in the browser suite):
    // it unmuted the video by itself. A press a moment before let that pass for the viewer's.
    video.muted = false;
    await waitFor(() => video.muted, 3000, 'the unmute undone');
    expect(player.muted).to.equal(true);
    await player.updateComplete;
    expect(mute.getAttribute('aria-pressed')).to.equal('true');
  });

  it('k plays a paused player even while the browser has played the video by itself for a moment', async () => {
    const { player } = await playing();
    const video = player.video!;
    player.focus();
    await sendKeys({ press: 'k' });
    await waitFor(() => video.paused && player.paused, 3000, 'k to pause');
    // WebKitGTK played a video again by itself 0.1 s after a pause with k, and a k pressed just then
    // read the video's state and paused instead. The element's state is still paused.
    void video.play().catch(() => {});
    expect(player.paused, 'paused as the viewer asked').to.equal(true);
    player.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, composed: true }));
    await waitFor(() => !video.paused && player.status === 'playing', 5000, 'k to play');
    await sleep(1500);
    expect(video.paused, 'still playing').to.equal(false);
    expect(player.paused).to.equal(false);
  });

  it('mute button, the m key, up/down arrows and the volume slider set the sound', async () => {
    const { player } = await playing();
    const video = player.video!;
    const mute = part(player, 'mute-button')!;
    expect(mute.getAttribute('aria-pressed')).to.equal('true');

    player.focus();
    await sendKeys({ press: 'm' });
    await waitFor(() => !video.muted, 3000, 'm to unmute');
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    expect(player.muted, 'the element follows').to.equal(false);
    expect(video.paused, 'a real key press unmutes without pausing').to.equal(false);

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => Math.abs(video.volume - 0.8) < 0.01, 3000, 'volume 0.8');
    await sendKeys({ press: 'ArrowUp' });
    await waitFor(() => Math.abs(video.volume - 0.9) < 0.01, 3000, 'volume 0.9');

    // The slider keeps its arrows: they move the volume, not the playhead.
    const slider = part<HTMLInputElement>(player, 'volume')!;
    const time = video.currentTime;
    slider.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await waitFor(() => Math.abs(video.volume - 0.85) < 0.01, 3000, 'slider to 0.85');
    expect(video.currentTime).to.be.at.least(time - 0.5, 'no seek from the slider');

    await click(mute);
    await waitFor(() => video.muted, 3000, 'the button to mute');
    expect(mute.getAttribute('aria-pressed')).to.equal('true');
  });

  it('left and right arrows seek 5 s within the DVR window, forward no further than the live sync position', async () => {
    const { player } = await playing({ dvr: true });
    const video = player.video!;
    await waitFor(() => video.currentTime - video.seekable.start(0) > 16, 10000, 'room to seek back');
    player.focus();
    // The clock as each key is handled (a listener ahead of the player's): the player may move the
    // playhead itself between the test's last look and the key (its start correction, in WebKit).
    let clockAtKey = 0;
    const readClock = (): void => void (clockAtKey = video.currentTime);
    document.addEventListener('keydown', readClock, { capture: true });
    try {
      await sendKeys({ press: 'ArrowLeft' });
      expect(video.currentTime, `from ${clockAtKey}`).to.be.within(clockAtKey - 5.5, clockAtKey - 4);
      await sendKeys({ press: 'ArrowLeft' });
      expect(video.currentTime, `from ${clockAtKey}`).to.be.within(clockAtKey - 5.5, clockAtKey - 4);
      await sendKeys({ press: 'ArrowRight' });
      expect(video.currentTime, `from ${clockAtKey}`).to.be.within(clockAtKey + 4, clockAtKey + 5.5);
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      expect(video.currentTime).to.be.at.most(player.hls!.liveSyncPosition! + 0.5);
    } finally {
      document.removeEventListener('keydown', readClock, { capture: true });
    }
  });

  it('f and the full screen button put the whole element in full screen and back', async () => {
    const { player } = await playing();
    const button = part(player, 'fullscreen-button')!;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    player.focus();
    await sendKeys({ press: 'f' });
    await waitFor(() => document.fullscreenElement === player, 5000, 'f to enter full screen');
    await waitFor(() => button.getAttribute('aria-pressed') === 'true', 3000, 'pressed in full screen');
    expect(isShown(player, part(player, 'controls')), 'controls shown in full screen').to.equal(true);
    await sendKeys({ press: 'f' });
    await waitFor(() => document.fullscreenElement === null, 5000, 'f to leave full screen');

    await click(button);
    await waitFor(() => document.fullscreenElement === player, 5000, 'the button to enter full screen');
  });

  it('offers picture-in-picture only where the browser does', async () => {
    const { player } = await playing();
    const button = part(player, 'pip-button');
    if (!document.pictureInPictureEnabled) {
      expect(button, 'no button without picture-in-picture').to.equal(null);
      return;
    }
    expect(button, 'a button with picture-in-picture').to.not.equal(null);
    player.video!.disablePictureInPicture = true;
    await waitFor(() => part(player, 'pip-button') === null, 3000, 'the button to go when the page disables it');
  });

  it('LIVE badge: lit at the live edge, shows how far behind after a pause, and a click returns to live', async () => {
    const { player } = await playing({ dvr: true });
    const badge = await waitForPart(player, 'live-badge');
    await waitFor(() => badge.matches('[part~="live-edge"]'), 15000, 'lit at the live edge');
    expect(part(player, 'live-offset')).to.equal(null);
    expect(part(player, 'latency')!.innerText).to.match(/^\d+\.\d s behind live$/);

    player.pause();
    await waitFor(() => isShown(player, part(player, 'live-offset')), 15000, 'behind the live edge while paused');
    const offset = part(player, 'live-offset')!.innerText;
    expect(offset).to.match(/^-\d+ s$/);
    expect(Number(offset.slice(1, -2))).to.be.closeTo(player.latency!, 1);
    expect(badge.matches('[part~="live-edge"]')).to.equal(false);
    // Well behind the target before the click, so that the jump back is plain to see.
    await waitFor(() => player.latency! > player.hls!.targetLatency! + 3, 15000, 'more than 3 s behind the target');
    const behind = player.latency!;

    await click(badge);
    await waitFor(() => badge.matches('[part~="live-edge"]') && !player.video!.paused, 10000, 'back at the live edge, playing');
    expect(player.latency!).to.be.below(behind - 2);
  });
});
