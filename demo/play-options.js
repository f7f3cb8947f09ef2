// AMS play.html's query parameters, read the way AMS's web player reads them, and turned into
// <ams-cdn-player> attributes. Pure apart from configurePlayer(), so tests can check every rule.

/** AMS play.html parameter -> element attribute, copied as given when not empty. */
const passThrough = [
  ['token', 'token'],
  ['subscriberId', 'subscriber-id'],
  ['subscriberCode', 'subscriber-code'],
  ['backupStreamId', 'backup-stream-id'],
  ['backupToken', 'backup-token'],
  ['playType', 'play-type'],
  ['start', 'start'],
  ['end', 'end'],
];

/** What this player plays: live HLS and LL-HLS, and the recording (`vod`). */
const playableOrders = new Set(['hls', 'll-hls', 'vod']);

/**
 * Technologies AMS's play.html knows but a CloudFront HLS player cannot play. They are skipped so
 * that AMS links such as `playOrder=webrtc,hls` still play their HLS part.
 */
const otherAmsOrders = new Set(['webrtc', 'dash']);

const example = 'play.html?id=stream1&playOrder=ll-hls,hls';

/** A query parameter the page cannot play with: shown to the viewer instead of a player. */
function parameterError(parameter, problem) {
  return { ok: false, parameter, message: `${parameter}: ${problem}` };
}

/** The query value trimmed, or null when absent or empty (AMS treats an empty value as absent). */
function read(query, name) {
  const value = query.get(name);
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** `playOrder` without the entries only AMS's own player can play; null keeps the element's default. */
function readPlayOrder(value) {
  if (value === null) return { ok: true, playOrder: null };
  const entries = value.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  const unknown = entries.find((entry) => !playableOrders.has(entry) && !otherAmsOrders.has(entry));
  if (unknown !== undefined) {
    return parameterError('playOrder', `"${unknown}" is not a play order; use hls, ll-hls, vod or several, e.g. ${example}`);
  }
  const playable = entries.filter((entry) => playableOrders.has(entry));
  if (playable.length === 0) {
    return parameterError('playOrder', `"${value}" has nothing this page plays; it plays hls, ll-hls and vod (the recording), e.g. ${example}`);
  }
  return { ok: true, playOrder: playable.join(',') };
}

/** `targetLatency` in seconds: a positive number, or null for the element's default. */
function readTargetLatency(value) {
  if (value === null) return { ok: true, targetLatency: null };
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return parameterError('targetLatency', `"${value}" is not a number of seconds above 0, e.g. targetLatency=3`);
  }
  return { ok: true, targetLatency: String(seconds) };
}

/**
 * The AMS application the page lives in: AMS's player plays `{page directory}/streams/...`.
 * Through CloudFront (origin path = the app) the page is `/play.html` and this is empty; opened on
 * the AMS server itself (`/live/play.html`) it is `live`.
 */
function appFromPath(pathname) {
  const directory = pathname.slice(0, pathname.lastIndexOf('/') + 1);
  const segments = directory.split('/').filter((segment) => segment !== '');
  try {
    return segments.map((segment) => decodeURIComponent(segment)).join('/');
  } catch {
    return segments.join('/');
  }
}

/**
 * Reads AMS play.html's query parameters (`location.search`) for the page at `pathname`.
 *
 * - `id` (or `name`, AMS's older spelling): the stream id; required.
 * - `playOrder`: `hls`, `ll-hls`, `vod` (the recording); AMS-only entries (`webrtc`, `dash`) are skipped.
 * - `playType`: the recording's file types for `vod` (`mp4,webm`).
 * - `token`, `subscriberId`, `subscriberCode`: sent on every request.
 * - `backupStreamId`: played while the stream `id` is not live (`backup-stream-id`).
 * - `start`, `end`: passed on the playlist URL (AMS serves that interval of a recorded stream).
 * - `withCredentials`: `true` sends cookies on every request (`crossorigin="use-credentials"`),
 *   `false` none; absent, the page's own origin gets them as always.
 * - `autoplay`: on unless `false`.
 * - `mute`: `true` starts muted; `false` plays with sound only (if the browser refuses sound, the
 *   viewer presses play); absent tries sound and falls back to muted, as AMS's web player does.
 * - `targetLatency`: seconds behind the live edge.
 *
 * @param {string} search the query string, with or without "?"
 * @param {string} [pathname] the page's path, for the AMS application it lives in
 * @returns {PlayOptions | PlayOptionsError} (types in play-options.d.ts)
 */
export function readPlayOptions(search, pathname = '/') {
  const query = new URLSearchParams(search);
  const streamId = read(query, 'id') ?? read(query, 'name');
  if (streamId === null) {
    return parameterError('id', `the stream id is missing; add it to the address, e.g. ${example}`);
  }
  const order = readPlayOrder(read(query, 'playOrder'));
  if (!order.ok) return order;
  const latency = readTargetLatency(read(query, 'targetLatency'));
  if (!latency.ok) return latency;

  /** @type {Record<string, string>} */
  const attributes = { 'stream-id': streamId };
  const app = appFromPath(pathname);
  if (app !== '') attributes.app = app;
  if (order.playOrder !== null) attributes['play-order'] = order.playOrder;
  for (const [parameter, attribute] of passThrough) {
    const value = read(query, parameter);
    if (value !== null) attributes[attribute] = value;
  }
  if (latency.targetLatency !== null) attributes['target-latency'] = latency.targetLatency;
  // AMS's player sends cookies unless withCredentials=false; a page served by the CDN itself sends
  // them anyway (same origin), so only an explicit value is passed on.
  const withCredentials = read(query, 'withCredentials')?.toLowerCase();
  if (withCredentials === 'true') attributes.crossorigin = 'use-credentials';
  if (withCredentials === 'false') attributes.crossorigin = 'anonymous';
  attributes.controls = '';
  attributes.playsinline = '';

  const autoplay = read(query, 'autoplay')?.toLowerCase() !== 'false';
  const mute = read(query, 'mute')?.toLowerCase();
  if (mute === 'true') attributes.muted = '';
  // The element's autoplay falls back to muted; mute=false asks for sound or nothing.
  const soundOnly = autoplay && mute === 'false';
  if (autoplay && !soundOnly) attributes.autoplay = '';
  return { ok: true, attributes, autoplay, soundOnly };
}

/**
 * Applies the options to a player before it is added to the page. With `soundOnly`, each stream
 * the player picks (first load, reconnect, restart) starts with sound; if the browser refuses
 * sound, the player stays paused until the viewer presses play.
 *
 * @param {HTMLElement & { play(): Promise<void> }} player
 * @param {PlayOptions} options
 */
export function configurePlayer(player, options) {
  for (const [name, value] of Object.entries(options.attributes)) player.setAttribute(name, value);
  if (options.soundOnly) {
    // Where the element's own autoplay would start (and fall back to muted), start with sound only.
    player.addEventListener('source-change', () => void player.play().catch(() => {}));
  }
}
