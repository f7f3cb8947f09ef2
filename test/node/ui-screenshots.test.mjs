// Screenshots of the built-in controls in each state, from the built drop-in (dist/) in headless
// Chromium: each is saved under dist/ui-screenshots/ (gitignored, for people to look at), checked
// to be a real picture, and the player's DOM at that moment is checked for the text and controls a
// viewer should see. Needs a build first (`npm test` builds before it runs these).
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startEmulator } from '../../dev/emulator.mjs';

const directory = (path) => fileURLToPath(new URL(path, import.meta.url));
const screenshots = directory('../../dist/ui-screenshots/');

let emulator;
let browser;
let page;
/** Every URL the page requested, to check what was downloaded. */
const requested = [];

before(async () => {
  emulator = await startEmulator({
    errorTtl: 3,
    staticDirectories: [directory('../../dist'), directory('../pages')],
    streams: [
      { id: 'uiplaying', adaptive: true, startIn: -30 },
      { id: 'uiwaiting', startIn: 600 },
      { id: 'uiloading', startIn: -30 },
      { id: 'uiended', startIn: -30, stopAfter: 34 },
      // A 2-minute window (hlsListSize 60), two audio renditions and English subtitles.
      { id: 'uirich', adaptive: true, audioRenditions: true, subtitles: true, listSize: 60, startIn: -150 },
    ],
  });
  // The origin answers this stream slowly: the player stays loading long enough to show its spinner.
  emulator.origin.control.addFault({ kind: 'slow', id: 'uiloading', delayMs: 20000 });
  await mkdir(screenshots, { recursive: true });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
  });
  page = await browser.newPage();
  page.on('request', (request) => requested.push(request.url()));
  await page.setViewport({ width: 1000, height: 1400 });
  await page.goto(`${emulator.edgeUrl}/ui-states.html`);
});

after(async () => {
  await browser?.close();
  await emulator?.close();
});

/** Waits until `check(state)` holds for the player, then screenshots it; returns the state seen. */
async function capture(id, check, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let state;
  for (;;) {
    state = await page.evaluate((playerId) => window.uiState(playerId), id);
    if (check(state)) break;
    if (Date.now() > deadline) assert.fail(`${id}: timed out waiting for ${what}; saw ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const element = await page.$(`#${id}`);
  const png = Buffer.from(await element.screenshot({ type: 'png' }));
  await writeFile(`${screenshots}${id}.png`, png);
  const colours = await page.evaluate((base64) => window.distinctColours(base64), png.toString('base64'));
  assert.ok(colours >= 16, `${id}.png is a real picture (${colours} colours)`);
  // The state may not have moved on while the picture was taken.
  const after = await page.evaluate((playerId) => window.uiState(playerId), id);
  assert.ok(check(after), `${id}: still ${what} after the screenshot; saw ${JSON.stringify(after)}`);
  return after;
}

const has = (state, ...parts) => parts.every((name) => name in state.shown);

/**
 * The first seconds of live playback move: the first playlist's age is known only once the next
 * segment appears, and the player then catches up to its target. The LIVE badge is checked after.
 */
async function playingFor(id, milliseconds) {
  const deadline = Date.now() + 30000;
  while ((await page.evaluate((playerId) => window.uiState(playerId), id)).status !== 'playing') {
    if (Date.now() > deadline) assert.fail(`${id}: never playing`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
}

test('playing: play, mute, volume, LIVE badge, latency, quality menu, full screen and stats', async () => {
  await playingFor('playing', 15000);
  const state = await capture(
    'playing',
    (seen) => seen.status === 'playing' && has(seen, 'play-button', 'mute-button', 'volume', 'live-badge', 'live-edge', 'latency', 'quality-menu', 'fullscreen-button', 'stats'),
    'playing with every control',
  );
  assert.equal(state.shown['play-button'], 'Pause');
  assert.equal(state.shown['live-badge'], 'LIVE');
  assert.match(state.shown.latency, /^\d+\.\d s behind live$/);
  assert.match(state.shown['quality-menu'], /Auto \((180|360)p\)/);
  assert.match(state.shown.stats, /^Latency\s*\d+\.\d s\s*Target\s*\d+\.\d s\s*Buffer\s*\d+\.\d s\s*Bitrate\s*\d+ kbps\s*Rendition\s*(180|360)p/);
});

test('rich: a seek bar over a long live window, the audio and captions menus, captions shown', async () => {
  await playingFor('rich', 5000);
  // Each cue shows for its segment less 0.1 s: wait for one at the start of its segment, so it is
  // still there when the picture is taken.
  const withCaption = (seen) => seen.status === 'playing' && has(seen, 'seek-bar', 'live-window', 'live-badge', 'audio-menu', 'captions-menu', 'captions');
  const deadline = Date.now() + 30000;
  let seen;
  let previous;
  for (;;) {
    seen = await page.evaluate(() => window.uiState('rich'));
    if (withCaption(seen) && previous !== undefined && seen.shown.captions !== previous) break;
    if (withCaption(seen)) previous = seen.shown.captions;
    if (Date.now() > deadline) assert.fail(`rich: no new caption in 30 s; saw ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(seen.shown.captions, /^Segment \d+$/);
  const state = await capture('rich', withCaption, 'the seek bar, both menus and a caption');
  assert.equal(state.shown['audio-menu'], 'English (en)');
  assert.equal(state.shown['captions-menu'], 'English');
});

test('waiting: AMS\'s message and no spinner', async () => {
  const state = await capture('waiting', (seen) => seen.status === 'waiting' && has(seen, 'waiting', 'play-button'), 'the waiting message');
  assert.equal(state.shown.waiting, "Your live stream will play automatically as soon as it's available");
  assert.equal('spinner' in state.shown, false);
});

test('loading: the spinner, after its delay', async () => {
  const state = await capture('loading', (seen) => seen.status === 'loading' && has(seen, 'spinner'), 'the spinner');
  assert.equal('waiting' in state.shown, false);
});

test('error: the message and a retry button', async () => {
  const state = await capture('error', (seen) => seen.status === 'error' && has(seen, 'error-message', 'retry-button'), 'the error');
  assert.match(state.shown['error-message'], /^domain: "not a domain"/);
  assert.equal(state.shown['retry-button'], 'Retry');
});

test('ended: the end of the broadcast', async () => {
  const state = await capture('ended', (seen) => seen.status === 'ended' && has(seen, 'ended'), 'the ended message', 40000);
  assert.equal(state.shown.ended, 'The live stream has ended.');
});

test('320 px: the essential controls fit, latency and volume step aside', async () => {
  const state = await capture(
    'narrow',
    (seen) => seen.status === 'playing' && has(seen, 'play-button', 'mute-button', 'live-badge', 'quality-menu', 'fullscreen-button'),
    'the essential controls',
  );
  assert.equal(state.width, 320);
  assert.equal('latency' in state.shown, false);
  assert.equal('volume' in state.shown, false);
});

test('themed: slotted texts replace the built-in ones', async () => {
  const state = await capture('themed', (seen) => seen.status === 'playing' && has(seen, 'live-badge', 'latency', 'quality-menu'), 'the themed controls');
  assert.equal(state.shown['live-badge'], 'EN DIRECT');
  assert.match(state.shown['quality-menu'], /^Automatique( \((180|360)p\))?$/);
  assert.match(state.shown.latency, /^\d+\.\d s de retard$/);
});

test('every control has an accessible name, in the slots\' words, and toggles say whether they are on', async () => {
  const nodes = [];
  const walk = (node) => {
    nodes.push(node);
    node.children?.forEach(walk);
  };
  walk(await page.accessibility.snapshot({ root: await page.$('#themed') }));
  const named = (role, name) => nodes.find((node) => node.role === role && node.name.trim() === name);
  assert.ok(named('button', 'Pause'), 'play button named by its action');
  assert.equal(named('button', 'Couper le son')?.pressed, true, 'mute toggle, slotted label, pressed while muted');
  assert.ok(named('slider', 'Volume'), 'volume slider');
  assert.ok(nodes.some((node) => node.role === 'combobox' && node.name.trim() === 'Quality'), 'quality menu');
  assert.equal(named('button', 'Picture in picture')?.pressed, false);
  assert.equal(named('button', 'Full screen')?.pressed, false);
  assert.ok(nodes.some((node) => node.role === 'button' && node.name.trim().startsWith('EN DIRECT')), 'LIVE badge');
  const unnamed = nodes.filter((node) => ['button', 'slider', 'combobox'].includes(node.role) && !node.name.trim());
  assert.deepEqual(unnamed, [], 'no control without a name');
  const rich = [];
  const walkRich = (node) => {
    rich.push(node);
    node.children?.forEach(walkRich);
  };
  walkRich(await page.accessibility.snapshot({ root: await page.$('#rich') }));
  assert.ok(rich.some((node) => node.role === 'slider' && node.name.trim() === 'Seek'), 'seek bar');
  assert.ok(rich.some((node) => node.role === 'combobox' && node.name.trim() === 'Audio'), 'audio menu');
  assert.ok(rich.some((node) => node.role === 'combobox' && node.name.trim() === 'Captions'), 'captions menu');
  assert.deepEqual(rich.filter((node) => ['button', 'slider', 'combobox'].includes(node.role) && !node.name.trim()), [], 'no control without a name');
});

test('the controls come from their own chunk, beside the drop-in', () => {
  const chunks = requested.filter((url) => /\/player-ui(-[\w-]+)?\.js$/.test(url));
  assert.equal(chunks.length, 1, `one controls chunk requested: ${chunks.join(', ')}`);
  assert.ok(chunks[0].startsWith(`${emulator.edgeUrl}/`));
});

test('a page without controls never downloads the controls chunk', async () => {
  const plain = await browser.newPage();
  const urls = [];
  plain.on('request', (request) => urls.push(request.url()));
  await plain.goto(`${emulator.edgeUrl}/ui-plain.html`);
  await plain.waitForFunction(() => document.querySelector('ams-cdn-player').status === 'playing', { timeout: 30000 });
  assert.ok(urls.some((url) => url.endsWith('/ams-cdn-player.js')), 'the drop-in was loaded');
  assert.deepEqual(urls.filter((url) => url.includes('player-ui')), []);
  const controls = await plain.evaluate(() => document.querySelector('ams-cdn-player').shadowRoot.querySelectorAll('button, input, select').length);
  assert.equal(controls, 0);
  await plain.close();
});

test('the classic script has the controls built in', async () => {
  const classic = await browser.newPage();
  const urls = [];
  classic.on('request', (request) => urls.push(request.url()));
  await classic.goto(`${emulator.edgeUrl}/ui-classic.html`);
  await classic.waitForFunction(() => {
    const player = document.querySelector('ams-cdn-player');
    return player.status === 'playing' && player.shadowRoot.querySelector('[part~="play-button"]') !== null;
  }, { timeout: 30000 });
  assert.deepEqual(urls.filter((url) => url.includes('player-ui') || url.endsWith('/ams-cdn-player.js')), [], 'no module chunk');
  await classic.close();
});

test('when the controls chunk cannot be loaded, the browser\'s own controls stand in', async () => {
  const blocked = await browser.newPage();
  await blocked.setRequestInterception(true);
  blocked.on('request', (request) => (request.url().includes('player-ui') ? request.abort() : request.continue()));
  await blocked.goto(`${emulator.edgeUrl}/ui-plain.html`);
  await blocked.waitForFunction(() => document.querySelector('ams-cdn-player').status === 'playing', { timeout: 30000 });
  await blocked.evaluate(() => {
    document.querySelector('ams-cdn-player').controls = true;
  });
  await blocked.waitForFunction(() => document.querySelector('ams-cdn-player').video.controls, { timeout: 10000 });
  const status = await blocked.evaluate(() => document.querySelector('ams-cdn-player').status);
  assert.equal(status, 'playing', 'playback goes on');
  await blocked.close();
});
