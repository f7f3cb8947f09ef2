import type { Captions } from './captions.js';
import type { MetadataDetail } from './timed-metadata.js';

/**
 * Timed metadata and captions: each one's code is a chunk of its own, loaded with the video's first
 * text track of its kind (hls.js adds a metadata track when a stream carries ID3, a subtitles or
 * captions track for WebVTT renditions and CEA-608), so the many streams without any never
 * download it. The video outlives sessions: its tracks are watched once, whatever plays.
 */
export interface LazyTextTrackOptions {
  video: HTMLVideoElement;
  /** The captions to show (the element's `captions`); null: none. */
  captionsLanguage(): string | null;
  onMetadata(detail: MetadataDetail): void;
  /** The caption tracks or the text showing changed: redraw. */
  onCaptionsChange(): void;
}

export interface LazyTextTracks {
  /** The captions, once the first caption track brought their code. */
  readonly captions: Captions | undefined;
}

export function watchLazyTextTracks({ video, captionsLanguage, onMetadata, onCaptionsChange }: LazyTextTrackOptions): LazyTextTracks {
  const watching: { captions: Captions | undefined } = { captions: undefined };
  onFirstTrack(video, ['metadata'], () => import('./timed-metadata.js').then(
    ({ watchTimedMetadata }) => watchTimedMetadata(video, onMetadata),
    // The chunk is missing (a drop-in copied without it): the stream plays on without metadata events.
    () => {},
  ));
  onFirstTrack(video, ['subtitles', 'captions'], () => import('./captions.js').then(
    ({ attachCaptions }) => {
      watching.captions = attachCaptions({ video, language: captionsLanguage, onChange: onCaptionsChange });
    },
    // The chunk is missing (a drop-in copied without it): the stream plays on without captions.
    () => {},
  ));
  return watching;
}

/** Runs `load` once, when the video has a text track of one of these kinds. */
function onFirstTrack(video: HTMLVideoElement, kinds: string[], load: () => void): void {
  const tracks = video.textTracks;
  const check = (): void => {
    if (![...tracks].some((track) => kinds.includes(track.kind))) return;
    tracks.removeEventListener('addtrack', check);
    load();
  };
  tracks.addEventListener('addtrack', check);
  check();
}
