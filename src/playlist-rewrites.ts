/**
 * The playlist loader's rewrites of a live media playlist, each a workaround for hls.js 1.7.4 on
 * AMS playlists. Master playlists, playlists that need none, and anything that is not a playlist
 * come back unchanged; EXTINF durations are never touched.
 */

/** PART-TARGET of the #EXT-X-PART-INF tag (the attribute's only place), in seconds (group 1). */
export const partTargetPattern = /PART-TARGET=([\d.]+)/;

const partTargetOf = (playlist: string): number | null => {
  const match = partTargetPattern.exec(playlist);
  return match ? Number(match[1]) : null;
};

/**
 * The hold-back of a low-latency playlist that states none: 2 part targets, the HLS spec's floor.
 * Without blocking reload the player sees each new part up to one reload late, which adds about a
 * part on top: 2 to 3 parts in all, the spec's advice of 3 at worst. (The adaptive target then
 * learns what the stream really needs.)
 */
export const derivedPartHoldBack = (partTarget: number): number => partTarget * 2;

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
