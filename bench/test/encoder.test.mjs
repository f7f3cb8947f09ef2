// The real-encoder scenario's parts: finding ffmpeg, skipping without it, and ffmpeg's real output
// served by the origin (needs Debian's ffmpeg, as the benchmark does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFfmpeg, lastMediaSequence, startEncoder } from '../encoder.mjs';
import { runRealEncoder } from '../scenarios/real-encoder.mjs';
import { evaluateTargets } from '../targets.mjs';
import { formatReport } from '../report.mjs';
import { startOrigin } from '../../dev/origin.mjs';
import { sleep } from '../players.mjs';

async function withTemporaryDirectory(run) {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-encoder-test-'));
  try {
    return await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

test('findFfmpeg looks through the search path for an executable ffmpeg', async () => {
  await withTemporaryDirectory(async (directory) => {
    const empty = path.join(directory, 'empty');
    const tools = path.join(directory, 'tools');
    await Promise.all([empty, tools].map((folder) => mkdir(folder)));
    assert.equal(await findFfmpeg([empty, tools].join(path.delimiter)), null);
    await writeFile(path.join(tools, 'ffmpeg'), '#!/bin/sh\n');
    assert.equal(await findFfmpeg([empty, tools].join(path.delimiter)), null, 'not executable');
    await chmod(path.join(tools, 'ffmpeg'), 0o755);
    assert.equal(await findFfmpeg([empty, tools].join(path.delimiter)), path.join(tools, 'ffmpeg'));
  });
});

test('without ffmpeg the scenario says it skips and why, and its target is not run', async () => {
  const lines = [];
  const scenario = await runRealEncoder({ log: (line) => lines.push(line), ffmpegSearchPath: '/nonexistent-directory' });
  assert.deepEqual(scenario, { skipped: 'ffmpeg is not on PATH' });
  assert.match(lines.join('\n'), /real-encoder: skipped: ffmpeg is not on PATH/);
  const results = { scenarios: { 'real-encoder': scenario } };
  const targets = evaluateTargets(results, 3).filter((target) => target.name.startsWith('Real encoder'));
  assert.equal(targets.length, 1);
  assert.equal(targets[0].pass, null);
  const report = formatReport({
    machine: { cpu: 'cpu', cores: 2, memoryGb: 4, os: 'os', loadAverage: { start: [1, 1, 1], end: [2, 2, 2] } },
    versions: { node: 'v20', chromium: 'Chrome/1', hlsjs: '1.7.4', element: '0.1.0' },
    scenarios: results.scenarios,
    targets: evaluateTargets(results, 3),
  });
  assert.match(report, /Real encoder .*: skipped: ffmpeg is not on PATH/);
  assert.match(report, /Real encoder: latency median .* +\| - +\| not run/);
});

test('lastMediaSequence reads the newest segment number of a playlist', () => {
  assert.equal(lastMediaSequence('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2,\na000000007.ts\n#EXTINF:2,\na000000008.ts\n'), 8);
  assert.equal(lastMediaSequence('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n'), null);
  assert.equal(lastMediaSequence(''), null);
});

test('ffmpeg writes AMS-named HLS per stream id, the origin serves it, and stop() ends ffmpeg', { timeout: 30_000 }, async () => {
  const ffmpegPath = await findFfmpeg();
  assert.ok(ffmpegPath, 'this test needs ffmpeg on PATH');
  await withTemporaryDirectory(async (directory) => {
    const encoder = startEncoder({ ffmpegPath, directory, streamIds: ['encA', 'encB'] });
    const origin = await startOrigin({ streams: [{ id: 'encA', directory }, { id: 'encB', directory }] });
    try {
      const started = Date.now();
      while (!(encoder.publishedBetween('encB', 0, Date.now()) >= 1) && Date.now() - started < 15_000) {
        assert.equal(encoder.failure(), null);
        await sleep(250);
      }
      const playlist = await (await fetch(`${origin.url}/live/streams/encB.m3u8`)).text();
      assert.match(playlist, /#EXT-X-PROGRAM-DATE-TIME:/);
      assert.match(playlist, /^encB000000000\.ts$/m);
      const segment = await fetch(`${origin.url}/live/streams/encB000000000.ts`);
      assert.equal(segment.status, 200);
      assert.equal((await segment.arrayBuffer()).byteLength % 188, 0, 'whole MPEG-TS packets: written to a temporary file first');
      assert.equal(encoder.publishedBetween('encA', 0, Date.now()) >= 1, true);
    } finally {
      await encoder.stop();
      await origin.close();
    }
    assert.match(encoder.failure(), /^ffmpeg exited/, 'ffmpeg has exited after stop()');
  });
});
