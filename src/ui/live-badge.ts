import { html, nothing } from 'lit';
import { formatSeconds, liveEdgeState, type LivePosition } from './format.js';

export interface LiveBadgeOptions extends LivePosition {
  seekToLive(): void;
}

/**
 * The LIVE badge and the latency readout. The badge is lit at the live edge; behind it, it says how
 * far ("-4 s") and a click jumps back. Nothing is shown while the distance is unknown.
 */
export function liveBadge({ seekToLive, ...position }: LiveBadgeOptions) {
  const { latency } = position;
  const state = liveEdgeState(position);
  if (!state || latency === null) return nothing;
  return html`
    <button
      part="button live-badge${state.atLiveEdge ? ' live-edge' : ''}"
      type="button"
      class=${state.atLiveEdge ? 'at-live-edge' : 'behind-live'}
      @click=${seekToLive}
    >
      <span class="live-dot" aria-hidden="true"></span>
      <slot name="live-label">LIVE</slot>
      ${state.atLiveEdge
        ? nothing
        : html`<span part="live-offset">-${state.behindSeconds} s</span
            ><span class="visually-hidden"><slot name="seek-to-live-label">Go to live</slot></span>`}
    </button>
    <span part="latency">${formatSeconds(latency)} <slot name="behind-live-label">behind live</slot></span>
  `;
}
