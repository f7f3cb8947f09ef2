/** Seconds of media buffered ahead of the playhead, in the range it is in (0 outside any). */
export function bufferAhead(buffered: TimeRanges, currentTime: number): number {
  for (let index = 0; index < buffered.length; index += 1) {
    if (buffered.start(index) <= currentTime + 0.1 && currentTime < buffered.end(index)) return buffered.end(index) - currentTime;
  }
  return 0;
}
