/**
 * Timed ID3 metadata in the stream (AMS injects it through its REST API), handed to the page as the
 * playhead reaches it. hls.js puts each ID3 frame of an MPEG-TS timed-metadata stream or an fMP4
 * `emsg` on a `metadata` text track as a cue whose `value` is the frame; Safari's own HLS does the
 * same with DataCues. Reading the video's metadata tracks serves both paths.
 */

/** One ID3 frame: a text frame (`TXXX`, `TIT2`, ...) has `text`, a data frame (`PRIV`, ...) `data`. */
export interface MetadataFrame {
  /** The frame id, e.g. `TXXX`. */
  id: string;
  /** TXXX's description, PRIV's owner. */
  description?: string;
  text?: string;
  data?: Uint8Array;
}

/** The detail of `metadata`: the frames of one tag, and the media time they belong to. */
export interface MetadataDetail {
  /** Seconds, on the video's own timeline (`currentTime`). */
  time: number;
  frames: MetadataFrame[];
}

/** A frame as hls.js and WebKit set it on a cue's `value`. */
interface CueFrame {
  key?: string;
  info?: string;
  data?: unknown;
}

function frameOf({ key, info, data }: CueFrame): MetadataFrame {
  const frame: MetadataFrame = { id: key ?? '' };
  if (info) frame.description = info;
  if (typeof data === 'string') frame.text = data;
  else if (data instanceof ArrayBuffer) frame.data = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) frame.data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return frame;
}

/**
 * Calls `onMetadata` once for each tag as the playhead enters it, on every metadata track the
 * video has or gets (one per session). Returns a function that stops listening.
 */
export function watchTimedMetadata(video: HTMLVideoElement, onMetadata: (detail: MetadataDetail) => void): () => void {
  const abort = new AbortController();
  const { signal } = abort;
  const announced = new WeakSet<TextTrackCue>();

  const onCueChange = ({ target }: Event): void => {
    const fresh = [...((target as TextTrack).activeCues ?? [])].filter((cue) => !announced.has(cue));
    // A tag's frames are cues of one start time; a cuechange may bring more than one tag.
    const byTime = new Map<number, MetadataFrame[]>();
    for (const cue of fresh) {
      announced.add(cue);
      const value = (cue as TextTrackCue & { value?: CueFrame }).value;
      if (!value) continue;
      const frames = byTime.get(cue.startTime) ?? [];
      frames.push(frameOf(value));
      byTime.set(cue.startTime, frames);
    }
    for (const [time, frames] of [...byTime].sort(([first], [second]) => first - second)) onMetadata({ time, frames });
  };

  const watch = (track: TextTrack): void => {
    if (track.kind !== 'metadata') return;
    // A disabled track has no active cues: hidden ones do, and show nothing.
    if (track.mode === 'disabled') track.mode = 'hidden';
    track.addEventListener('cuechange', onCueChange, { signal });
  };

  for (const track of video.textTracks) watch(track);
  video.textTracks.addEventListener('addtrack', ({ track }) => track && watch(track), { signal });
  return () => abort.abort();
}
