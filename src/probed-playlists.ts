import { partTargetPattern } from './hls-config.js';
import type { ProbedPlaylist } from './stream-probe.js';

function secondsOf(pattern: RegExp, text: string): number | null {
  const match = pattern.exec(text);
  const seconds = match ? Number(match[1]) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/**
 * How long a downloaded playlist may stand in for a fresh download, in milliseconds. A master
 * playlist (or an ended one) does not change. A live media playlist gains a part (LL-HLS) or a
 * segment each PART-TARGET or TARGETDURATION: one older than that may miss the newest media, and
 * would start playback further behind the live edge than a fresh one.
 */
export function reuseWindowMs(text: string): number {
  if (text.includes('#EXT-X-STREAM-INF') || text.includes('#EXT-X-ENDLIST')) return Number.POSITIVE_INFINITY;
  const seconds = secondsOf(partTargetPattern, text) ?? secondsOf(/#EXT-X-TARGETDURATION:([\d.]+)/, text);
  return seconds === null ? 0 : seconds * 1000;
}

/**
 * Whether the probed stream is fragmented MP4 (its media playlist names an init section with
 * EXT-X-MAP), which hls.js only passes through, rather than MPEG-TS, which it must transmux.
 */
export function isFragmentedMp4(playlists: readonly ProbedPlaylist[]): boolean {
  return playlists.some((playlist) => playlist.text.includes('#EXT-X-MAP:'));
}

/**
 * The playlists the stream probe downloaded, each handed out once, for the first request of its
 * exact URL, and only while it is fresh (see reuseWindowMs); everything else goes to the network.
 */
export class ProbedPlaylists {
  readonly #entries = new Map<string, ProbedPlaylist>();
  readonly #key: (url: string) => string;
  readonly #now: () => number;

  /** `key` turns a URL into the form requests are compared in (e.g. with the viewer's auth parameters). */
  constructor(playlists: readonly ProbedPlaylist[], key: (url: string) => string = (url) => url, now: () => number = () => performance.now()) {
    this.#key = key;
    this.#now = now;
    for (const playlist of playlists) this.#entries.set(key(playlist.url), playlist);
  }

  take(url: string): ProbedPlaylist | null {
    const key = this.#key(url);
    const playlist = this.#entries.get(key);
    if (!playlist) return null;
    this.#entries.delete(key);
    return this.#now() - playlist.end < reuseWindowMs(playlist.text) ? playlist : null;
  }
}
