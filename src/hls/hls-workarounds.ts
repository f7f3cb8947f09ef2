import type { LoaderContext, PlaylistLoaderContext } from 'hls.js';
import { derivedPartHoldBack, partTargetPattern } from '../live/media-playlist.js';

/**
 * Every place the player reaches past hls.js 1.7.4's public API: rewrites of the playlist text
 * hls.js reads, and the one private field it writes. Each is a workaround for a behaviour of
 * hls.js on AMS's playlists or on the reload schedule's timing, and each has a test in
 * test/browser/hls-workarounds.test.ts that runs hls.js without it and fails once a newer hls.js
 * no longer behaves so (then the workaround can go) or has moved what it touches (then it is broken):
 *
 * | workaround | hls.js behaviour | reference |
 * | --- | --- | --- |
 * | withDerivedPartHoldBack | starts an LL-HLS playlist without PART-HOLD-BACK three target durations behind | hls.js #4453 (open) |
 * | withNextSegmentMarker | takes a low-latency playlist's last complete segment for the one in progress; the next update fails with "media sequence mismatch" | no hls.js issue found; its M3U8 parser opens the in-progress record (fragment hint) only on a line after the last URI |
 * | withPacedReload | reloads a playlist without blocking reload once per TARGETDURATION (half of it after no change) | hls.js #4915, #4940 |
 * | withShiftedSequence, withServerSequence | reads a part of segment 0 as no part (`appendedPart?.fragment.sn \|\| -1`) and loads segment 0's parts again and again | no hls.js issue found; fragment-tracker.ts in 1.7.4 |
 * | askForReloadAtOnce (`details.requestScheduled`) | reloads on a grid of its own from its first request | hls.js #4961 (the grid) |
 *
 * The rewrites leave master playlists, playlists that need none, and anything that is not a
 * playlist unchanged; EXTINF durations are never touched.
 */

const partTargetOf = (playlist: string): number | null => {
  const match = partTargetPattern.exec(playlist);
  return match ? Number(match[1]) : null;
};


/**
 * AMS's LL-HLS plugin writes no EXT-X-SERVER-CONTROL, so hls.js finds no PART-HOLD-BACK and would
 * start three whole segments behind (hls.js #4453, open: the part target should set the start).
 * hls.js picks its start position while it parses, so the hold-back must be in the playlist text itself.
 */
export function withDerivedPartHoldBack(playlist: string): string {
  const partTarget = partTargetOf(playlist);
  if (!partTarget || playlist.includes('PART-HOLD-BACK=')) return playlist;
  const holdBack = `PART-HOLD-BACK=${derivedPartHoldBack(partTarget)}`;
  if (playlist.includes('#EXT-X-SERVER-CONTROL:')) return playlist.replace(/^#EXT-X-SERVER-CONTROL:.*/m, `$&,${holdBack}`);
  return playlist.replace(/^#EXT-X-PART-INF:.*/m, `$&\n#EXT-X-SERVER-CONTROL:${holdBack}`);
}

/**
 * A low-latency playlist that ends on a complete segment (an AMS one does for about one part after
 * each segment completes; AMS writes no EXT-X-PRELOAD-HINT) gets a bare comment line after it.
 * hls.js opens its record of the in-progress segment only on a line after the last segment URI;
 * with none, it takes the complete last segment for it, and the next update that lists a newer
 * segment fails with "media sequence mismatch" (a levelParsingError, fatal with one rendition).
 * A '#' line means nothing to any other HLS reader.
 */
export function withNextSegmentMarker(playlist: string): string {
  if (!playlist.includes('#EXT-X-PART:')) return playlist;
  const lastLine = playlist.trimEnd().split('\n').at(-1)!.trim();
  // A URI (not a tag such as a part, a hint or EXT-X-ENDLIST) ends the playlist.
  const endsOnSegment = lastLine !== '' && !lastLine.startsWith('#');
  return endsOnSegment ? `${playlist.trimEnd()}\n#\n` : playlist;
}

/**
 * Without CAN-BLOCK-RELOAD, hls.js reloads a live playlist once per TARGETDURATION (half of it
 * after a reload that brought nothing new: hls.js #4915, #4940), at the phase of its first load. The reload schedule (reload-schedule.ts) decides when each reload really goes
 * out, on the stream's own clock; this makes sure hls.js asks often enough for it to: at least
 * twice per segment (HLS) or once per part (low-latency playlists). TARGETDURATION (whole seconds)
 * is only ever lowered. hls.js otherwise reads it for tolerances (start gap jumps, the playlist
 * time-out) and for start distances that the element's own target replaces.
 */
export function withPacedReload(playlist: string): string {
  if (/#EXT-X-ENDLIST|CAN-BLOCK-RELOAD=YES/.test(playlist)) return playlist;
  const partTarget = partTargetOf(playlist);
  return playlist.replace(/(#EXT-X-TARGETDURATION:)(\d+)/, (_line, tag: string, digits: string) => {
    const seconds = Number(digits);
    const paced = partTarget ? Math.max(1, Math.round(partTarget)) : Math.ceil(seconds / 2);
    return tag + Math.min(seconds, paced);
  });
}

/**
 * hls.js 1.7.4's fragment tracker reads a part of segment number 0 as no part at all
 * (`appendedPart?.fragment.sn || -1`): after each append of segment 0's parts it forgets that they
 * are buffered and loads them again, and each new append cuts the buffer back (the browser drops
 * what follows a re-appended key frame until the rest arrives again). A stream numbers its first
 * segment 0 when it starts or restarts, so the picture froze for a second or more right after the
 * first frame. hls.js sees every media playlist numbered this much higher, so no segment is 0 to
 * it; withServerSequence takes the shift off again where a request names a segment number.
 */
export const sequenceShift = 1;

export function withShiftedSequence(playlist: string): string {
  // Media playlists only: EXT-X-TARGETDURATION is required in each, and only there.
  if (!playlist.includes('#EXT-X-TARGETDURATION:')) return playlist;
  const shift = (number: string): number => Number(number) + sequenceShift;
  // Rendition reports name the newest segment of the other renditions.
  const shifted = playlist.replace(/LAST-MSN=(\d+)/g, (_attribute, number: string) => `LAST-MSN=${shift(number)}`);
  if (/^#EXT-X-MEDIA-SEQUENCE:\d+/m.test(shifted)) {
    return shifted.replace(/^(#EXT-X-MEDIA-SEQUENCE:)(\d+)/m, (_line, tag: string, number: string) => `${tag}${shift(number)}`);
  }
  // Without the tag, the first segment is number 0.
  return shifted.replace(/^#EXT-X-TARGETDURATION:[^\r\n]*/m, `$&\n#EXT-X-MEDIA-SEQUENCE:${sequenceShift}`);
}

/**
 * A playlist request as the server numbers its segments: hls.js names the segment of a blocking
 * reload (_HLS_msn) in the shifted numbers it sees (withShiftedSequence). The rest of the URL,
 * the viewer's token among it, stays byte for byte.
 */
export function withServerSequence(url: string): string {
  return url.replace(/([?&]_HLS_msn=)(\d+)/, (_parameter, name: string, number: string) => `${name}${Math.max(0, Number(number) - sequenceShift)}`);
}

/** Every rewrite, in order; anything that is not a playlist comes back as it is. */
export function rewrittenPlaylist(playlist: string): string {
  if (!playlist.startsWith('#EXTM3U')) return playlist;
  const rewrites = [withDerivedPartHoldBack, withNextSegmentMarker, withPacedReload, withShiftedSequence];
  return rewrites.reduce((text, rewrite) => rewrite(text), playlist);
}

/**
 * hls.js reloads a live playlist on a grid of its own, one target duration (or one part) apart from
 * its first request, and sees new media only when the grid comes round: up to a whole segment or
 * part after it appeared. The loader cannot move a request earlier, only hold it; a low-latency
 * playlist (hls.js asks once per part) never gave it the chance. With the grid's last point long
 * past, hls.js asks again at once when this answer arrives, and the request waits until the
 * reload schedule expects the next media: the stream's clock decides. (hls.js carries the grid
 * from the previous details of the level over to the new ones.) The one private field written.
 */
export function askForReloadAtOnce(context: LoaderContext): void {
  const previous = (context as PlaylistLoaderContext).levelOrTrack?.details;
  if (previous) previous.requestScheduled = Number.NEGATIVE_INFINITY;
}
