// Loads the committed fixtures once and hands out "units" of an endless, continuously timestamped
// stream: unit n is fixture chunk/fragment (n mod units-per-loop), shifted by whole loops.
// TS units are the 1 s chunks; fMP4 units are the 200 ms fragments, or single frames (fmp4-frames/)
// grouped into parts of any whole number of frames (groupedUnits).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shiftTimestamps, findAvcProfile } from './mpegts.mjs';
import { readFragment, readInitTracks, rewriteFragment } from './fmp4.mjs';

export const fixturesDirectory = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const loopSeconds = 8;
const tsClock = 90000;
const cacheLimit = 256;

/**
 * @typedef {object} MediaSet
 * @property {string} name
 * @property {'ts'|'fmp4'} container
 * @property {number} unitMs          duration of one unit (chunk/fragment)
 * @property {number} unitsPerLoop
 * @property {number} width
 * @property {number} height
 * @property {string} codecs          CODECS attribute value
 * @property {number} bandwidth       peak bits/s over a 2 s segment, for BANDWIDTH
 * @property {Buffer|null} init       fMP4 init segment
 * @property {(unitIndex: number) => Buffer} unit
 * @property {(unitIndex: number) => boolean} startsWithKeyframe  whether the unit decodes on its own (INDEPENDENT=YES)
 */

function numberedFiles(directory, extension) {
  return readdirSync(directory)
    .filter((name) => name.endsWith(extension) && /^\d+\./.test(name))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((name) => readFileSync(join(directory, name)));
}

function codecString(avcProfile) {
  return `avc1.${avcProfile.toString('hex')},mp4a.40.2`;
}

function peakBandwidth(units, unitsPerTwoSeconds) {
  let peak = 0;
  for (let index = 0; index < units.length; index += unitsPerTwoSeconds) {
    const bytes = units.slice(index, index + unitsPerTwoSeconds).reduce((sum, unit) => sum + unit.length, 0);
    peak = Math.max(peak, (bytes * 8) / 2);
  }
  return Math.ceil((peak * 1.1) / 1000) * 1000;
}

// Small LRU: the same units are requested by every player and every playlist flavour.
function createCache() {
  const entries = new Map();
  return (key, make) => {
    let value = entries.get(key);
    if (value) {
      entries.delete(key);
    } else {
      value = make();
      if (entries.size >= cacheLimit) entries.delete(entries.keys().next().value);
    }
    entries.set(key, value);
    return value;
  };
}

function loadTsSet(name, directory, width, height, cached) {
  const chunks = numberedFiles(directory, '.ts');
  const loopTicks = loopSeconds * tsClock;
  const avcProfile = findAvcProfile(chunks[0]);
  return {
    name, container: 'ts', unitMs: (loopSeconds * 1000) / chunks.length, unitsPerLoop: chunks.length,
    // An audio-only set (a second audio rendition) has no H.264.
    width, height, codecs: avcProfile ? codecString(avcProfile) : 'mp4a.40.2', bandwidth: peakBandwidth(chunks, 2), init: null,
    // Each chunk was cut at a keyframe (make-fixtures.sh).
    startsWithKeyframe: () => true,
    unit(unitIndex) {
      const loop = Math.floor(unitIndex / chunks.length);
      return cached(`${name}:${unitIndex}`, () => shiftTimestamps(chunks[unitIndex % chunks.length], loop * loopTicks));
    },
  };
}

function loadFmp4Set(name, directory, width, height, cached) {
  const init = readFileSync(join(directory, 'init.mp4'));
  const fragments = numberedFiles(directory, '.m4s');
  const tracks = readInitTracks(init);
  const video = tracks.find((track) => track.handler === 'vide');
  const keyframes = fragments.map((fragment) => readFragment(fragment).tracks.get(video.trackId).firstSampleIsSync);
  return {
    name, container: 'fmp4', unitMs: (loopSeconds * 1000) / fragments.length, unitsPerLoop: fragments.length,
    width, height, codecs: codecString(video.avcProfile), bandwidth: peakBandwidth(fragments, fragments.length / loopSeconds * 2), init,
    startsWithKeyframe: (unitIndex) => keyframes[unitIndex % fragments.length],
    unit(unitIndex) {
      const loop = BigInt(Math.floor(unitIndex / fragments.length));
      const decodeTimeOffsets = new Map(tracks.map((track) => [track.trackId, loop * BigInt(track.timescale * loopSeconds)]));
      return cached(`${name}:${unitIndex}`, () =>
        rewriteFragment(fragments[unitIndex % fragments.length], { decodeTimeOffsets, sequenceNumber: unitIndex + 1 }));
    },
  };
}

/** @type {WeakMap<MediaSet, Map<number, MediaSet>>} */
const groupedSets = new WeakMap();

/**
 * The set's units taken `count` at a time: unit n is units n x count ... n x count + count - 1 one
 * after another (an fMP4 part of several moof + mdat pairs, as a packager may write). One grouped
 * set per set and count, so its units are made once.
 * @param {MediaSet} set @param {number} count
 * @returns {MediaSet}
 */
export function groupedUnits(set, count) {
  if (!Number.isInteger(count) || count < 1 || set.unitsPerLoop % count !== 0) throw new Error(`${set.name}: cannot group its ${set.unitsPerLoop} units by ${count}`);
  if (count === 1) return set;
  const bySize = groupedSets.get(set) ?? new Map();
  groupedSets.set(set, bySize);
  if (!bySize.has(count)) {
    bySize.set(count, {
      ...set,
      name: `${set.name}x${count}`,
      // Rounded to a nanosecond: 6 frames are 200 ms, not 200.00000000000003.
      unitMs: Math.round(set.unitMs * count * 1e6) / 1e6,
      unitsPerLoop: set.unitsPerLoop / count,
      unit: (unitIndex) => Buffer.concat(Array.from({ length: count }, (_, offset) => set.unit(unitIndex * count + offset))),
      startsWithKeyframe: (unitIndex) => set.startsWithKeyframe(unitIndex * count),
    });
  }
  return bySize.get(count);
}

let loaded = null;

/** @returns {{ main: MediaSet, high: MediaSet, audioDe: MediaSet, cmaf: MediaSet, frames: MediaSet }} */
export function loadFixtureMedia(directory = fixturesDirectory) {
  if (loaded && loaded.directory === directory) return loaded.sets;
  const cached = createCache();
  const sets = {
    main: loadTsSet('main', join(directory, 'ts-main'), 320, 180, cached),
    high: loadTsSet('high', join(directory, 'ts-high'), 640, 360, cached),
    audioDe: loadTsSet('audio-de', join(directory, 'audio-de'), 0, 0, cached),
    cmaf: loadFmp4Set('cmaf', join(directory, 'fmp4'), 320, 180, cached),
    // One video frame (33.3 ms) per unit: parts of 333 and 500 ms, which 200 ms fragments cannot make.
    frames: loadFmp4Set('frames', join(directory, 'fmp4-frames'), 320, 180, cached),
  };
  loaded = { directory, sets };
  return sets;
}

