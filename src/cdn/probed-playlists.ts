import { partTargetPattern } from '../live/media-playlist.js';
import type { ProbedPlaylist } from './stream-probe.js';

/**
 * How long a downloaded playlist may stand in for a fresh download, in milliseconds. A master
 * playlist does not change. A live media playlist gains a part (LL-HLS) or a segment each
 * PART-TARGET or TARGETDURATION: one older than that may miss the newest media, and would start
 * playback further behind the live edge than a fresh one. (An ended stream is not played: the
 * probe reports it ended.)
 */
export function reuseWindowMs(text: string): number {
  if (text.includes('#EXT-X-STREAM-INF')) return Infinity;
  // NaN for a malformed figure: never fresh, as no figure at all (0).
  return 1000 * Number((partTargetPattern.exec(text) ?? /#EXT-X-TARGETDURATION:([\d.]+)/.exec(text))?.[1] ?? 0);
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
 * The probe built its URLs with the viewer's auth parameters as the loader builds a request's
 * (withAuthParams, which leaves a URL it made as it is), so they compare as strings. Returns the
 * function that takes a playlist for a request's URL.
 */
export function probedPlaylists(playlists: readonly ProbedPlaylist[], now = (): number => performance.now()): (url: string) => ProbedPlaylist | undefined {
  const entries = new Map(playlists.map((playlist) => [playlist.url, playlist]));
  return (url) => {
    const playlist = entries.get(url);
    entries.delete(url);
    return playlist && now() - playlist.end < reuseWindowMs(playlist.text) ? playlist : undefined;
  };
}
