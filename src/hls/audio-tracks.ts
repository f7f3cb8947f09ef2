import type Hls from 'hls.js';
import type { AudioTrackChoice, AudioTrackInfo } from '../session/playback-session.js';
import { trackIndexFor } from '../common/track-choice.js';

/** hls.js's audio tracks as a choice. */
export function hlsAudioTracks(hls: Hls): AudioTrackChoice {
  return {
    tracks: () => hls.audioTracks.map(({ name, lang }, id) => ({ id, name, language: lang ?? '' })),
    selected: () => hls.audioTrack,
    select: (id) => {
      hls.audioTrack = id;
    },
  };
}

/** The rendition `preferred` names, among hls.js's audio tracks (see trackIndexFor); -1 for none. */
export function audioTrackIndex(tracks: readonly { name: string; lang?: string }[], preferred: string): number {
  return trackIndexFor(tracks.map(({ name, lang }) => ({ name, language: lang ?? '' })), preferred);
}

export interface AudioTrackOptions {
  hls: Hls;
  /** The page's `audio-track`: a language or a NAME; null keeps the stream's default. */
  preferred: string | null;
  onChange(track: AudioTrackInfo): void;
}

/** Picks the page's audio track once the stream lists its tracks, and reports every switch. */
export function attachAudioTracks({ hls, preferred, onChange }: AudioTrackOptions): () => void {
  const { Events } = hls.constructor as typeof Hls;
  const onTracks = (): void => {
    const index = preferred ? audioTrackIndex(hls.audioTracks, preferred) : -1;
    if (index >= 0 && index !== hls.audioTrack) hls.audioTrack = index;
  };
  const onSwitched = (_event: unknown, { id }: { id: number }): void => {
    const track = hls.audioTracks[id];
    if (track) onChange({ id, name: track.name, language: track.lang ?? '' });
  };
  hls.on(Events.AUDIO_TRACKS_UPDATED, onTracks);
  hls.on(Events.AUDIO_TRACK_SWITCHED, onSwitched);
  return () => {
    hls.off(Events.AUDIO_TRACKS_UPDATED, onTracks);
    hls.off(Events.AUDIO_TRACK_SWITCHED, onSwitched);
  };
}
