// The README's table of drop-in files says what each weighs gzipped: held to the build, so the
// figures a site owner plans with are the files' own (within 0.3 KB or 3%, so a small change does
// not need a new table). Needs a build first (dist/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** Rows of the drop-in table: a dist file in the first column, its size ("14.2 KB") in the last. */
function documentedSizes() {
  const rows = readme.split('\n').filter((line) => /^\| `[\w.-]+\.js` \|.*\| [\d.]+ KB \|$/.test(line));
  return rows.map((row) => {
    const cells = row.split('|').map((cell) => cell.trim());
    return { file: cells[1].replaceAll('`', ''), kilobytes: Number.parseFloat(cells.at(-2)) };
  });
}

test("the README's drop-in file sizes are the built files' (gzip -9)", () => {
  const rows = documentedSizes();
  assert.ok(rows.length >= 8, `the README lists the drop-in files (${rows.length})`);
  const off = rows.flatMap(({ file, kilobytes }) => {
    const actual = gzipSync(readFileSync(new URL(`dist/${file}`, root)), { level: 9 }).length / 1024;
    const allowed = Math.max(0.3, kilobytes * 0.03);
    return Math.abs(actual - kilobytes) > allowed ? [`${file}: README ${kilobytes} KB, built ${actual.toFixed(1)} KB`] : [];
  });
  assert.deepEqual(off, []);
});
