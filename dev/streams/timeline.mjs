// Live-timeline math: which units (chunks/fragments), segments and parts of a broadcast exist at a
// given wall-clock time. Pure functions of (broadcast, now) so tests can drive them with a fake clock.

/**
 * One run of a stream between a publish and an unpublish, like an AMS broadcast.
 * @typedef {object} Broadcast
 * @property {number} startAt        wall time (ms) the first frame is captured (T0)
 * @property {number|null} stopAt    wall time (ms) publishing stops, null = endless
 * @property {number} goneAfterMs    how long after stopAt the playlists keep being served
 */

/** 'scheduled' before T0, 'live', 'ended' (ENDLIST served) and 'gone' (all 404). */
export function broadcastPhase(broadcast, now) {
  if (now < broadcast.startAt) return 'scheduled';
  if (broadcast.stopAt === null || now < broadcast.stopAt) return 'live';
  if (now < broadcast.stopAt + broadcast.goneAfterMs) return 'ended';
  return 'gone';
}

/**
 * How a playlist publishes its units: items of unitsPerItem units (a segment for HLS, a part for
 * LL-HLS), each published up to jitterMs after it is complete, as a real encoder and muxer do.
 * @typedef {{ jitterMs: number, key: string, unitsPerItem: number }} Publishing
 * @typedef {{ unitMs: number, unitsPerSegment: number, publish?: Publishing }} Shape
 */

/** A deterministic fraction in [0, 1) of a text (FNV-1a), so every request sees the same timeline. */
export function hashFraction(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

/**
 * Wall time (ms) item itemIndex is published: when its last unit is complete plus its own jitter,
 * and never before the item ahead of it. Items more than jitterMs older cannot hold it back, so
 * only those are looked at.
 * @param {Broadcast} broadcast @param {number} itemIndex @param {Shape} shape
 */
export function itemPublishedAt(broadcast, itemIndex, { unitMs, publish }) {
  const itemMs = unitMs * publish.unitsPerItem;
  const lookBack = Math.ceil(publish.jitterMs / itemMs);
  let publishedAt = -Infinity;
  for (let index = Math.max(0, itemIndex - lookBack); index <= itemIndex; index++) {
    const jitter = publish.jitterMs * hashFraction(`${publish.key}:${index}`);
    publishedAt = Math.max(publishedAt, broadcast.startAt + (index + 1) * itemMs + jitter);
  }
  return publishedAt;
}

/**
 * Number of units published at now: a unit exists only once its end is within the produced media
 * and its item's jitter has passed. After the stop everything produced is there (the muxer flushes).
 * @param {Broadcast} broadcast @param {number} now @param {Shape} shape
 */
export function completeUnits(broadcast, now, shape) {
  const producedUntil = Math.min(now, broadcast.stopAt ?? Infinity) - broadcast.startAt;
  const units = producedUntil <= 0 ? 0 : Math.floor(producedUntil / shape.unitMs);
  const ended = broadcast.stopAt !== null && now >= broadcast.stopAt;
  if (!shape.publish?.jitterMs || ended) return units;
  let items = Math.floor(units / shape.publish.unitsPerItem);
  while (items > 0 && itemPublishedAt(broadcast, items - 1, shape) > now) items -= 1;
  return items * shape.publish.unitsPerItem;
}

/**
 * The segment/part layout of a broadcast at now.
 * Segment n (its media sequence number) holds units [n x unitsPerSegment, ...). After the stop the
 * last segment may be short (it holds whatever units were produced).
 * @param {Broadcast} broadcast
 * @param {number} now
 * @param {Shape} shape
 */
export function layout(broadcast, now, shape) {
  const { unitsPerSegment } = shape;
  const units = completeUnits(broadcast, now, shape);
  const ended = broadcast.stopAt !== null && now >= broadcast.stopAt;
  let segmentCount = Math.floor(units / unitsPerSegment);
  if (ended && units % unitsPerSegment > 0) segmentCount += 1;
  // The segment being produced and how many of its parts are complete (none once ended).
  const inProgress = ended ? null : { mediaSequence: segmentCount, completeParts: units % unitsPerSegment };
  return { units, ended, segmentCount, inProgress };
}

/** Units of segment mediaSequence, given the total complete units (last segment may be short). */
export function segmentUnits(mediaSequence, units, unitsPerSegment) {
  const first = mediaSequence * unitsPerSegment;
  const count = Math.max(0, Math.min(unitsPerSegment, units - first));
  return { first, count };
}
