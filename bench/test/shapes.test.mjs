// The matrix's stream shapes are ones the origin serves as described: every definition is accepted,
// and its playlist has the segment or part length and container the shape's name says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shapes } from '../shapes.mjs';
import { withOrigin } from '../../dev/test-support/origin-harness.mjs';
import { streamUrl } from '../streams.mjs';

test('shape names are unique and cover segments of 1 to 6 s, parts of 0.2 to 1 s, both containers, jitter and 8 s GOPs', () => {
  const names = shapes.map((shape) => shape.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of ['hls-ts-1s', 'hls-fmp4-6s', 'll-fmp4-0.2s', 'll-fmp4-0.33s-poll', 'll-fmp4-1s-j300', 'll-ts-1s-j150', 'hls-fmp4-1s-j300', 'encoder-2s-gop8.3s']) {
    assert.ok(names.includes(name), name);
  }
});

test('each emulated shape plays as named: segment or part length, container, blocking reload', async () => {
  const emulated = shapes.filter((shape) => !shape.encoder);
  const streams = emulated.map((shape, index) => ({ ...shape.definition, id: `shape${index}`, startIn: -30 }));
  await withOrigin({ streams }, async ({ origin, playlist }) => {
    for (const [index, shape] of emulated.entries()) {
      const id = `shape${index}`;
      const master = new URL(streamUrl(`${origin.url}/live/`, id, shape.playOrder));
      let media = await playlist(master.pathname.split('/streams/')[1]);
      if (media.variants.length > 0) media = await playlist(`ll-hls/${id}/${media.variants[0].uri}`);
      const seconds = Number(/-(\d+(?:\.\d+)?)s/.exec(shape.name)[1]);
      if (shape.newMedia === 'segments') {
        assert.equal(media.segments.at(-1).duration, seconds, `${shape.name}: segment length`);
      } else {
        assert.ok(Math.abs(media.partTarget - seconds) < 0.01, `${shape.name}: part target ${media.partTarget}`);
      }
      assert.equal(media.map !== null, !shape.mpegTs, `${shape.name}: fMP4 has an init section`);
      const blocking = media.serverControl?.['CAN-BLOCK-RELOAD'] === 'YES';
      assert.equal(blocking, shape.name.startsWith('ll-fmp4') && !shape.name.includes('-poll'), `${shape.name}: blocking reload`);
    }
  });
});

test("the matrix's bar: no more stalls than the best hls.js, none without jitter, latency no worse", async () => {
  const { matrixShortfalls } = await import('../scenarios/matrix.mjs');
  const row = (latencyMedianSeconds, stalls) => ({ played: true, latencyMedianSeconds, stalls });
  const jitterFree = shapes.find((shape) => shape.name === 'hls-fmp4-1s');
  const jittery = shapes.find((shape) => shape.name === 'hls-fmp4-1s-j300');
  assert.deepEqual(matrixShortfalls(jitterFree, { element: row(2.0, 0), hlsjs: row(3.0, 0), 'hlsjs-config': row(2.5, 1) }), []);
  assert.deepEqual(matrixShortfalls(jitterFree, { element: row(2.0, 1), hlsjs: row(3.0, 1), 'hlsjs-config': row(2.5, 1) }), ['stalls 1 on a jitter-free stream']);
  assert.deepEqual(matrixShortfalls(jittery, { element: row(2.0, 1), hlsjs: row(3.0, 1), 'hlsjs-config': row(2.5, 2) }), []);
  assert.deepEqual(matrixShortfalls(jittery, { element: row(2.6, 3), hlsjs: row(3.0, 1), 'hlsjs-config': row(2.5, 2) }), ['stalls 3 > 1', 'latency 2.60 s > 2.50 s']);
  assert.deepEqual(matrixShortfalls(jittery, { element: { played: false }, hlsjs: row(3.0, 1) }), ['the element never played']);
});
