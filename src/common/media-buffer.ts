/** Seconds of media buffered ahead of the playhead, in the range it is in (0 outside any). */
export function bufferAhead(buffered: TimeRanges, currentTime: number): number {
  for (let index = 0; index < buffered.length; index += 1) {
    if (buffered.start(index) <= currentTime + 0.1 && currentTime < buffered.end(index)) return buffered.end(index) - currentTime;
  }
  return 0;
}

/** The last of these ranges (the video's seekable: the live window, or a recording), or null when there is none. */
export function lastRange(ranges: TimeRanges | undefined): { start: number; end: number } | null {
  return ranges?.length ? { start: ranges.start(ranges.length - 1), end: ranges.end(ranges.length - 1) } : null;
}
