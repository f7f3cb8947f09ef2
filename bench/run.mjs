#!/usr/bin/env node
// npm run bench: the element, raw hls.js and hls.js with the element's config, side by side in
// headless Chromium against the local AMS origin + CloudFront edge emulators. See --help.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startEmulator } from '../dev/emulator.mjs';
import { launchBrowser } from './browser.mjs';
import { bundleElementConfigPlayer, cacheDirectory, elementOwnCodeGzip, snapshotDist } from './bundles.mjs';
import { describeMachine, describeVersions, loadAverage } from './machine.mjs';
import { parseOptions, usage } from './options.mjs';
import { players } from './players.mjs';
import { formatReport, ratiosToBaseline } from './report.mjs';
import { evaluateTargets } from './targets.mjs';
import { runPlayback } from './scenarios/playback.mjs';
import { runBeforeStart } from './scenarios/before-start.mjs';
import { runOutage, runRestart } from './scenarios/interruptions.mjs';
import { runHeap } from './scenarios/heap.mjs';
import { runBackup } from './scenarios/backup.mjs';
import { runSoak } from './scenarios/soak.mjs';
import { runSizes } from './scenarios/sizes.mjs';
import { runRealEncoder } from './scenarios/real-encoder.mjs';
import { runManyViewers } from './scenarios/many-viewers.mjs';
import { runMatrix } from './scenarios/matrix.mjs';
import { shapes } from './shapes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const errorTtl = 3;

const scenarioRunners = {
  'apple-ll-hls': (context) => runPlayback(context, 'apple-ll-hls'),
  'ams-ll-hls': (context) => runPlayback(context, 'ams-ll-hls'),
  'ams-hls': (context) => runPlayback(context, 'ams-hls'),
  'hls-1s': (context) => runPlayback(context, 'hls-1s'),
  'real-encoder': runRealEncoder,
  'before-start': (context) => runBeforeStart(context, 'apple-ll-hls'),
  'before-start-hls': (context) => runBeforeStart(context, 'ams-hls'),
  restart: (context) => runRestart(context, 'apple-ll-hls'),
  'restart-hls': (context) => runRestart(context, 'ams-hls'),
  'before-start-1s': (context) => runBeforeStart(context, 'hls-1s'),
  'restart-1s': (context) => runRestart(context, 'hls-1s'),
  outage: runOutage,
  backup: (context) => runBackup(context, { kindName: 'ams-hls' }),
  'backup-1s': (context) => runBackup(context, { kindName: 'hls-1s' }),
  'many-viewers': runManyViewers,
  heap: runHeap,
  sizes: runSizes,
};

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) return console.log(usage);

  const startedAt = new Date();
  const loadAtStart = loadAverage();
  await bundleElementConfigPlayer();
  const dist = await snapshotDist();
  // Measured from src/ now, beside the dist/ snapshot, so both sizes describe the same code
  // even when src/ changes during the run.
  const ownCodeGzip = await elementOwnCodeGzip();
  const staticDirectories = [dist, path.join(root, 'bench/pages'), path.join(root, 'node_modules/hls.js/dist'), cacheDirectory];
  const emulator = await startEmulator({ errorTtl, staticDirectories });
  const browser = await launchBrowser();
  const context = {
    browser,
    edgeUrl: emulator.edgeUrl,
    staticDirectories,
    elementOwnCodeGzip: ownCodeGzip,
    control: emulator.origin.control,
    errorTtl,
    durationSeconds: options.duration,
    runs: options.runs,
    ttffRounds: 15,
    cycles: 50,
    edgeLog: () => emulator.edge.log.slice(),
    clearLogs: () => {
      emulator.edge.clearLog();
      emulator.origin.control.clearLog();
    },
    originLog: () => emulator.origin.control.getLog(),
    log: (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`),
  };
  try {
    if (options.matrix) {
      const chosen = shapes.filter((shape) => options.shapes.length === 0 || options.shapes.includes(shape.name));
      const matrix = await runMatrix(context, { shapes: chosen });
      const out = path.resolve(root, options.out);
      await writeFile(out, `${JSON.stringify({ generatedAt: startedAt.toISOString(), machine: await describeMachine(), versions: await describeVersions(browser), durationSeconds: options.duration, shapes: matrix }, null, 2)}\n`);
      context.log(`matrix results written to ${path.relative(root, out)}`);
      return;
    }
    if (options.soak) {
      const soak = await runSoak(context, { minutes: options.soak, kinds: options.soakKinds });
      const out = path.resolve(root, options.out);
      await writeFile(out, `${JSON.stringify({ generatedAt: startedAt.toISOString(), machine: await describeMachine(), minutes: options.soak, kinds: soak }, null, 2)}\n`);
      context.log(`soak results written to ${path.relative(root, out)}`);
      return;
    }
    const results = {
      generatedAt: startedAt.toISOString(),
      machine: { ...(await describeMachine()), loadAverage: { start: loadAtStart, end: null } },
      versions: await describeVersions(browser),
      setup: {
        errorTtlSeconds: errorTtl,
        durationSeconds: options.duration,
        beforeStartRuns: options.runs,
        timeToFirstFrameRounds: context.ttffRounds,
        heapCycles: context.cycles,
        players: Object.fromEntries(players.map((player) => [player.id, player.label])),
        builds: {
          element: 'dist/ams-cdn-player.js, the drop-in (it loads hls.js and its worker from beside itself on first playback)',
          hlsjs: 'node_modules/hls.js/dist/hls.min.js (UMD, its inline worker), default config',
          'hlsjs-config': 'the hls.js file and worker the drop-in loads (src/hls/load-hls.ts) + src/hls/hls-tuning.ts lowLatencyConfig and src/hls/hls-workarounds.ts rewrittenPlaylist (without the catch-up, probe hand-off and fMP4 worker choice of the element), bundled by esbuild',
        },
      },
      scenarios: {},
      targets: [],
    };
    for (const name of options.scenarios) {
      // Each scenario reads only its own requests, and the edge keeps a bounded log.
      context.clearLogs();
      try {
        const scenario = await scenarioRunners[name](context);
        if (scenario.players) scenario.ratiosToRawHlsjs = ratiosToBaseline(name, scenario);
        if (scenario.skipped) console.log(`${name}: skipped: ${scenario.skipped}`);
        results.scenarios[name] = scenario;
      } catch (error) {
        // One broken scenario should not cost the others' figures; its targets then fail.
        context.log(`${name} failed: ${error?.stack ?? error}`);
        results.scenarios[name] = { error: String(error?.message ?? error) };
      }
    }
    results.machine.loadAverage.end = loadAverage();
    results.durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
    results.targets = evaluateTargets(results, errorTtl);
    console.log(formatReport(results));
    const out = path.resolve(root, options.out);
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    context.log(`results written to ${path.relative(root, out)} (${results.durationSeconds} s)`);
  } finally {
    await browser.close();
    await emulator.close();
  }
}

await main();
