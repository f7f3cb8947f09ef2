// Headless Chromium through puppeteer-core, one browser context (so one renderer process) per
// page: a page's long tasks and heap are its own.
import puppeteer from 'puppeteer-core';
import { chromiumFlags as chromiumFlagsFor, chromiumPath } from '../dev/chromium.mjs';

// The benchmark starts every player without a click.
export const chromiumFlags = chromiumFlagsFor({ autoplay: 'no-user-gesture-required' });

export function launchBrowser() {
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    protocolTimeout: 120_000,
  });
}

/**
 * Opens bench.html for one player kind and attaches it to a stream.
 * @returns {Promise<BenchPage>}
 */
export async function openPlayer(browser, { edgeUrl, player, attach, waitForFirstFrame = true }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${player}] page error: ${error.message}`));
  await page.goto(`${edgeUrl}/bench.html?player=${encodeURIComponent(player)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.benchAttach === 'function');
  if (attach === null) return { player, page, read: () => page.evaluate(() => JSON.parse(JSON.stringify(window.bench))), close: () => context.close() };
  // Closing the page early (a player that gave up) rejects this; the state is read separately.
  const firstFrame = page.evaluate((options) => window.benchAttach(options), attach).catch(() => false);
  if (waitForFirstFrame) await firstFrame;
  return {
    player,
    page,
    firstFrame,
    read: () => page.evaluate(() => JSON.parse(JSON.stringify(window.bench))),
    async heapBytes() {
      const session = await page.createCDPSession();
      for (let pass = 0; pass < 3; pass++) await session.send('HeapProfiler.collectGarbage');
      const { usedSize } = await session.send('Runtime.getHeapUsage');
      await session.detach();
      return usedSize;
    },
    close: () => context.close(),
  };
}
