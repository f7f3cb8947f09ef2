import { html, nothing } from 'lit';
import type Hls from 'hls.js';
import { renditionLabel } from './format.js';

export interface QualityMenuOptions {
  hls: Hls | null;
  /** Text of the Auto entry (the `quality-auto-label` slot's, or "Auto"). */
  autoLabel: string;
}

/**
 * Auto plus each rendition of an ABR stream; Auto names the rendition playing ("Auto (360p)").
 * A native select: keyboard, screen readers and phones handle it without code of ours.
 */
export function qualityMenu({ hls, autoLabel }: QualityMenuOptions) {
  const levels = hls?.levels ?? [];
  if (!hls || levels.length < 2) return nothing;
  const playing = levels[hls.currentLevel];
  const chosen = hls.autoLevelEnabled ? -1 : hls.manualLevel;
  const choose = (event: Event): void => {
    // nextLevel switches at the next fragment: the buffer ahead still plays, so the picture never stops.
    hls.nextLevel = Number((event.target as HTMLSelectElement).value);
  };
  return html`
    <label class="quality">
      <span class="visually-hidden"><slot name="quality-label">Quality</slot></span>
      <select part="quality-menu" @change=${choose}>
        <option value="-1" .selected=${chosen === -1}>${autoLabel}${playing ? ` (${renditionLabel(playing)})` : ''}</option>
        ${levels.map(
          (level, index) => html`<option value=${index} .selected=${chosen === index}>${renditionLabel(level)}</option>`,
        )}
      </select>
    </label>
  `;
}
