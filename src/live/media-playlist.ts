/**
 * What the reload schedule and the start hold need to know of a media playlist, read from its
 * text: where its newest media ends on a timeline that stays the same across reloads (media
 * sequence numbers anchor it), and how often new media appears. hls.js parses the same text again
 * for playback; this reads only these few tags.
 */
export interface MediaPlaylistSummary {
  /** EXT-X-ENDLIST: the broadcast is over and the playlist will not change. */
  ended: boolean;
  /** CAN-BLOCK-RELOAD=YES: the server holds a reload until new media exists. */
  blockingReload: boolean;
  /** EXT-X-MEDIA-SEQUENCE: the number of the first listed segment. */
  firstSequence: number;
  /** EXTINF durations of the complete segments, oldest first, in seconds. */
  segmentDurations: number[];
  /** Durations of the parts listed after the last complete segment (the segment in progress). */
  trailingPartDurations: number[];
  /** PART-TARGET, or null for a playlist without parts. */
  partTarget: number | null;
  /** EXT-X-TARGETDURATION, in seconds. */
  targetDuration: number;
  /** The server's own PART-HOLD-BACK and HOLD-BACK (EXT-X-SERVER-CONTROL), or null where it states none. */
  statedPartHoldBack: number | null;
  statedHoldBack: number | null;
}

/** PART-TARGET of the #EXT-X-PART-INF tag (the attribute's only place), in seconds (group 1). */
export const partTargetPattern = /PART-TARGET=([\d.]+)/;

/**
 * The hold-back of a low-latency playlist that states none: 2 part targets, the HLS spec's floor.
 * Without blocking reload the player sees each new part up to one reload late, which adds about a
 * part on top: 2 to 3 parts in all, the spec's advice of 3 at worst. (The adaptive target then
 * learns what the stream really needs.)
 */
export const derivedPartHoldBack = (partTarget: number): number => partTarget * 2;

const numberAfter = (text: string, tag: RegExp): number | null => {
  const match = tag.exec(text);
  return match ? Number(match[1]) : null;
};

/** Null for anything that is not a media playlist (a master playlist, an error page). */
export function summarizeMediaPlaylist(text: string): MediaPlaylistSummary | null {
  if (!text.startsWith('#EXTM3U') || text.includes('#EXT-X-STREAM-INF')) return null;
  const segmentDurations: number[] = [];
  let partsSinceLastSegment: number[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#EXTINF:')) {
      segmentDurations.push(Number.parseFloat(line.slice('#EXTINF:'.length)));
      partsSinceLastSegment = [];
    } else if (line.startsWith('#EXT-X-PART:')) {
      partsSinceLastSegment.push(numberAfter(line, /DURATION=([\d.]+)/) ?? 0);
    }
  }
  return {
    ended: text.includes('#EXT-X-ENDLIST'),
    blockingReload: /CAN-BLOCK-RELOAD=YES/.test(text),
    firstSequence: numberAfter(text, /#EXT-X-MEDIA-SEQUENCE:(\d+)/) ?? 0,
    segmentDurations,
    trailingPartDurations: partsSinceLastSegment,
    partTarget: numberAfter(text, partTargetPattern),
    targetDuration: numberAfter(text, /#EXT-X-TARGETDURATION:(\d+)/) ?? 0,
    statedPartHoldBack: numberAfter(text, /PART-HOLD-BACK=([\d.]+)/),
    // HOLD-BACK, not the end of PART-HOLD-BACK.
    statedHoldBack: numberAfter(text, /[:,]HOLD-BACK=([\d.]+)/),
  };
}

/** Seconds of media the playlist lists, complete segments and the parts of the one in progress. */
export function listedSeconds(playlist: MediaPlaylistSummary): number {
  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  return sum(playlist.segmentDurations) + sum(playlist.trailingPartDurations);
}

/**
 * How often new media appears: a part (low-latency playlists) or a segment. Servers publish each
 * one when it is complete, so a reload is worth making once per this many seconds.
 */
export function publishIntervalSeconds(playlist: MediaPlaylistSummary): number {
  if (playlist.partTarget) return playlist.partTarget;
  return playlist.segmentDurations.at(-1) || playlist.targetDuration || 1;
}
