import { test } from 'node:test';
import assert from 'node:assert/strict';
import { briefError } from '../scenarios/context.mjs';

test('briefError keeps the details and the first line of the reason, not the playlists hls.js appends', () => {
  assert.equal(briefError({ details: 'levelParsingError', reason: 'media sequence mismatch 31: http://x/a.ts\nPlaylist starting @16\n#EXTM3U' }), 'levelParsingError: media sequence mismatch 31: http://x/a.ts');
  assert.equal(briefError({ details: 'manifestLoadError', reason: null }), 'manifestLoadError');
  assert.equal(briefError({ details: 'x', reason: 'y'.repeat(500) }).length, 'x: '.length + 160);
});
