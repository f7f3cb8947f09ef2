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
    builder.onResolve({ filter: /^\.\/hls-assets\.js$/ }, () => ({ path: path.join(root, 'src/hls/hls-assets.drop-in.ts') }));
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

/** The output files `start` loads with it: itself and what it imports statically, transitively. */
function staticClosure(outputs, start) {
  const files = new Set([start]);
  for (const file of files) {
    for (const imported of outputs[file].imports) {
      if (!imported.external && imported.kind === 'import-statement') files.add(imported.path);
    }
  }
  return files;
}

/**
 * Splits a build's output files (esbuild's metafile.outputs) into the core, which every page
 * downloads (the entry and what it imports statically), the lazy part built from `lazyEntryPoint`
 * (the controls: their chunk and what it imports beyond the core), and any other lazily loaded
 * files. Returns three lists of output paths.
 */
export function splitAtDynamicImports(outputs, entryPoint, lazyEntryPoint) {
  const fileOf = (source) => {
    const file = Object.keys(outputs).find((name) => outputs[name].entryPoint === source);
    if (!file) throw new Error(`no output file has the entry point ${source}`);
    return file;
  };
  const core = staticClosure(outputs, fileOf(entryPoint));
  const lazy = staticClosure(outputs, fileOf(lazyEntryPoint));
  const files = Object.keys(outputs).filter((file) => !file.endsWith('.map'));
  return {
    core: files.filter((file) => core.has(file)),
    lazy: files.filter((file) => lazy.has(file) && !core.has(file)),
    other: files.filter((file) => !core.has(file) && !lazy.has(file)),
  };
}

const ownCodeEntryPoint = 'src/index.ts';

/**
 * The element's own code (src/ without lit and hls.js, minified), built as the drop-in splits it:
 * esbuild's result, with its metafile (dev/architecture.mjs reads the modules' sizes and imports there).
 */
export function elementOwnCodeBuild() {
  return build({
    absWorkingDir: root,
    entryPoints: [ownCodeEntryPoint],
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
}

/**
 * The element's own code split as the drop-in is: the core every page downloads, and the controls
 * chunk that the element imports only with `controls` (plus, should the element ever import more
 * of its own code lazily, that as `otherLazyGzip`). Each file is gzipped on its own, as it is downloaded.
 */
export async function elementOwnCodeGzip() {
  const result = await elementOwnCodeBuild();
  const { core, lazy, other } = splitAtDynamicImports(result.metafile.outputs, ownCodeEntryPoint, 'src/ui/player-ui.ts');
  const gzipOf = (files) => files.reduce((sum, file) => sum + gzipBytes(Buffer.from(result.outputFiles.find((output) => output.path === path.join(root, file)).contents)), 0);
  const sizes = { coreGzip: gzipOf(core), controlsGzip: gzipOf(lazy), otherLazyGzip: gzipOf(other) };
  return { ...sizes, totalGzip: sizes.coreGzip + sizes.controlsGzip + sizes.otherLazyGzip };
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
