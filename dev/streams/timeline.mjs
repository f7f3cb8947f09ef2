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

/** Number of units complete at now: a unit exists only once its end is within the produced media. */
export function completeUnits(broadcast, now, unitMs) {
  const producedUntil = Math.min(now, broadcast.stopAt ?? Infinity) - broadcast.startAt;
  return producedUntil <= 0 ? 0 : Math.floor(producedUntil / unitMs);
}

/**
 * The segment/part layout of a broadcast at now.
 * Segment n (its media sequence number) holds units [n x unitsPerSegment, ...). After the stop the
 * last segment may be short (it holds whatever units were produced).
 * @param {Broadcast} broadcast
 * @param {number} now
 * @param {{ unitMs: number, unitsPerSegment: number }} shape
 */
export function layout(broadcast, now, { unitMs, unitsPerSegment }) {
  const units = completeUnits(broadcast, now, unitMs);
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

/** Wall time (ms) at which unit index becomes complete. */
export function unitReadyAt(broadcast, unitIndex, unitMs) {
  return broadcast.startAt + (unitIndex + 1) * unitMs;
}
