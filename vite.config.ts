import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createLogger, defineConfig, type Plugin, type UserConfig } from 'vite';

// Three builds into dist/ (`npm run build` runs them in this order):
//   vite build                 -> ams-cdn-player.js: the drop-in ES module, Lit bundled and minified,
//                                 plus hls-light.js, hls-full.js and hls.worker.js beside it
//   vite build --mode classic  -> ams-cdn-player.classic.js: the same for pages without modules
//   vite build --mode package  -> lib/: the npm entry, one file per module, lit and hls.js left to
//                                 the app's bundler (types come from tsconfig.build.json)
// Each swaps src/hls/hls-assets.ts (where hls.js and its worker come from) for its own flavour.

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const require = createRequire(import.meta.url);

function hlsAssetsFrom(flavour: 'drop-in' | 'package'): NonNullable<UserConfig['resolve']>['alias'] {
  return [{ find: /^\.\/hls-assets\.js$/, replacement: source(`src/hls/hls-assets.${flavour}.ts`) }];
}

/** A file's own `//# sourceMappingURL` comment, which would name a map we do not ship. */
const sourceMapComment = /\n\/\/# sourceMappingURL=\S+\s*$/;

/**
 * hls.js's own minified ES builds and its transmux worker, copied beside the drop-in scripts
 * unchanged (hls-assets.drop-in.ts loads them by these names). One worker serves both builds: its
 * messages are the same, and it holds every demuxer.
 */
function hlsFilesBesideTheScript(): Plugin {
  const files = { 'hls-light.js': 'hls.light.min.mjs', 'hls-full.js': 'hls.min.mjs', 'hls.worker.js': 'hls.worker.js' };
  return {
    name: 'hls-files-beside-the-script',
    async generateBundle() {
      for (const [fileName, hlsFile] of Object.entries(files)) {
        const text = await readFile(require.resolve(`hls.js/dist/${hlsFile}`), 'utf8');
        this.emitFile({ type: 'asset', fileName, source: text.replace(sourceMapComment, '\n') });
      }
    },
  };
}

/** The React and Preact JSX typings are hand-written .d.ts files (they augment modules we do not depend on). */
function jsxTypings(): Plugin {
  return {
    name: 'jsx-typings',
    async generateBundle() {
      for (const framework of ['react', 'preact']) {
        this.emitFile({ type: 'asset', fileName: `jsx/${framework}.d.ts`, source: await readFile(source(`src/jsx/${framework}.d.ts`), 'utf8') });
      }
    },
  };
}

/**
 * The package's `new URL('../../hls.worker.js', import.meta.url)` (in dist/lib/hls/) points at dist/hls.worker.js, which
 * does not exist beside the source. Vite says so and writes `'' + import.meta.url`, which hides the
 * URL from the app's bundler; this puts back the form that bundlers copy the worker for.
 */
function workerUrlForTheAppBundler(): Plugin {
  return {
    name: 'worker-url-for-the-app-bundler',
    renderChunk(code) {
      if (!code.includes('hls.worker.js')) return null;
      return { code: code.replace(/(new URL\("\.\.\/\.\.\/hls\.worker\.js", )(?:""|'') \+ import\.meta\.url\)/, '$1import.meta.url)'), map: null };
    },
  };
}

/** Drops Vite's notice about that URL, and only that one. */
function packageLogger() {
  const logger = createLogger();
  const warnOnce = logger.warnOnce;
  logger.warnOnce = (message, options) => {
    if (message.includes('hls.worker.js') && message.includes("doesn't exist at build time")) return;
    warnOnce(message, options);
  };
  return logger;
}

const dropIn: UserConfig = {
  resolve: { alias: hlsAssetsFrom('drop-in') },
  plugins: [hlsFilesBesideTheScript()],
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: { entry: source('src/index.ts'), formats: ['es'], fileName: () => 'ams-cdn-player.js' },
    // Vite keeps whitespace in ES libraries for the app's bundler to shake; a drop-in is final.
    // The controls chunk imports Lit from the drop-in itself (the entry may gain exports for it), so
    // Lit is not split into a file of its own and the first download stays one file.
    rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true, chunkFileNames: '[name].js' } },
  },
};

const classic: UserConfig = {
  ...dropIn,
  // A classic script has no import.meta: hls-assets.drop-in.ts reads document.currentScript instead.
  define: { 'import.meta.url': 'undefined' },
  build: {
    ...dropIn.build,
    emptyOutDir: false,
    // `window.amsCdnPlayer` holds the exports (AmsCdnPlayer, the URL functions).
    lib: { entry: source('src/index.ts'), formats: ['iife'], name: 'amsCdnPlayer', fileName: () => 'ams-cdn-player.classic.js' },
  },
};

const npmPackage: UserConfig = {
  resolve: { alias: hlsAssetsFrom('package') },
  plugins: [jsxTypings(), workerUrlForTheAppBundler()],
  customLogger: packageLogger(),
  build: {
    target: 'es2022',
    sourcemap: true,
    minify: false,
    outDir: 'dist/lib',
    emptyOutDir: false,
    lib: { entry: { index: source('src/index.ts'), 'urls/stream-url': source('src/urls/stream-url.ts') }, formats: ['es'] },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, /^hls\.js(\/|$)/],
      output: { preserveModules: true, preserveModulesRoot: source('src'), entryFileNames: '[name].js' },
    },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'classic') return classic;
  if (mode === 'package') return npmPackage;
  return dropIn;
});
