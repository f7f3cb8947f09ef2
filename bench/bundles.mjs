// Builds what the benchmark needs from src/ (never a hand-kept copy) and measures bytes.
import { build } from 'esbuild';
import { access, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Untracked: node_modules/.cache is where build tools keep generated files. */
export const cacheDirectory = path.join(root, 'node_modules/.cache/ams-bench');
/** A copy of dist/ taken at the start: other work may rebuild dist/ mid-run. */
export const distDirectory = path.join(cacheDirectory, 'dist');

/** As vite.config.ts does for the drop-in: hls.js and its worker are files beside the script. */
const dropInAssets = {
  name: 'drop-in-hls-assets',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/hls-assets\.js$/ }, () => ({ path: path.join(root, 'src/hls-assets.drop-in.ts') }));
  },
};

/**
 * hls.js with the element's config, served to the benchmark pages as ./element-config-hls.js from
 * the same folder as the drop-in, so it loads the same hls.js file and worker.
 */
export async function bundleElementConfigPlayer() {
  await mkdir(cacheDirectory, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'bench/players/element-config-hls.mjs')],
    outfile: path.join(cacheDirectory, 'element-config-hls.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    external: ['hls.js', 'hls.js/*'],
    plugins: [dropInAssets],
    logLevel: 'error',
  });
}

export function gzipBytes(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

/** The element's own code: src/ bundled as the drop-in is, without lit and hls.js, minified. */
export async function elementOwnCodeGzip() {
  const result = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    external: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', 'hls.js', 'hls.js/*'],
    plugins: [dropInAssets],
    logLevel: 'error',
  });
  return gzipBytes(Buffer.from(result.outputFiles[0].contents));
}

/** Copies dist/ once the drop-in is there (a concurrent rebuild may have emptied it). */
export async function snapshotDist({ attempts = 15, delayMs = 2_000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    await rm(distDirectory, { recursive: true, force: true });
    await cp(path.join(root, 'dist'), distDirectory, { recursive: true });
    try {
      await access(path.join(distDirectory, 'ams-cdn-player.js'));
      return distDirectory;
    } catch {
      if (attempt >= attempts) throw new Error('dist/ams-cdn-player.js is missing: run npm run build');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
