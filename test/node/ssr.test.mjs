// Server-side rendering: importing the built package in Node (no DOM) must not throw. Lit's `node`
// export condition brings its DOM shim; the URL functions work as in the browser.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `code` as an ES module in a fresh Node, from the repository root, so 'ams-cdn-player' resolves through package.json's exports. */
async function inFreshNode(code) {
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', code], { cwd: root });
  return JSON.parse(stdout);
}

test("import 'ams-cdn-player' in Node exports the element class and the URL functions and defines the tag in Lit's server registry", async () => {
  const result = await inFreshNode(`
    const hadRegistry = typeof globalThis.customElements !== 'undefined';
    const module = await import('ams-cdn-player');
    const candidates = module.streamCandidates({ domain: 'd1234.cloudfront.net', streamId: 'stream01', playOrder: 'll-hls,hls' }, new URL('https://example.com/page'));
    console.log(JSON.stringify({
      hadRegistry,
      exports: Object.keys(module).sort(),
      isClass: typeof module.AmsCdnPlayer === 'function',
      defined: globalThis.customElements?.get('ams-cdn-player') === module.AmsCdnPlayer,
      urls: candidates.map((candidate) => candidate.url),
    }));
  `);
  assert.equal(result.hadRegistry, false, 'Node has no custom element registry of its own');
  assert.deepEqual(result.exports, [
    'AmsCdnPlayer',
    'DEFAULT_PLAY_ORDER',
    'DEFAULT_PLAY_TYPE',
    'PlayerError',
    'parseAppPath',
    'parsePlayOrder',
    'parsePlayType',
    'previewImageUrl',
    'resolveOrigin',
    'skippedPlayOrderEntries',
    'streamCandidates',
    'streamCredentials',
    'validateStreamId',
    'withAuthParams',
  ]);
  assert.equal(result.isClass, true);
  assert.equal(result.defined, true);
  assert.deepEqual(result.urls, [
    'https://d1234.cloudfront.net/streams/ll-hls/stream01/stream01__master.m3u8',
    'https://d1234.cloudfront.net/streams/stream01_adaptive.m3u8',
    'https://d1234.cloudfront.net/streams/stream01.m3u8',
  ]);
});

test("'ams-cdn-player/stream-url' gives the URL functions without loading Lit or defining anything", async () => {
  const result = await inFreshNode(`
    const module = await import('ams-cdn-player/stream-url');
    console.log(JSON.stringify({ exports: Object.keys(module).sort(), registry: typeof globalThis.customElements }));
  `);
  assert.deepEqual(result.exports, ['DEFAULT_PLAY_ORDER', 'DEFAULT_PLAY_TYPE', 'parseAppPath', 'parsePlayOrder', 'parsePlayType', 'previewImageUrl', 'resolveOrigin', 'skippedPlayOrderEntries', 'streamCandidates', 'streamCredentials', 'validateStreamId', 'withAuthParams']);
  assert.equal(result.registry, 'undefined', "Lit's server shim was not loaded");
});
