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

const litAndHls = ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', 'hls.js', 'hls.js/*'];

/**
 * Splits a build's output files into the core (the entry and what it imports statically, which
 * every page downloads) and the rest (reached only through import(), like the controls chunk).
 * `outputs` is esbuild's metafile.outputs; returns two lists of output paths.
 */
export function splitAtDynamicImports(outputs, entryPoint) {
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === entryPoint);
  if (!entry) throw new Error(`no output file has the entry point ${entryPoint}`);
  const core = new Set([entry]);
  for (const file of core) {
    for (const imported of outputs[file].imports) {
      if (!imported.external && imported.kind === 'import-statement') core.add(imported.path);
    }
  }
  const files = Object.keys(outputs).filter((file) => !file.endsWith('.map'));
  return { core: files.filter((file) => core.has(file)), lazy: files.filter((file) => !core.has(file)) };
}

/**
 * The element's own code (src/ without lit and hls.js, minified) split as the drop-in is: the core
 * every page downloads, and the controls chunk that the element imports only with `controls`.
 * Each file is gzipped on its own, as it is downloaded.
 */
export async function elementOwnCodeGzip() {
  const entryPoint = 'src/index.ts';
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: 'esm',
    splitting: true,
    outdir: path.join(cacheDirectory, 'own-code'),
    metafile: true,
    target: 'es2022',
    minify: true,
    external: litAndHls,
    plugins: [dropInAssets],
    logLevel: 'error',
  });
  const { core, lazy } = splitAtDynamicImports(result.metafile.outputs, entryPoint);
  const gzipOf = (files) => files.reduce((sum, file) => sum + gzipBytes(Buffer.from(result.outputFiles.find((output) => output.path === path.join(root, file)).contents)), 0);
  const coreGzip = gzipOf(core);
  const controlsGzip = gzipOf(lazy);
  return { coreGzip, controlsGzip, totalGzip: coreGzip + controlsGzip };
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
