import { defineConfig } from 'vite';

// Library build: dist/ams-cdn-player.js defines <ams-cdn-player> when a page loads it as a module.
// hls.js stays a separate chunk, loaded relative to the script's own URL when playback starts.
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'ams-cdn-player.js',
    },
  },
});
