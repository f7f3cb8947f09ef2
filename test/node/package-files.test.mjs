// What `npm run build` leaves for package.json to point at: every path it names exists, the
// drop-in's first download holds Lit and the element but no hls.js, and the manifest describes
// the element. Needs a build first (`npm test` builds before it runs these).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const read = (path) => readFileSync(new URL(path, root), 'utf8');

/** Every file path in an exports map entry, whatever its conditions. */
function targets(entry) {
  if (typeof entry === 'string') return [entry];
  return Object.values(entry).flatMap(targets);
}

test('package.json main, module, types, exports, sideEffects and customElements all name files the build made', () => {
  assert.ok(existsSync(new URL('dist/lib/index.js', root)), 'run `npm run build` first');
  const paths = [
    packageJson.main,
    packageJson.module,
    packageJson.types,
    packageJson.customElements,
    ...packageJson.sideEffects,
    ...Object.entries(packageJson.exports)
      .filter(([subpath]) => !subpath.includes('*'))
      .flatMap(([, entry]) => targets(entry)),
  ];
  const missing = paths.filter((path) => !existsSync(new URL(path, root)));
  assert.deepEqual(missing, []);
  for (const [subpath, entry] of Object.entries(packageJson.exports)) {
    if (typeof entry === 'object') assert.equal(Object.keys(entry)[0], 'types', `${subpath}: "types" must come first`);
  }
});

test('only the files that define <ams-cdn-player> are listed as having side effects', () => {
  for (const path of packageJson.sideEffects) {
    assert.match(read(path), /customElements\.define\(\s*[`'"]ams-cdn-player[`'"]/, path);
  }
  assert.doesNotMatch(read('dist/lib/element/ams-cdn-player.js'), /customElements\.define/);
  assert.doesNotMatch(read('dist/lib/urls/stream-url.js'), /customElements\.define|from "lit/);
});

test('the npm entry leaves lit and hls.js to the app: imported by name, not bundled', () => {
  const lib = ['index', 'element/ams-cdn-player', 'hls/load-hls', 'hls/hls-assets.package'].map((name) => read(`dist/lib/${name}.js`)).join('\n');
  assert.match(lib, /from "lit"/);
  assert.match(lib, /import\("hls\.js\/light"\)/);
  assert.match(lib, /import\("hls\.js"\)/);
  // The exact form bundlers recognise, so they copy the worker into the app.
  assert.match(lib, /new URL\("\.\.\/\.\.\/hls\.worker\.js", import\.meta\.url\)/);
  assert.doesNotMatch(lib, /class \w+ extends HTMLElement|transmuxer/i);
});

test('the types declare the tag for querySelector/createElement, and JSX typings exist for React and Preact', () => {
  assert.match(read('dist/lib/element/ams-cdn-player.d.ts'), /interface HTMLElementTagNameMap \{\s*'ams-cdn-player': AmsCdnPlayer;/);
  assert.match(read('dist/lib/jsx/react.d.ts'), /declare module 'react'/);
  assert.match(read('dist/lib/jsx/preact.d.ts'), /declare module 'preact'/);
});

test('the drop-in first download is Lit and the element only: hls.js, its worker and the full build are separate files', () => {
  for (const dropIn of ['dist/ams-cdn-player.js', 'dist/ams-cdn-player.classic.js']) {
    const code = read(dropIn);
    // Strings hls.js carries and this project does not.
    assert.doesNotMatch(code, /fragParsingError|transmuxer|Lit is in dev mode/, dropIn);
    assert.match(code, /hls-light\.js/, `${dropIn} loads the light build by name`);
    // Far below hls.js (120 KB and more): the classic script has the controls and the hls.js layer built in.
    const gzipKilobytes = gzipSync(code).length / 1024;
    assert.ok(gzipKilobytes < 32, `${dropIn}: ${gzipKilobytes.toFixed(1)} KB gzipped`);
  }
  assert.equal(read('dist/hls.worker.js'), read('node_modules/hls.js/dist/hls.worker.js').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
  assert.match(read('dist/hls-light.js'), /export\s*\{[^}]*as default/);
});

test('custom-elements.json describes the element: attributes, events, slots, parts and custom properties', () => {
  const manifest = JSON.parse(read(packageJson.customElements));
  const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'ams-cdn-player');
  assert.ok(element, 'the element is in the manifest');
  const names = (list) => (list ?? []).map((item) => item.name);
  // At least the core API; the built-in controls (src/ui/) add their own attributes, slots, parts and properties.
  const includes = (actual, expected, what) => assert.deepEqual(expected.filter((name) => !actual.includes(name)), [], `${what} missing`);
  includes(names(element.attributes), [
    'domain', 'app', 'stream-id', 'backup-stream-id', 'play-order', 'token', 'subscriber-id', 'subscriber-code',
    'crossorigin', 'start', 'end', 'play-type', 'audio-track', 'captions', 'target-latency', 'error-ttl', 'max-wait', 'autoplay', 'muted', 'playsinline',
    'controls', 'poster', 'no-preview', 'status',
  ], 'attributes');
  assert.deepEqual(names(element.events), ['status-change', 'player-error', 'metadata', 'audiotrack-change', 'source-change']);
  includes(names(element.slots), ['waiting-message', 'ended-message', 'unmute-label'], 'slots');
  includes(names(element.cssParts), ['video', 'preview', 'message', 'error-message', 'unmute-button'], 'parts');
  includes(names(element.cssProperties), ['--ams-cdn-player-aspect-ratio', '--ams-cdn-player-background', '--ams-cdn-player-message-color'], 'custom properties');
  for (const list of ['slots', 'cssParts', 'cssProperties']) {
    assert.ok((element[list] ?? []).every((item) => item.description), `every entry of ${list} is described`);
  }
  assert.ok(element.attributes.every((attribute) => attribute.description), 'every attribute is described');
  assert.ok(names(element.members).includes('hlsConfig'));
  assert.ok(!names(element.members).some((name) => name.startsWith('#')), 'no private members');
  const modulePaths = manifest.modules.map((module) => module.path);
  assert.deepEqual(modulePaths.filter((path) => !existsSync(new URL(path, root))), [], 'module paths are published files');
});
