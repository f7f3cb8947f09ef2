// docs/architecture.md: its module table names every source module, and no module that is gone (a new
// file cannot be left out of the developer's map, nor a removed one stay on it); its layer table is the
// one the imports and the build give; and no folder imports from a layer above its own.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/architecture.md', root), 'utf8');

/** Every .ts file under src/ (declaration files aside), as `src/...` paths. */
function sourceModules(directory = 'src') {
  return readdirSync(new URL(`${directory}/`, root), { withFileTypes: true }).flatMap((entry) => {
    const path = `${directory}/${entry.name}`;
    if (entry.isDirectory()) return sourceModules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The files the "## Modules" table names in its first column. A bare name (`live-badge.ts`) is in the
 * folder of the cell's first path; a `*` stands for any text (`src/hls-assets*.ts`).
 */
function documentedPatterns() {
  const table = doc.split('\n## Modules\n')[1]?.split('\n## ')[0];
  assert.ok(table, 'docs/architecture.md has a Modules section');
  return table.split('\n').filter((line) => line.startsWith('| `')).flatMap((row) => {
    const names = [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    const folder = names[0].slice(0, names[0].lastIndexOf('/') + 1);
    return names.map((name) => (name.includes('/') ? name : folder + name));
  });
}

const matches = (pattern, path) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`).test(path);

test('the module table names every source module', () => {
  const patterns = documentedPatterns();
  const missing = sourceModules().filter((path) => !patterns.some((pattern) => matches(pattern, path)));
  assert.deepEqual(missing, [], 'modules the table does not name');
});

test('the module table names no module that is gone', () => {
  const modules = sourceModules();
  const gone = documentedPatterns().filter((pattern) => !modules.some((path) => matches(pattern, path)));
  assert.deepEqual(gone, [], 'names in the table with no such file');
});

test('the layer table is what the imports and the build say (npm run architecture writes it)', async () => {
  const { documentWithTable } = await import('../../dev/architecture.mjs');
  const { current, generated } = await documentWithTable();
  assert.equal(current, generated, 'docs/architecture.md\'s layer table is stale: run npm run architecture');
});

test('no folder imports from a layer above its own', async () => {
  const { readArchitecture, upwardImports } = await import('../../dev/architecture.mjs');
  assert.deepEqual(upwardImports(await readArchitecture()), []);
});
