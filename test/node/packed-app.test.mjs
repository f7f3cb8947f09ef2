// The package as an app gets it: `npm pack`, install the tarball into an empty Vite app (no install
// scripts), build the app with Vite, serve it through the emulated CloudFront edge and play a stream
// in headless Chromium. Needs a build first (`npm test` builds before it runs these).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { chromiumFlags, chromiumPath } from '../../dev/chromium.mjs';
import { startEmulator } from '../../dev/emulator.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const vite = join(root, 'node_modules/vite/bin/vite.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quietNpm = ['--no-audit', '--no-fund', '--loglevel=error'];

const indexHtml = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Packed app</title></head>
  <body>
    <ams-cdn-player stream-id="packed01" play-order="hls" autoplay muted></ams-cdn-player>
    <script type="module" src="/main.js"></script>
  </body>
</html>
`;

const mainJs = `import { AmsCdnPlayer, streamCandidates } from 'ams-cdn-player';

window.packedApp = {
  defined: customElements.get('ams-cdn-player') === AmsCdnPlayer,
  candidates: streamCandidates({ streamId: 'packed01', playOrder: 'hls' }, location).length,
};
`;

let workDirectory;
let packedFiles;
let appDirectory;

before(async () => {
  workDirectory = await mkdtemp(join(tmpdir(), 'ams-cdn-player-packed-'));
  const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', workDirectory, ...quietNpm], { cwd: root });
  const [packed] = JSON.parse(stdout);
  packedFiles = packed.files.map((file) => file.path);
  appDirectory = join(workDirectory, 'app');
  await mkdir(appDirectory);
  await writeFile(join(appDirectory, 'package.json'), JSON.stringify({ name: 'packed-app', private: true, type: 'module' }, null, 2));
  await writeFile(join(appDirectory, 'index.html'), indexHtml);
  await writeFile(join(appDirectory, 'main.js'), mainJs);
  // --ignore-scripts: the package and its dependencies must work without install scripts.
  await run(npm, ['install', '--prefer-offline', '--ignore-scripts', ...quietNpm, join(workDirectory, packed.filename)], { cwd: appDirectory });
  await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: appDirectory });
});

after(async () => {
  if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
});

test('the tarball holds the builds, types, JSX typings, worker, manifest and the CloudFront token function, and no tests', () => {
  for (const file of [
    'package.json',
    'dist/ams-cdn-player.js',
    'dist/ams-cdn-player.classic.js',
    'dist/hls-light.js',
    'dist/hls.worker.js',
    'dist/custom-elements.json',
    'dist/lib/index.js',
    'dist/lib/index.d.ts',
    'dist/lib/jsx/react.d.ts',
    'dist/lib/jsx/preact.d.ts',
    'cloudfront/verify-stream-token.js',
    'cloudfront/README.md',
  ]) {
    assert.ok(packedFiles.includes(file), `${file} is packed`);
  }
  assert.deepEqual(packedFiles.filter((file) => file.startsWith('test/') || file.startsWith('dev/')), []);
});

test("Vite builds the app with hls.js's light build in a chunk of its own and the worker as a file", async () => {
  const assets = await readdir(join(appDirectory, 'dist/assets'));
  const scripts = assets.filter((name) => name.endsWith('.js'));
  const contents = Object.fromEntries(await Promise.all(scripts.map(async (name) => [name, await readFile(join(appDirectory, 'dist/assets', name), 'utf8')])));
  const entry = scripts.find((name) => name.startsWith('index-'));
  assert.ok(entry, `an entry chunk among ${scripts.join(', ')}`);
  assert.doesNotMatch(contents[entry], /fragParsingError/, 'no hls.js in the entry chunk');
  assert.ok(scripts.some((name) => name.startsWith('hls.worker-')), `the worker among ${scripts.join(', ')}`);
  assert.ok(scripts.some((name) => /fragParsingError/.test(contents[name]) && !name.startsWith('hls.worker-') && name !== entry), 'hls.js in a chunk of its own');
});

test('the built app plays a stream through the edge, transmuxing in the worker file', async () => {
  const emulator = await startEmulator({ staticDirectories: [join(appDirectory, 'dist')], streams: [{ id: 'packed01', startIn: -20 }] });
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags(),
  });
  try {
    const page = await browser.newPage();
    const workers = [];
    page.on('workercreated', (worker) => workers.push(worker.url()));
    await page.goto(`${emulator.edgeUrl}/index.html`);
    await page.waitForFunction(() => document.querySelector('ams-cdn-player')?.status === 'playing', { timeout: 30000 });
    const state = await page.evaluate(() => {
      const player = document.querySelector('ams-cdn-player');
      return { app: window.packedApp, streamUrl: player.streamUrl, enableWorker: player.hls.config.enableWorker, workerPath: player.hls.config.workerPath };
    });
    assert.deepEqual(state.app, { defined: true, candidates: 2 });
    assert.equal(state.streamUrl, `${emulator.edgeUrl}/streams/packed01.m3u8`);
    assert.equal(state.enableWorker, true);
    assert.match(state.workerPath, new RegExp(`^${emulator.edgeUrl}/assets/hls\\.worker-[\\w-]+\\.js$`));
    assert.deepEqual(workers, [state.workerPath]);
  } finally {
    await browser.close();
    await emulator.close();
  }
});
