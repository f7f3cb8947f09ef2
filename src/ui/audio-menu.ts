import { html, nothing } from 'lit';
import type { AudioTrackInfo } from '../session/playback-session.js';

export interface AudioMenuOptions {
  tracks: readonly AudioTrackInfo[];
  /** The id of the rendition playing, or -1. */
  selected: number;
  choose(id: number): void;
}

/**
 * The stream's audio renditions by NAME and LANGUAGE ("Deutsch (de)"), when there is more than
 * one. A native select, as the quality menu.
 */
export function audioMenu({ tracks, selected, choose }: AudioMenuOptions) {
  if (tracks.length < 2) return nothing;
  const label = ({ name, language }: AudioTrackInfo): string => (language ? `${name} (${language})` : name);
  return html`
    <label class="audio">
      <span class="visually-hidden"><slot name="audio-label">Audio</slot></span>
      <select part="audio-menu" @change=${(event: Event) => choose(Number((event.target as HTMLSelectElement).value))}>
        ${tracks.map((track) => html`<option value=${track.id} .selected=${selected === track.id}>${label(track)}</option>`)}
      </select>
    </label>
  `;
}
