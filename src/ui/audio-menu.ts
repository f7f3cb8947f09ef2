import { html, nothing } from 'lit';
import type Hls from 'hls.js';

/**
 * The stream's audio renditions by NAME and LANGUAGE ("Deutsch (de)"), when there is more than
 * one. A native select, as the quality menu.
 */
export function audioMenu({ hls }: { hls: Hls | null }) {
  const tracks = hls?.audioTracks ?? [];
  if (!hls || tracks.length < 2) return nothing;
  const choose = (event: Event): void => {
    hls.audioTrack = Number((event.target as HTMLSelectElement).value);
  };
  const label = ({ name, lang }: { name: string; lang?: string }): string => (lang ? `${name} (${lang})` : name);
  return html`
    <label class="audio">
      <span class="visually-hidden"><slot name="audio-label">Audio</slot></span>
      <select part="audio-menu" @change=${choose}>
        ${tracks.map((track, index) => html`<option value=${index} .selected=${hls.audioTrack === index}>${label(track)}</option>`)}
      </select>
    </label>
  `;
}
