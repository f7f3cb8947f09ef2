import type { HlsConfig } from 'hls.js';
import type { PlayOrderEntry } from './stream-url.js';

/** PART-TARGET of the #EXT-X-PART-INF tag (the attribute's only place), in seconds (group 1). */
export const partTargetPattern = /PART-TARGET=([\d.]+)/;

export interface LatencyTuning {
  playOrder: PlayOrderEntry;
  /** Seconds behind the live edge; null means "what the playlist asks for". */
  targetLatency: number | null;
}

/**
 * hls.js settings for low latency on AMS streams. `ll-hls` starts at the playlist's PART-HOLD-BACK
 * (see rewrittenPlaylist for AMS playlists that carry none); `hls` syncs 3 s behind the edge (AMS
 * play.html's default targetLatency): on AMS's 2 s segments that keeps at least one segment
 * buffered while the next one is being written.
 */
export function lowLatencyConfig({ playOrder, targetLatency }: LatencyTuning): Partial<HlsConfig> {
  const lowLatency = playOrder === 'll-hls';
  const target = targetLatency ?? (lowLatency ? null : 3);
  return {
    lowLatencyMode: lowLatency,
    // Seconds kept behind the playhead: enough to seek back a little, small enough for flat memory over hours.
    backBufferLength: 20,
    liveDurationInfinity: true,
    // Catch-up speed: quick for LL-HLS where a second matters, gentler for HLS to spare the ears.
    maxLiveSyncPlaybackRate: lowLatency ? 1.5 : 1.25,
    // A 404 on a just-announced part or a slow CDN should not throw the player off the live edge.
    liveSyncOnStallIncrease: lowLatency ? 0.5 : 1,
    // hls.js jumps back to live past liveMaxLatencyDuration; AMS play.html uses twice the target.
    ...(target !== null && { liveSyncDuration: target, liveMaxLatencyDuration: Math.max(target * 2, target + 2) }),
  };
}

/**
 * The playlist loader's rewrites of a media playlist, each a workaround for hls.js 1.7.4 on AMS
 * playlists; master playlists, playlists that need none, and anything that is not a playlist
 * come back unchanged. EXTINF durations are never touched.
 *
 * 1. PART-HOLD-BACK: AMS's LL-HLS plugin writes no EXT-X-SERVER-CONTROL, so hls.js finds no
 *    PART-HOLD-BACK and would start three whole segments behind. hls.js picks its start position
 *    while it parses, so the hold-back must be in the playlist text itself: 2 part targets, the HLS
 *    spec's floor. Without blocking reload the player sees each new part up to one reload (one
 *    part) late, which adds up to a part on top: 2 to 3 parts in all, the spec's advice of 3 at worst.
 * 2. The first segment's parts: once a young stream's first segment is complete its part lines go,
 *    so hls.js loads it whole. hls.js does not count the non-independent parts of the playlist's
 *    first segment as buffered and loops on them until they scroll out of the part window: a
 *    frozen picture for about 5 s right after a broadcast starts or restarts. Servers may drop the
 *    parts of older segments anyway, and the whole segment has the same media. While the first
 *    segment is still being written its parts are all there is to play, so they stay.
 * 3. The next-segment marker: a low-latency playlist that ends on a complete segment (an AMS one
 *    does for about one part after each segment completes; AMS writes no EXT-X-PRELOAD-HINT) gets a
 *    comment line after it. hls.js opens its record of the in-progress segment only on a line after
 *    the last segment URI; with none, it takes the complete last segment for it, and the next update
 *    that lists a newer segment fails with "media sequence mismatch" (a levelParsingError, fatal
 *    with one rendition). A bare comment line ('#') is enough and means nothing to any other HLS reader.
 * 4. Reload pace: without CAN-BLOCK-RELOAD, hls.js reloads a live playlist once per TARGETDURATION,
 *    in step with the segments it first saw, so TARGETDURATION (whole seconds) is lowered, never
 *    raised. Low-latency playlists: to the part target. AMS LL-HLS segments are about 4 s, so a new
 *    part could reach the player 4 s late, and a player 2.5 s behind the edge ran dry before each
 *    reload (stalls, then hls.js backed off to about 5 s). HLS: to half of it, as hls.js learns of
 *    each new segment up to one target duration late, the same lag on every reload: a viewer landed
 *    anywhere from 3 to 5 s behind on 2 s segments; reloading twice per segment keeps that lag
 *    under one second. hls.js otherwise reads TARGETDURATION for tolerances (start gap jumps, the
 *    playlist time-out, how far stalls may raise the target latency) and for start distances that
 *    the PART-HOLD-BACK above replaces.
 */
export function rewrittenPlaylist(playlist: string): string {
  if (!playlist.startsWith('#EXTM3U')) return playlist;
  const partTarget = Number(partTargetPattern.exec(playlist)?.[1]);
  if (partTarget && !playlist.includes('PART-HOLD-BACK=')) {
    // Doubling is exact in binary: 1.002 gives 2.004, never a long tail of digits.
    const holdBack = `PART-HOLD-BACK=${partTarget * 2}`;
    playlist = playlist.includes('#EXT-X-SERVER-CONTROL:')
      ? playlist.replace(/^#EXT-X-SERVER-CONTROL:.*/m, `$&,${holdBack}`)
      : playlist.replace(/^#EXT-X-PART-INF:.*/m, `$&\n#EXT-X-SERVER-CONTROL:${holdBack}`);
  }
  // The part lines of the first segment: those before the first #EXTINF, when there is one.
  playlist = playlist.replace(/^[^]*?\n#EXTINF:/, (head) => head.replace(/^#EXT-X-PART:[^\n]*\n/gm, ''));
  // Parts left, and the last line that is not blank is a URI (not the EXT-X-ENDLIST of an ended
  // playlist): the next-segment marker.
  if (playlist.includes('#EXT-X-PART:') && /\n\s*[^#\s][^\n]*\s*$/.test(playlist)) playlist = `${playlist.trimEnd()}\n#\n`;
  // Ended playlists are not reloaded; blocking reload needs no pacing.
  if (/#EXT-X-ENDLIST|CAN-BLOCK-RELOAD=YES/.test(playlist)) return playlist;
  return playlist.replace(/(#EXT-X-TARGETDURATION:)(\d+)/, (_line, tag: string, seconds: string) =>
    tag + Math.min(+seconds, partTarget ? Math.round(partTarget) || 1 : Math.ceil(+seconds / 2)),
  );
}
