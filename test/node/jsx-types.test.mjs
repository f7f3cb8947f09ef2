// The package's typings as apps see them, through package.json's exports (the files are inside this
// package, so 'ams-cdn-player' resolves to itself): React 19 and Preact JSX, and the main types in a
// program with no framework types at all. Needs a build first (dist/lib/*.d.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const fixture = (name) => fileURLToPath(new URL(`typings/${name}`, import.meta.url));

const common = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noEmit: true,
  // Our own .d.ts files are under test here, so they are checked too (no skipLibCheck).
  skipLibCheck: false,
};

function errors(files, options) {
  const program = ts.createProgram(files, { ...common, ...options });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.split('/').slice(-2).join('/')}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1} ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

test("React 19: <ams-cdn-player> takes the element's attributes, properties and events, and rejects mistakes", () => {
  assert.deepEqual(errors([fixture('react-app.tsx')], { jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'react', types: ['react'] }), []);
});

test('React 19: without the package typing the tag is unknown, so the typing is what declares it', () => {
  assert.deepEqual(errors([fixture('react-without-typing.tsx')], { jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'react', types: ['react'] }), []);
});

test("Preact: <ams-cdn-player> takes the element's attributes, properties and events, and rejects mistakes", () => {
  assert.deepEqual(errors([fixture('preact-app.tsx')], { jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'preact', types: [] }), []);
});

test('the main types need neither React nor Preact: createElement and querySelector know the tag', () => {
  assert.deepEqual(errors([fixture('plain.ts')], { types: [] }), []);
});
