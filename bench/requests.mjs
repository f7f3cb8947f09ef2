// Pure reading of the edge and origin request logs.

/** The URL a cache keys on: path and query string. */
export const requestKey = (entry) => (entry.query ? `${entry.path}?${entry.query}` : entry.path);

/**
 * The most requests any single URL got within any window of windowMs (a window is [t, t + windowMs)),
 * and which URL that was.
 * @param {Array<{ time: number, path: string, query?: string }>} entries
 */
export function maxRequestsPerUrlPerWindow(entries, windowMs) {
  const timesByUrl = new Map();
  for (const entry of entries) {
    const key = requestKey(entry);
    if (!timesByUrl.has(key)) timesByUrl.set(key, []);
    timesByUrl.get(key).push(entry.time);
  }
  let best = { max: 0, url: null };
  for (const [url, times] of timesByUrl) {
    times.sort((a, b) => a - b);
    let first = 0;
    for (let last = 0; last < times.length; last++) {
      while (times[last] - times[first] >= windowMs) first += 1;
      if (last - first + 1 > best.max) best = { max: last - first + 1, url };
    }
  }
  return best;
}

/** Log entries about one stream (its id appears in the path) within [from, to). */
export function entriesFor(log, streamId, from = -Infinity, to = Infinity) {
  return log.filter((entry) => entry.path.includes(streamId) && entry.time >= from && entry.time < to);
}

/** The media playlist requests among entries: every .m3u8 but the masters (LL-HLS, adaptive). */
export function mediaPlaylistRequests(entries) {
  return entries.filter((entry) => entry.path.endsWith('.m3u8') && !/(__master|_adaptive)\.m3u8$/.test(entry.path));
}
