// Builds what the benchmark needs from src/ (never a hand-kept copy) and measures bytes.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Untracked: node_modules/.cache is where build tools keep generated files. */
export const cacheDirectory = path.join(root, 'node_modules/.cache/ams-bench');
/** A copy of dist/ taken at the start: other work may rebuild dist/ (new chunk names) mid-run. */
export const distDirectory = path.join(cacheDirectory, 'dist');

/** Copies dist/ once it is complete (the drop-in and every chunk it imports are there). */
export async function snapshotDist({ attempts = 15, delayMs = 2_000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    await rm(distDirectory, { recursive: true, force: true });
    await cp(path.join(root, 'dist'), distDirectory, { recursive: true });
    const missing = await missingChunks(path.join(distDirectory, 'ams-cdn-player.js'));
    if (missing.length === 0) return distDirectory;
    if (attempt >= attempts) throw new Error(`dist/ is incomplete (${missing.join(', ')}): run npm run build`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

async function missingChunks(entry) {
  const missing = [];
  const visit = async (file, seen) => {
    if (seen.has(file)) return;
    seen.add(file);
    let source;
    try {
      await access(file);
      source = await readFile(file, 'utf8');
    } catch {
      missing.push(path.basename(file));
      return;
    }
    const imports = moduleImports(source);
    for (const specifier of [...imports.static, ...imports.dynamic]) await visit(path.resolve(path.dirname(file), specifier), seen);
  };
  await visit(entry, new Set());
  return missing;
}

/** hls.js with the element's config, served to the benchmark pages as ./element-config-hls.js. */
export async function bundleElementConfigPlayer() {
  await mkdir(cacheDirectory, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'bench/players/element-config-hls.mjs')],
    outfile: path.join(cacheDirectory, 'element-config-hls.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
}

export function gzipBytes(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

/** The element's own code: src/ bundled without lit and hls.js, minified. */
async function elementOwnCode() {
  const result = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    external: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', 'hls.js', 'hls.js/*'],
    logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/** Relative module specifiers in import statements (static) and import() calls (dynamic). */
export function moduleImports(source) {
  const imports = { static: new Set(), dynamic: new Set() };
  for (const match of source.matchAll(/\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) imports.dynamic.add(match[1]);
  for (const match of source.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) imports.static.add(match[1]);
  return { static: [...imports.static], dynamic: [...imports.dynamic] };
}

/** Files a module pulls in before it runs (itself and its static imports, transitively). */
async function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = await readFile(file, 'utf8');
  for (const specifier of moduleImports(source).static) await staticClosure(path.resolve(path.dirname(file), specifier), seen);
  return seen;
}

async function gzipOfFiles(files) {
  let total = 0;
  for (const file of files) total += gzipBytes(await readFile(file));
  return total;
}

/**
 * Bytes (gzip -9) of: the drop-in's first download, the lazily imported chunks (hls.js), the
 * element's own code, and the raw hls.js build the comparison pages load.
 */
export async function measureSizes() {
  const dropIn = path.join(distDirectory, 'ams-cdn-player.js');
  const firstDownload = await staticClosure(dropIn);
  const lazy = new Set();
  for (const file of firstDownload) {
    const source = await readFile(file, 'utf8');
    for (const specifier of moduleImports(source).dynamic) {
      for (const chunk of await staticClosure(path.resolve(path.dirname(file), specifier))) if (!firstDownload.has(chunk)) lazy.add(chunk);
    }
  }
  const rawHls = path.join(root, 'node_modules/hls.js/dist/hls.min.js');
  return {
    dropInFirstDownloadGzip: await gzipOfFiles(firstDownload),
    dropInFirstDownloadFiles: [...firstDownload].map((file) => path.relative(distDirectory, file)),
    hlsChunkGzip: await gzipOfFiles(lazy),
    hlsChunkFiles: [...lazy].map((file) => path.relative(distDirectory, file)),
    elementOwnCodeGzip: gzipBytes(await elementOwnCode()),
    rawHlsGzip: gzipBytes(await readFile(rawHls)),
    rawHlsFile: path.relative(root, rawHls),
  };
}
