import { html, nothing } from 'lit';
import type { CaptionTrack } from '../element/captions.js';

export interface CaptionsMenuOptions {
  tracks: readonly CaptionTrack[];
  /** The chosen track's id, or -1 for none. */
  selected: number;
  /** A track's language or label to show, or '' for none. */
  choose(captions: string): void;
}

/** Off plus each subtitle or caption track, when the stream has any. A native select, as the quality menu. */
export function captionsMenu({ tracks, selected, choose }: CaptionsMenuOptions) {
  if (tracks.length === 0) return nothing;
  const onChange = (event: Event): void => {
    const track = tracks[Number((event.target as HTMLSelectElement).value)];
    choose(track ? track.language || track.label : '');
  };
  return html`
    <label class="captions-choice">
      <span class="visually-hidden"><slot name="captions-label">Captions</slot></span>
      <select part="captions-menu" @change=${onChange}>
        <option value="-1" .selected=${selected < 0}>Off</option>
        ${tracks.map((track) => html`<option value=${track.id} .selected=${selected === track.id}>${track.label}</option>`)}
      </select>
    </label>
  `;
}
