import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementOwnCodeGzip, splitAtDynamicImports } from '../bundles.mjs';

test('the core is the entry and what it imports statically; the controls are their import() and what it adds', () => {
  const outputs = {
    'out/index.js': { entryPoint: 'src/index.ts', imports: [{ path: 'lit', kind: 'import-statement', external: true }, { path: 'out/shared.js', kind: 'import-statement' }, { path: 'out/ui.js', kind: 'dynamic-import' }, { path: 'out/session.js', kind: 'dynamic-import' }] },
    'out/shared.js': { imports: [] },
    'out/ui.js': { entryPoint: 'src/ui/player-ui.ts', imports: [{ path: 'out/shared.js', kind: 'import-statement' }, { path: 'out/ui-only.js', kind: 'import-statement' }] },
    'out/ui-only.js': { imports: [] },
    'out/session.js': { entryPoint: 'src/session.ts', imports: [{ path: 'out/shared.js', kind: 'import-statement' }] },
    'out/index.js.map': { imports: [] },
  };
  assert.deepEqual(splitAtDynamicImports(outputs, 'src/index.ts', 'src/ui/player-ui.ts'), {
    core: ['out/index.js', 'out/shared.js'],
    lazy: ['out/ui.js', 'out/ui-only.js'],
    other: ['out/session.js'],
  });
  assert.throws(() => splitAtDynamicImports(outputs, 'src/index.ts', 'src/other.ts'), /no output file has the entry point src\/other\.ts/);
});

test('the element builds from src/ into a core and a controls chunk, gzipped separately', async () => {
  const sizes = await elementOwnCodeGzip();
  assert.ok(sizes.coreGzip > 1_000, `core ${sizes.coreGzip} bytes`);
  assert.ok(sizes.controlsGzip > 1_000, `controls ${sizes.controlsGzip} bytes`);
  assert.equal(sizes.totalGzip, sizes.coreGzip + sizes.controlsGzip + sizes.otherLazyGzip);
});
