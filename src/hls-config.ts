import type { HlsConfig } from 'hls.js';
import type { PlayOrderEntry } from './stream-url.js';

/** PART-TARGET of an #EXT-X-PART-INF line, in seconds (group 1). */
export const partTargetPattern = /#EXT-X-PART-INF:(?:[^\n]*,)?PART-TARGET=([\d.]+)/;

export interface LatencyTuning {
  playOrder: PlayOrderEntry;
  /** Seconds behind the live edge; null means "what the playlist asks for". */
  targetLatency: number | null;
}

/** Seconds kept behind the playhead: enough to seek back a little, small enough for flat memory over hours. */
const backBufferSeconds = 20;

/**
 * AMS HLS publishes 2 s segments; 3 s behind the edge (AMS play.html's default targetLatency) keeps
 * at least one segment buffered while the next one is being written.
 */
const hlsTargetLatencySeconds = 3;

/**
 * hls.js settings for low latency on AMS streams. `ll-hls` starts at the playlist's PART-HOLD-BACK
 * (see {@link derivedPartHoldBack} for AMS playlists that carry none); `hls` syncs to a fixed
 * distance tuned for 2 s segments. Both catch up by playback rate when they drift behind.
 */
export function lowLatencyConfig({ playOrder, targetLatency }: LatencyTuning): Partial<HlsConfig> {
  const lowLatency = playOrder === 'll-hls';
  const config: Partial<HlsConfig> = {
    lowLatencyMode: lowLatency,
    backBufferLength: backBufferSeconds,
    liveDurationInfinity: true,
    // Catch-up speed: quick for LL-HLS where a second matters, gentler for HLS to spare the ears.
    maxLiveSyncPlaybackRate: lowLatency ? 1.5 : 1.25,
    // A 404 on a just-announced part or a slow CDN should not throw the player off the live edge.
    liveSyncOnStallIncrease: lowLatency ? 0.5 : 1,
  };
  const target = targetLatency ?? (lowLatency ? null : hlsTargetLatencySeconds);
  if (target !== null) {
    config.liveSyncDuration = target;
    // hls.js jumps back to live past this distance; AMS play.html uses twice the target.
    config.liveMaxLatencyDuration = Math.max(target * 2, target + 2);
  }
  return config;
}

/**
 * Part targets held back when a playlist names none: the HLS spec's floor, 2. Without blocking
 * reload the player sees each new part up to one reload (one part) late, which adds up to a part
 * on top: 2 to 3 parts in all, the spec's advice of 3 at worst.
 */
const partHoldBackInPartTargets = 2;

/**
 * AMS's LL-HLS plugin writes no EXT-X-SERVER-CONTROL, so hls.js finds no PART-HOLD-BACK and would
 * start three whole segments behind. hls.js picks its start position while it parses, so the
 * hold-back must be in the playlist text itself: this adds one derived from PART-TARGET.
 * Playlists that name a PART-HOLD-BACK, or have no parts, come back unchanged.
 */
export function withDerivedPartHoldBack(playlist: string): string {
  if (!playlist.startsWith('#EXTM3U') || /PART-HOLD-BACK=/.test(playlist)) return playlist;
  const partTarget = partTargetPattern.exec(playlist);
  if (!partTarget) return playlist;
  const holdBack = (Number(partTarget[1]) * partHoldBackInPartTargets).toFixed(3);
  const serverControl = /^#EXT-X-SERVER-CONTROL:(.*)$/m;
  if (serverControl.test(playlist)) {
    return playlist.replace(serverControl, (_line, attributes: string) => `#EXT-X-SERVER-CONTROL:${attributes},PART-HOLD-BACK=${holdBack}`);
  }
  return playlist.replace(/^(#EXT-X-PART-INF:.*)$/m, `$1\n#EXT-X-SERVER-CONTROL:PART-HOLD-BACK=${holdBack}`);
}

/**
 * Drops the part lines of a young stream's first segment once that segment is complete, so hls.js
 * loads it whole. Why: hls.js 1.7.4 does not count the non-independent parts of the playlist's first
 * segment as buffered, and loops on them until they scroll out of the part window: a frozen picture
 * for about 5 s right after a broadcast starts or restarts. Servers may drop the parts of older
 * segments anyway, and the whole segment has the same media.
 */
export function withoutFirstSegmentParts(playlist: string): string {
  if (!playlist.startsWith('#EXTM3U')) return playlist;
  const lines = playlist.split('\n');
  const firstMedia = lines.findIndex((line) => line.startsWith('#EXT-X-PART:') || line.startsWith('#EXTINF:'));
  if (firstMedia < 0 || !lines[firstMedia]!.startsWith('#EXT-X-PART:')) return playlist;
  const segmentEnd = lines.findIndex((line, index) => index > firstMedia && line.startsWith('#EXTINF:'));
  // The first segment is still being written: its parts are all there is to play.
  if (segmentEnd < 0) return playlist;
  return lines.filter((line, index) => index >= segmentEnd || index < firstMedia || !line.startsWith('#EXT-X-PART:')).join('\n');
}

/** Ends a playlist that ends on a complete segment; hls.js reads it as the next segment's start. */
const nextSegmentMarker = '# next segment in progress';

/**
 * Marks where the next segment starts when a low-latency playlist ends on a complete segment, as
 * an AMS playlist does for about one part after each segment completes (AMS writes no
 * EXT-X-PRELOAD-HINT). Why: hls.js 1.7.4 opens its record of the in-progress segment only on a line
 * after the last segment URI; with none, it takes the complete last segment for it, and the next
 * update that lists a newer segment fails with "media sequence mismatch" (a levelParsingError, fatal
 * with one rendition). A comment line is enough and means nothing to any other HLS reader.
 * Playlists without parts, ended ones, and those ending on a tag come back unchanged.
 */
export function withNextSegmentMarker(playlist: string): string {
  if (!playlist.startsWith('#EXTM3U') || !playlist.includes('#EXT-X-PART:') || playlist.includes('#EXT-X-ENDLIST')) return playlist;
  const trimmed = playlist.trimEnd();
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
  if (lastLine === '' || lastLine.startsWith('#')) return playlist;
  return `${trimmed}\n${nextSegmentMarker}\n`;
}

/**
 * Lowers TARGETDURATION (whole seconds) to `reloadSeconds(current)`, never raises it: hls.js reloads
 * a live playlist without blocking reload once per TARGETDURATION.
 */
function withReloadEvery(playlist: string, reloadSeconds: (current: number) => number): string {
  return playlist.replace(/^#EXT-X-TARGETDURATION:\s*(\d+)/m, (line, seconds: string) => {
    const wanted = reloadSeconds(Number(seconds));
    return wanted < Number(seconds) ? `#EXT-X-TARGETDURATION:${wanted}` : line;
  });
}

/**
 * Makes hls.js reload a low-latency playlist that offers no blocking reload once per part, not once
 * per segment. Why: without CAN-BLOCK-RELOAD, hls.js 1.7.4 reloads a live playlist every
 * TARGETDURATION. AMS LL-HLS segments are about 4 s, so a new part can reach the player 4 s late,
 * and a player 2.5 s behind the edge runs dry before each reload (stalls, then hls.js backs off to
 * about 5 s). EXTINF durations are untouched; hls.js otherwise reads TARGETDURATION for tolerances
 * (start gap jumps, the playlist time-out, how far stalls may raise the target latency) and for
 * start distances that the PART-HOLD-BACK above replaces.
 */
export function withPartPacedReload(playlist: string): string {
  if (!playlist.startsWith('#EXTM3U') || /CAN-BLOCK-RELOAD=YES/.test(playlist)) return playlist;
  const partTarget = partTargetPattern.exec(playlist);
  if (!partTarget) return playlist;
  // TARGETDURATION is a whole number of seconds.
  const reloadSeconds = Math.max(1, Math.round(Number(partTarget[1])));
  return withReloadEvery(playlist, () => reloadSeconds);
}

/**
 * Makes hls.js reload a live HLS playlist (no parts) twice per segment. Why: hls.js reloads once per
 * TARGETDURATION in step with the segments it first saw, so it learns of each new segment up to one
 * target duration late, the same lag on every reload: a viewer lands anywhere from 3 to 5 s behind
 * on 2 s segments. Reloading every half target duration keeps that lag under one second. EXTINF
 * durations are untouched; ended (VOD) playlists come back unchanged.
 */
export function withHalfTargetReload(playlist: string): string {
  if (!playlist.startsWith('#EXTM3U') || /#EXT-X-PART-INF|CAN-BLOCK-RELOAD=YES|#EXT-X-ENDLIST/.test(playlist)) return playlist;
  return withReloadEvery(playlist, (seconds) => Math.ceil(seconds / 2));
}

/** Every playlist rewrite above, in the order the playlist loader applies them. */
export function rewrittenPlaylist(playlist: string): string {
  return withHalfTargetReload(withPartPacedReload(withNextSegmentMarker(withoutFirstSegmentParts(withDerivedPartHoldBack(playlist)))));
}
