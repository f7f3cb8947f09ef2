import { html, nothing, type TemplateResult } from 'lit';
import type { PlayerStatus } from '../common/player-status.js';

// The texts and the unmute button that the element shows on its own and the built-in controls show
// in their overlay: one template for both, so the two cannot drift apart.

/** AMS's own wording for the statuses that explain why nothing plays. */
const statusTexts: Partial<Record<PlayerStatus, string>> = {
  waiting: "Your live stream will play automatically as soon as it's available",
  ended: 'The live stream has ended.',
};

/** Whether `status` has a text of its own (waiting, ended). */
export function hasStatusText(status: PlayerStatus): boolean {
  return status in statusTexts;
}

/** The status's text in its `${status}-message` slot, so that a page can replace it; nothing for other statuses. */
export function statusText(status: PlayerStatus) {
  const text = statusTexts[status];
  if (text === undefined) return nothing;
  return html`<slot name=${`${status}-message`}>${text}</slot>`;
}

export interface UnmuteButtonOptions {
  unmute(): void;
  /** The element on its own styles the button by this class; the built-in controls style it by its part. */
  className?: string;
}

/** The button offered after autoplay fell back to muted; its label is the `unmute-label` slot. */
export function unmuteButton({ unmute, className }: UnmuteButtonOptions) {
  const label = html`<slot name="unmute-label">Unmute</slot>`;
  return html`<button part="unmute-button" class=${className ?? nothing} type="button" @click=${unmute}>${label}</button>`;
}

export interface StatusMessagesOptions {
  status: PlayerStatus;
  /** Shown in the error status. */
  errorMessage: string;
  /** Autoplay fell back to muted: the unmute button is offered. */
  mutedAutoplay: boolean;
  unmute(): void;
}

/** The element on its own, without the built-in controls: the waiting, ended or error text, and the unmute button. */
export function statusMessages({ status, errorMessage, mutedAutoplay, unmute }: StatusMessagesOptions) {
  let message: TemplateResult | typeof nothing = nothing;
  if (status === 'error') {
    message = html`<div part="message error-message" class="message error" role="alert">${errorMessage}</div>`;
  } else if (hasStatusText(status)) {
    message = html`<div part="message" class="message ${status}" role="status">${statusText(status)}</div>`;
  }
  return [message, mutedAutoplay ? unmuteButton({ unmute, className: 'unmute' }) : nothing];
}
