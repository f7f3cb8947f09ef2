// The element's inputs are one list (AmsCdnPlayer.properties): the manifest's analyzer reads it and
// the JSX typings derive from it (jsx-types.test.mjs checks them). This holds the README's attribute
// table to the same list, so a new attribute cannot be left out of the docs, nor a removed one stay.
// Needs a build first (dist/custom-elements.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(new URL('../../dist/custom-elements.json', import.meta.url), 'utf8'));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function manifestAttributes() {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName === 'ams-cdn-player') return declaration.attributes.map((attribute) => attribute.name);
    }
  }
  throw new Error('no ams-cdn-player in the manifest');
}

/** The names in the first column of the README's "## Attributes" table (a row may name several). */
function readmeAttributes() {
  const section = readme.split('\n## Attributes\n')[1]?.split('\n## ')[0];
  assert.ok(section, 'README has an Attributes section');
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

test("the README's attribute table lists exactly the element's attributes", () => {
  const documented = readmeAttributes().sort();
  const declared = manifestAttributes().sort();
  assert.ok(declared.length >= 20, `the manifest lists the attributes (${declared.length})`);
  assert.deepEqual(documented, declared);
});
