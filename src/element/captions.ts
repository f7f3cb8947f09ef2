/**
 * Subtitles and captions, drawn by the element rather than the browser: over the video, above the
 * control bar, styled through `::part(captions)`. Whatever makes the text tracks (hls.js for WebVTT
 * renditions and in-band CEA-608, Safari's own HLS), one track is chosen by language and kept in
 * mode `hidden` (its cues arrive, the browser draws nothing); the others are disabled. hls.js
 * follows the video's track modes with its `subtitleTrack`, so choosing here loads the rendition.
 */

import { html, nothing } from 'lit';
import { trackIndexFor } from '../common/track-choice.js';

/** A subtitle or caption track the viewer can choose. */
export interface CaptionTrack {
  /** Its index among the video's subtitle and caption tracks. */
  id: number;
  label: string;
  language: string;
}

const isCaptionTrack = (track: TextTrack): boolean => track.kind === 'subtitles' || track.kind === 'captions';


export interface CaptionsOptions {
  video: HTMLVideoElement;
  /** The language to show (`captions`, or the viewer's choice); null: none. */
  language(): string | null;
  /** The tracks or the cue text changed: redraw. */
  onChange(): void;
}

export interface Captions {
  /** The subtitle and caption tracks the video has now. */
  tracks(): CaptionTrack[];
  /** The chosen track's id, or -1. */
  selected(): number;
  /** The lines of the cues showing now, over the video (styled through `::part(captions)`); nothing when none shows. */
  render(): unknown;
  /** Applies language() again (after the page or the viewer changed it). */
  update(): void;
  stop(): void;
}

export function attachCaptions({ video, language, onChange }: CaptionsOptions): Captions {
  const abort = new AbortController();
  const { signal } = abort;
  const captionTracks = (): TextTrack[] => [...video.textTracks].filter(isCaptionTrack);
  const describe = (track: TextTrack, id: number): CaptionTrack => ({ id, label: track.label || track.language || `Track ${id + 1}`, language: track.language });
  let selectedTrack: TextTrack | null = null;

  const update = (): void => {
    const tracks = captionTracks();
    const choices = tracks.map(describe).map((track) => ({ name: track.label, language: track.language }));
    const index = trackIndexFor(choices, language());
    selectedTrack = tracks[index] ?? null;
    for (const track of tracks) {
      const mode = track === selectedTrack ? 'hidden' : 'disabled';
      if (track.mode !== mode) track.mode = mode;
    }
    onChange();
  };

  const lines = (): string[] => {
    const cues = [...(selectedTrack?.activeCues ?? [])] as (TextTrackCue & { text?: string })[];
    return cues.flatMap((cue) => (cue.text ?? '').split('\n')).filter((line) => line.trim() !== '');
  };

  /** Redraws on the chosen track's cue changes. */
  const listen = (track: TextTrack): void => track.addEventListener('cuechange', () => track === selectedTrack && onChange(), { signal });

  video.textTracks.addEventListener('addtrack', ({ track }) => {
    if (!track || !isCaptionTrack(track)) return;
    listen(track);
    update();
  }, { signal });
  video.textTracks.addEventListener('removetrack', update, { signal });
  // Loaded once the first caption track was added (see the element): what is there already applies at once.
  for (const track of captionTracks()) listen(track);
  update();

  return {
    tracks: () => captionTracks().map(describe),
    selected: () => (selectedTrack ? captionTracks().indexOf(selectedTrack) : -1),
    render() {
      const showing = lines();
      if (showing.length === 0) return nothing;
      return html`<div part="captions" class="captions" aria-live="off">${showing.map((line) => html`<span>${line}</span>`)}</div>`;
    },
    update,
    stop: () => abort.abort(),
  };
}
