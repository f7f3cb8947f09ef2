import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleImports } from '../bundles.mjs';

test('moduleImports tells static chunk imports from lazy import() calls, minified or not', () => {
  const source = 'import{a as b}from"./chunk-1.js";import "./side.js";\nexport { c } from \'./chunk-2.js\';\nconst load=()=>import("./hls-abc.js");import("lit");';
  assert.deepEqual(moduleImports(source), { static: ['./chunk-1.js', './side.js', './chunk-2.js'], dynamic: ['./hls-abc.js'] });
});
