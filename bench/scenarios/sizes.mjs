// Bytes (gzip -9) of what a viewer downloads, read from the edge's log of a real page: the drop-in
// script and what it imports at once (first download), then what the first playback adds (hls.js
// and its worker). Measured by requests, so it follows the build whatever it names its files.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipBytes } from '../bundles.mjs';
import { openPlayer } from '../browser.mjs';
import { sleep } from '../players.mjs';
import { streamKinds } from '../streams.mjs';
import { attachOptions, streamsPerPlayer } from './context.mjs';

/** The benchmark's own page script is not the player's. */
const benchFiles = new Set(['/bench-page.mjs']);

function scriptsRequested(log, from, to) {
  const paths = log.filter((entry) => entry.time >= from && entry.time < to && /\.m?js$/.test(entry.path) && !benchFiles.has(entry.path)).map((entry) => entry.path);
  return [...new Set(paths)];
}

async function gzipOf(context, urlPath) {
  for (const directory of context.staticDirectories) {
    try {
      return { file: urlPath.slice(1), gzip: gzipBytes(await readFile(path.join(directory, urlPath))) };
    } catch {
      // Not in this folder: the origin serves the first one that has it.
    }
  }
  throw new Error(`sizes: ${urlPath} was requested but is in no static folder`);
}

const total = (files) => files.reduce((sum, file) => sum + file.gzip, 0);

export async function runSizes(context) {
  context.log('sizes: the drop-in page\'s downloads, before and at first playback');
  // MPEG-TS, so a transmux worker, if the element uses one, is fetched too.
  const kind = streamKinds['ams-hls'];
  const { element: streamId } = streamsPerPlayer(context, ['element'], { startIn: -30, ...kind.definition });
  const page = await openPlayer(context.browser, { edgeUrl: context.edgeUrl, player: 'element', attach: null });
  const start = Date.now();
  await page.page.evaluate(() => import('./ams-cdn-player.js'));
  await sleep(500);
  const defined = Date.now();
  await page.page.evaluate((options) => window.benchAttach(options), attachOptions(context, { streamId, playOrder: kind.playOrder, sample: false }));
  await sleep(1_000);
  const played = Date.now();
  await page.close();
  const log = context.edgeLog();
  const firstDownload = await Promise.all(scriptsRequested(log, start, defined).map((file) => gzipOf(context, file)));
  const atPlayback = await Promise.all(scriptsRequested(log, defined, played).map((file) => gzipOf(context, file)));
  const worker = atPlayback.filter((file) => /worker/.test(file.file));
  const hlsChunk = atPlayback.filter((file) => !/worker/.test(file.file));
  const rawHls = await gzipOf(context, '/hls.min.js');
  return {
    dropInFirstDownloadGzip: total(firstDownload),
    hlsChunkGzip: total(hlsChunk),
    workerGzip: total(worker),
    // The element's own code without lit and hls.js: the core every page downloads, the controls
    // chunk only pages with `controls` download, any other lazily loaded part, and all of it.
    elementCoreCodeGzip: context.elementOwnCodeGzip.coreGzip,
    elementControlsCodeGzip: context.elementOwnCodeGzip.controlsGzip,
    elementOtherLazyCodeGzip: context.elementOwnCodeGzip.otherLazyGzip,
    elementOwnCodeGzip: context.elementOwnCodeGzip.totalGzip,
    rawHlsGzip: rawHls.gzip,
    rawHlsFile: rawHls.file,
    files: { firstDownload, hlsChunk, worker },
  };
}
