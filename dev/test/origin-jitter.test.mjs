// Publish jitter: each segment (HLS) or part (LL-HLS) appears a fixed pseudo-random delay after it
// is complete, the same for every request, never before the one ahead of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { itemPublishedAt, completeUnits } from '../streams/timeline.mjs';
import { startTime, withOrigin } from '../test-support/origin-harness.mjs';

const broadcast = { startAt: startTime, stopAt: null, goneAfterMs: 30_000 };

function delays(shape, count) {
  const itemMs = shape.unitMs * shape.publish.unitsPerItem;
  return Array.from({ length: count }, (_, index) => itemPublishedAt(broadcast, index, shape) - (startTime + (index + 1) * itemMs));
}

test('each item is published within [0, jitter) of being complete, in order, the same every time', () => {
  for (const shape of [
    { unitMs: 1000, unitsPerSegment: 2, publish: { jitterMs: 300, key: 'hls1', unitsPerItem: 2 } },
    // Jitter longer than a part: an early part waits for a late one ahead of it.
    { unitMs: 200, unitsPerSegment: 10, publish: { jitterMs: 500, key: 'apple1', unitsPerItem: 1 } },
  ]) {
    const itemMs = shape.unitMs * shape.publish.unitsPerItem;
    const published = delays(shape, 300);
    assert.ok(published.every((delay) => delay >= 0 && delay < shape.publish.jitterMs), `delays in [0, ${shape.publish.jitterMs})`);
    assert.ok(Math.max(...published) > shape.publish.jitterMs * 0.8, 'the whole range is used');
    assert.ok(published.filter((delay) => delay < shape.publish.jitterMs * 0.2).length > 10, 'the low end too');
    for (let index = 1; index < published.length; index++) {
      assert.ok(published[index] + itemMs >= published[index - 1], `item ${index} not before item ${index - 1}`);
    }
    assert.deepEqual(delays(shape, 300), published);
  }
  const other = { unitMs: 1000, unitsPerSegment: 2, publish: { jitterMs: 300, key: 'hls2', unitsPerItem: 2 } };
  assert.notDeepEqual(delays(other, 20), delays({ ...other, publish: { ...other.publish, key: 'hls1' } }, 20), 'each stream its own timeline');
});

test('completeUnits counts only published items while live, and everything produced once stopped', () => {
  const shape = { unitMs: 1000, unitsPerSegment: 2, publish: { jitterMs: 300, key: 'count', unitsPerItem: 2 } };
  const index = delays(shape, 50).findIndex((delay) => delay > 50);
  const publishedAt = itemPublishedAt(broadcast, index, shape);
  const readyAt = startTime + (index + 1) * 2000;
  assert.equal(completeUnits(broadcast, readyAt, shape), index * 2);
  assert.equal(completeUnits(broadcast, publishedAt - 1, shape), index * 2);
  assert.equal(completeUnits(broadcast, publishedAt, shape), (index + 1) * 2);
  assert.equal(completeUnits({ ...broadcast, stopAt: readyAt }, readyAt, shape), (index + 1) * 2);
  assert.equal(completeUnits(broadcast, readyAt, { ...shape, publish: undefined }), (index + 1) * 2, 'no jitter: complete is published');
});

test('HLS: a late segment is neither listed nor served until its publish time', async () => {
  const definition = { id: 'jit', publishJitterMs: 300 };
  await withOrigin({ streams: [definition] }, async ({ get, playlist, clock }) => {
    const shape = { unitMs: 1000, unitsPerSegment: 2, publish: { jitterMs: 300, key: 'jit', unitsPerItem: 2 } };
    const index = delays(shape, 50).findIndex((delay, position) => position > 2 && delay > 50);
    const segment = `jit${String(index).padStart(9, '0')}.ts`;
    clock.time = startTime + (index + 1) * 2000;
    assert.equal((await playlist('jit.m3u8')).segments.at(-1).mediaSequence, index - 1);
    assert.equal((await get(segment)).status, 404);
    clock.time = itemPublishedAt(broadcast, index, shape);
    const listed = await playlist('jit.m3u8');
    assert.equal(listed.segments.at(-1).uri, segment);
    assert.equal(listed.segments.at(-1).programDateTime, startTime + index * 2000, 'dated by capture, not by publishing');
    assert.equal((await get(segment)).status, 200);
  });
});

test('Apple LL-HLS blocking reload and the hinted part are held until the part is published', async () => {
  await withOrigin({ streams: [{ id: 'jbl', llHls: 'apple', publishJitterMs: 150 }] }, async ({ get, clock }) => {
    const shape = { unitMs: 200, unitsPerSegment: 10, publish: { jitterMs: 150, key: 'jbl', unitsPerItem: 1 } };
    const index = delays(shape, 60).findIndex((delay, position) => position > 20 && delay > 60);
    const [mediaSequence, part] = [Math.floor(index / 10), index % 10];
    const settledFlags = { playlist: false, part: false };
    clock.time = startTime + (index + 1) * 200; // complete, not yet published
    const held = get(`ll-hls/jbl/480/jbl__lowlatency.m3u8?_HLS_msn=${mediaSequence}&_HLS_part=${part}`).finally(() => { settledFlags.playlist = true; });
    const heldPart = get(`ll-hls/jbl/480/jbl${String(mediaSequence).padStart(9, '0')}.${part}.m4s`).finally(() => { settledFlags.part = true; });
    await sleep(150);
    assert.deepEqual(settledFlags, { playlist: false, part: false });
    clock.time = itemPublishedAt(broadcast, index, shape);
    const answer = await held;
    assert.equal(answer.status, 200);
    assert.ok(answer.text.includes(`jbl${String(mediaSequence).padStart(9, '0')}.${part}.m4s`));
    assert.equal((await heldPart).status, 200);
  });
});

test('publishJitterMs is validated and defaults to 0', async () => {
  await withOrigin({}, async ({ origin }) => {
    assert.equal(origin.control.putStream({ id: 'plain' }).definition.publishJitterMs, 0);
    assert.throws(() => origin.control.putStream({ id: 'bad', publishJitterMs: -1 }), /publishJitterMs must be a number >= 0/);
  });
});
