// The runner itself loads: a syntax or import error in bench/run.mjs or a scenario surfaces here,
// not minutes into `npm run bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = fileURLToPath(new URL('../run.mjs', import.meta.url));

test('bench/run.mjs --help loads every module and prints the usage', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [run, '--help']);
  assert.match(stdout, /^Usage: npm run bench/);
  assert.match(stdout, /--soak MINUTES/);
});
