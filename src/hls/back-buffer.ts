import type Hls from 'hls.js';
import type { Events as HlsEvents } from 'hls.js';

export interface BackBufferOptions {
  hls: Hls;
  Events: typeof HlsEvents;
  video: HTMLVideoElement;
  /** Seconds kept behind the playhead. */
  keepSeconds: number;
}

/** Media trimmed at a time: the trim runs about once per segment rather than after every part. */
const trimStepSeconds = 2;

/**
 * Keeps `keepSeconds` of media behind the playhead (flat memory over hours), trimming right after
 * hls.js has appended a segment or part. hls.js's own trim (backBufferLength) runs whenever the
 * playhead enters a new segment; when its removal completes between a part's load and its append,
 * hls.js 1.7.4 forgets the parts of that segment already buffered (its fragment tracker unregisters
 * a fragment still being loaded by parts) and, at the segment's end, waits until they leave the
 * playlist: a 5 s stall about once a minute on Apple-style LL-HLS. Right after an append, the next
 * part is usually still being published, so the removal is done before it arrives.
 */
export function attachBackBufferTrim({ hls, Events, video, keepSeconds }: BackBufferOptions): void {
  hls.on(Events.FRAG_BUFFERED, () => {
    const { buffered } = video;
    if (buffered.length === 0) return;
    const trimTo = video.currentTime - keepSeconds;
    if (trimTo - buffered.start(0) < trimStepSeconds) return;
    hls.trigger(Events.BUFFER_FLUSHING, { startOffset: 0, endOffset: trimTo, type: null });
  });
}
