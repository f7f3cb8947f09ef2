// The edge cache: how long CloudFront keeps a response, the store itself, and request
// collapsing. Time comes from an injected clock so tests can walk a TTL without waiting.

/** @typedef {import('./shared-response.mjs').SharedResponse} SharedResponse */

/**
 * Statuses CloudFront treats as errors: they are cached only through the distribution's
 * custom error responses (Error Caching Minimum TTL), never by Cache-Control alone.
 */
export const errorStatuses = new Set([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]);

/** @param {string | string[] | undefined} value */
export function parseCacheControl(value) {
  /** @type {Map<string, string | true>} */
  const directives = new Map();
  const text = Array.isArray(value) ? value.join(',') : value ?? '';
  for (const part of text.split(',')) {
    const [name, argument] = part.split('=');
    const key = name.trim().toLowerCase();
    if (key) directives.set(key, argument === undefined ? true : argument.trim().replace(/^"|"$/g, ''));
  }
  return directives;
}

/**
 * Seconds the origin asks shared caches to keep a response, or undefined if it does not say.
 * @param {Record<string, string | string[] | undefined>} headers
 */
export function originTtlSeconds(headers) {
  const directives = parseCacheControl(headers['cache-control']);
  if (['no-store', 'no-cache', 'private'].some((name) => directives.has(name))) return 0;
  for (const name of ['s-maxage', 'max-age']) {
    const seconds = Number(directives.get(name));
    if (directives.has(name)) return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  }
  const expires = Date.parse(String(headers.expires ?? ''));
  if (Number.isFinite(expires)) {
    const date = Date.parse(String(headers.date ?? '')) || Date.now();
    return Math.max(0, Math.floor((expires - date) / 1000));
  }
  return undefined;
}

/**
 * How long the edge keeps a response, in milliseconds (0 = not cached).
 *
 * Errors: only statuses listed in `errorCachingMinTtl` are cached, for the larger of that
 * minimum and the origin's own max-age, as CloudFront does. Real CloudFront also caches
 * 4xx/5xx for 10 s when no custom error response is configured; this emulator caches only
 * what the map lists, and the project's recipe tells users to configure 5xx low.
 *
 * Other statuses: by Cache-Control/Expires. Without either, real CloudFront uses the cache
 * policy's default TTL (86400 s for CachingOptimized); the emulator defaults to 0 so a
 * rebuilt demo page shows up at once.
 *
 * minimumTtl: the cache policy's minimum TTL, which raises a lower origin max-age (a separate
 * behavior for playlists, say, so that many viewers' polls share one origin request).
 *
 * @param {{ status: number, headers: Record<string, any> }} response
 * @param {{ errorCachingMinTtl: Record<string, number>, defaultTtl?: number, minimumTtl?: number }} policy seconds
 */
export function cacheTtlMs(response, { errorCachingMinTtl, defaultTtl = 0, minimumTtl = 0 }) {
  const originSeconds = originTtlSeconds(response.headers);
  if (response.status >= 400) {
    const minimum = errorCachingMinTtl[String(response.status)];
    if (minimum === undefined || !errorStatuses.has(response.status)) return 0;
    return Math.max(Number(minimum), originSeconds ?? 0) * 1000;
  }
  return Math.max(originSeconds ?? defaultTtl, minimumTtl) * 1000;
}

/**
 * @typedef {{ response: SharedResponse, storedAt: number, expiresAt: number }} CacheEntry
 * @typedef {{ response: SharedResponse, source: 'hit' | 'miss' | 'collapsed', receivedAt: number }} CacheResult
 */

/** Above this many entries, expired ones are swept out when something new is stored. */
const sweepThreshold = 500;

/** @param {{ now?: () => number }} [options] */
export function createCache({ now = () => Date.now() } = {}) {
  /** @type {Map<string, CacheEntry>} */
  const entries = new Map();
  /** Origin requests under way, so concurrent misses for one key share a single one. */
  /** @type {Map<string, Promise<{ response: SharedResponse, receivedAt: number }>>} */
  const inFlight = new Map();
  /** Bumped by clear(), so a response still arriving from before it is not stored after it. */
  let generation = 0;

  /** @param {string} key */
  function lookup(key) {
    const entry = entries.get(key);
    if (entry && now() < entry.expiresAt) return entry;
    if (entry) entries.delete(key);
    return undefined;
  }

  function sweep() {
    const time = now();
    for (const [key, entry] of entries) if (time >= entry.expiresAt) entries.delete(key);
  }

  /**
   * Serve `key` from cache, or join the origin request already under way for it, or start one.
   * @param {string} key
   * @param {() => Promise<SharedResponse>} load asks the origin; resolves when headers arrive
   * @param {(response: SharedResponse) => number} ttlFor milliseconds to keep the response
   * @returns {Promise<CacheResult>}
   */
  async function fetch(key, load, ttlFor) {
    const entry = lookup(key);
    if (entry) return { response: entry.response, source: 'hit', receivedAt: entry.storedAt };
    const pending = inFlight.get(key);
    if (pending) return { ...(await pending), source: 'collapsed' };

    const startedInGeneration = generation;
    const started = load().then((response) => ({ response, receivedAt: now() }));
    inFlight.set(key, started);
    // Viewers keep joining until the body is complete; only then does the cache take over.
    started.then(async ({ response, receivedAt }) => {
      const completed = await response.done;
      if (inFlight.get(key) === started) inFlight.delete(key);
      const ttl = ttlFor(response);
      if (!completed || ttl <= 0 || generation !== startedInGeneration) return;
      entries.set(key, { response, storedAt: receivedAt, expiresAt: receivedAt + ttl });
      if (entries.size > sweepThreshold) sweep();
    }, () => { if (inFlight.get(key) === started) inFlight.delete(key); });
    return { ...(await started), source: 'miss' };
  }

  return {
    fetch,
    lookup,
    /** Forget every cached response (an invalidation of `/*`); origin requests under way go on. */
    clear() {
      entries.clear();
      inFlight.clear();
      generation += 1;
    },
    get size() { return entries.size; },
  };
}
