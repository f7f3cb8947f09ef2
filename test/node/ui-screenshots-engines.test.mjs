// The playing state of the built-in controls in Firefox and WebKit, beside Chromium's
// (ui-screenshots.test.mjs), for people to compare: saved as dist/ui-screenshots/playing-firefox.png
// and playing-webkit.png, each checked to be a real picture of a player that plays with its
// controls shown. An engine that is not installed is skipped with how to install it, unless
// REQUIRE_EVERY_ENGINE=1 (CI), where that fails. Needs a build first.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { startEmulator } from '../../dev/emulator.mjs';
import { engines, firefoxPath, firefoxPreferences, startWebKitDriver, webKitCapabilities } from '../../dev/engines.mjs';

const directory = (path) => fileURLToPath(new URL(path, import.meta.url));
const screenshots = directory('../../dist/ui-screenshots/');
const everyEngineRequired = process.env.REQUIRE_EVERY_ENGINE === '1';

let emulator;

before(async () => {
  emulator = await startEmulator({
    errorTtl: 3,
    staticDirectories: [directory('../../dist'), directory('../pages')],
    streams: [{ id: 'uiplaying', adaptive: true, startIn: -30 }],
  });
  await mkdir(screenshots, { recursive: true });
});

after(async () => {
  await emulator?.close();
});

/** Not installed: a skip that says how to install it, or a failure where every engine is required. */
function skipUnlessInstalled(name) {
  const engine = engines[name];
  if (engine.installed()) return false;
  const reason = `${name} is not installed here. To run it: ${engine.install}`;
  if (everyEngineRequired) assert.fail(`${reason} (REQUIRE_EVERY_ENGINE=1)`);
  return reason;
}

/**
 * In one engine, through `evaluate(script, ...args)` and `screenshot()`: the UI states page with only
 * its playing player kept, until it plays with its controls; saves the picture, checks what it shows.
 */
async function capturePlaying({ engine, evaluate, screenshot }) {
  await evaluate(() => {
    for (const player of document.querySelectorAll('ams-cdn-player:not(#playing)')) player.remove();
  });
  const deadline = Date.now() + 60_000;
  let state;
  for (;;) {
    state = await evaluate(() => window.uiState('playing'));
    // 'latency' shows once the first playlist is dated: the player is past its start.
    if (state.status === 'playing' && ['play-button', 'live-badge', 'latency'].every((part) => part in state.shown)) break;
    if (Date.now() > deadline) assert.fail(`${engine}: not playing with its controls in 60 s; saw ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const png = await screenshot();
  await writeFile(`${screenshots}playing-${engine}.png`, png);
  const colours = await evaluate((base64) => window.distinctColours(base64), png.toString('base64'));
  assert.ok(colours >= 16, `playing-${engine}.png is a real picture (${colours} colours)`);
  assert.equal(state.shown['play-button'], 'Pause');
}

test('Firefox: the playing state, saved beside Chromium\'s', { skip: skipUnlessInstalled('firefox') }, async () => {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath, headless: true, extraPrefsFirefox: { ...firefoxPreferences, 'media.autoplay.default': 0 } });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 1400 });
    await page.goto(`${emulator.edgeUrl}/ui-states.html`);
    await capturePlaying({
      engine: 'firefox',
      evaluate: (script, ...args) => page.evaluate(script, ...args),
      screenshot: async () => Buffer.from(await (await page.$('#playing')).screenshot({ type: 'png' })),
    });
  } finally {
    await browser.close();
  }
});

test('WebKit: the playing state, saved beside Chromium\'s', { skip: skipUnlessInstalled('webkit') }, async () => {
  const driver = await startWebKitDriver();
  let browser;
  try {
    browser = await remote({
      hostname: '127.0.0.1',
      port: driver.port,
      logLevel: 'error',
      capabilities: webKitCapabilities,
    });
    await browser.setWindowSize(1000, 1400);
    await browser.url(`${emulator.edgeUrl}/ui-states.html`);
    await capturePlaying({
      engine: 'webkit',
      // WebDriver's execute takes the script as text and returns what it returns, promises awaited.
      evaluate: (script, ...args) => browser.execute(script, ...args),
      screenshot: async () => Buffer.from(await browser.takeElementScreenshot((await browser.$('#playing')).elementId), 'base64'),
    });
  } finally {
    await browser?.deleteSession();
    await driver.close();
  }
});
