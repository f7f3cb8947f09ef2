import { html } from 'lit';
import { formatClock } from './format.js';

export interface SeekBarOptions {
  /** Seconds: the seekable range, a recording's 0 to its length or a live stream's window. */
  start: number;
  end: number;
  currentTime: number;
  /** A live window: the readout says how far behind live, not a clock. */
  live: boolean;
  seek(position: number): void;
}

/** What the readout and the slider's spoken value say: "0:07 / 0:08", or "-42 s" behind live. */
export function seekReadout({ start, end, currentTime, live }: Omit<SeekBarOptions, 'seek'>): string {
  if (live) return `-${Math.max(0, Math.round(end - currentTime))} s`;
  return `${formatClock(currentTime - start)} / ${formatClock(end - start)}`;
}

/**
 * A seek bar over a recording or a live stream's window (live edge at the right), and its readout.
 * The slider's own keys (arrows, Home, End) move it; its label is slotted text, so a page can
 * translate it.
 */
export function seekBar(options: SeekBarOptions) {
  const { start, end, currentTime, live, seek } = options;
  const onInput = (event: Event): void => seek(Number((event.target as HTMLInputElement).value));
  const readout = seekReadout(options);
  return html`
    <label class="seek">
      <span class="visually-hidden"><slot name="seek-label">Seek</slot></span>
      <input
        part="seek-bar${live ? ' live-window' : ''}"
        type="range"
        min=${start}
        max=${end}
        step="any"
        .value=${String(Math.min(end, Math.max(start, currentTime)))}
        aria-valuetext=${readout}
        @input=${onInput}
      />
    </label>
    ${live ? '' : html`<span part="time">${readout}</span>`}
  `;
}
