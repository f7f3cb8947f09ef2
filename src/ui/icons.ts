import { svg } from 'lit';

// Plain geometric icons drawn for this player; currentColor follows the control colour.
const icon = (body: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="currentColor">${body}</svg>`;

export const playIcon = icon(svg`<path d="M7 4.5v15l12.5-7.5z"/>`);
export const pauseIcon = icon(svg`<path d="M6 4.5h4.5v15H6zM13.5 4.5H18v15h-4.5z"/>`);
const speaker = svg`<path d="M3 9h4l5-4.5v15L7 15H3z"/>`;
export const soundIcon = icon(svg`${speaker}<path d="M15 8.5a5 5 0 0 1 0 7M17.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2"/>`);
export const mutedIcon = icon(svg`${speaker}<path d="M15 9l6 6M21 9l-6 6" stroke="currentColor" stroke-width="2"/>`);
export const fullscreenIcon = icon(
  svg`<path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" fill="none" stroke="currentColor" stroke-width="2"/>`,
);
export const exitFullscreenIcon = icon(
  svg`<path d="M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5" fill="none" stroke="currentColor" stroke-width="2"/>`,
);
export const pipIcon = icon(svg`<path d="M3 5h18v14H3z" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 12h7v5h-7z"/>`);
