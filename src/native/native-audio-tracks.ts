/**
 * Audio renditions on the browser's own HLS (Safari): the video's `audioTracks` list, one entry per
 * EXT-X-MEDIA TYPE=AUDIO, labelled by NAME and LANGUAGE. The page's `audio-track` picks one once the
 * browser lists it, and each switch is reported, as hls.js's audio tracks are on the MediaSource
 * path. Part of the native session's chunk.
 */
import type { AudioTrackChoice, AudioTrackInfo } from '../session/playback-session.js';
import { trackIndexFor } from '../common/track-choice.js';

/** What is used of the browser's AudioTrack and AudioTrackList (TypeScript's DOM types lack them). */
interface BrowserAudioTrack {
  readonly label: string;
  readonly language: string;
  enabled: boolean;
}
interface BrowserAudioTrackList extends EventTarget, Iterable<BrowserAudioTrack> {
  readonly length: number;
}

/** The video's audio track list, or null where the browser has none (Chromium and Firefox by default). */
export function browserAudioTracks(video: HTMLVideoElement): BrowserAudioTrackList | null {
  return (video as { audioTracks?: BrowserAudioTrackList }).audioTracks ?? null;
}

export interface NativeAudioTrackOptions {
  list: BrowserAudioTrackList;
  /** The page's `audio-track`: a language or a NAME; null keeps the stream's default. */
  preferred: string | null;
  onChange(track: AudioTrackInfo): void;
  /** The session's: once it aborts, nothing more is picked or reported. */
  signal: AbortSignal;
}

export function attachNativeAudioTracks({ list, preferred, onChange, signal }: NativeAudioTrackOptions): AudioTrackChoice {
  const tracks = (): AudioTrackInfo[] => [...list].map((track, id) => ({ id, name: track.label || track.language || `Track ${id + 1}`, language: track.language }));
  const selected = (): number => [...list].findIndex((track) => track.enabled);
  const select = (id: number): void => {
    // One rendition at a time: enabling one does not disable the others.
    [...list].forEach((track, index) => {
      if (track.enabled !== (index === id)) track.enabled = index === id;
    });
  };
  /** The page's choice is applied once, when its track is first listed: later the viewer's stands. */
  let preferenceApplied = !preferred;
  let reported = -1;
  const onListChange = (): void => {
    if (!preferenceApplied) {
      const index = trackIndexFor(tracks(), preferred);
      if (index >= 0) {
        preferenceApplied = true;
        select(index);
      }
    }
    const id = selected();
    const track = tracks()[id];
    if (track && id !== reported) {
      reported = id;
      onChange(track);
    }
  };
  for (const type of ['addtrack', 'removetrack', 'change']) list.addEventListener(type, onListChange, { signal });
  onListChange();
  return { tracks, selected, select };
}
