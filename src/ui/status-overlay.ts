import { html, nothing } from 'lit';
import type { PlayerStatus } from '../common/player-status.js';
import { statusText } from '../element/status-message.js';

export interface OverlayOptions {
  status: PlayerStatus;
  errorMessage: string;
  retry(): void;
}

/**
 * What covers the picture in each status: AMS's waiting text, the end of the broadcast, the error
 * with a retry, and a spinner while loading or stalled that shows only after 500 ms (CSS
 * animation-delay), so a quick start never flashes one.
 */
export function statusOverlay({ status, errorMessage, retry }: OverlayOptions) {
  switch (status) {
    case 'waiting':
    case 'ended':
      return html`<div part="overlay message ${status}" role="status">${statusText(status)}</div>`;
    case 'error':
      return html`<div part="overlay error" role="alert">
        <p part="message error-message"><slot name="error-message">${errorMessage}</slot></p>
        <button part="button retry-button" type="button" @click=${retry}><slot name="retry-label">Retry</slot></button>
      </div>`;
    case 'loading':
    case 'stalled':
      return html`<div part="spinner" role="status"><span class="visually-hidden"><slot name="loading-label">Loading</slot></span></div>`;
    default:
      return nothing;
  }
}
