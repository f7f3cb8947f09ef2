import { css } from 'lit';

// Custom properties (documented on the element): accent, control colours, font and size. Sizes are
// in em so `font-size` on the element scales the whole bar. Comments stay out here, as the text of
// the stylesheet ships as written:
// - an idle bar is faded, not removed: still reachable by keyboard, and back on focus;
// - the spinner appears only after 500 ms, so a quick start or a short hiccup shows no spinner at all;
//   with reduced motion it only appears (the names beyond the first of its animation are dropped);
// - narrow players keep play, mute, LIVE, quality and full screen; the rest returns with room.
export const uiStyles = css`
  :host {
    --_accent: var(--ams-cdn-player-accent-color, #3ea6ff);
    --_live: var(--ams-cdn-player-live-color, #e5252a);
    --_control-color: var(--ams-cdn-player-control-color, #fff);
    --_control-background: var(--ams-cdn-player-control-background, rgb(0 0 0 / 0.65));
    --_control-size: var(--ams-cdn-player-control-size, 2.5em);
    --_focus: var(--ams-cdn-player-focus-color, var(--_accent));
    font-family: var(--ams-cdn-player-font, system-ui, sans-serif);
  }
  :host(:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  .ui {
    position: absolute;
    inset: 0;
    container-type: inline-size;
    pointer-events: none;
    color: var(--_control-color);
    font-size: 0.875rem;
  }
  .ui > * {
    pointer-events: auto;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  [part~='controls'] {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25em;
    padding: 0.25em 0.5em;
    background: var(--_control-background);
    transition: opacity 0.2s;
  }
  [part~='controls'].idle:not(:focus-within) {
    opacity: 0;
  }
  .group {
    display: flex;
    align-items: center;
    gap: 0.25em;
    min-width: 0;
  }
  [part~='controls'] button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: var(--_control-size);
    height: var(--_control-size);
    padding: 0 0.4em;
    border: 0;
    border-radius: 0.25em;
    background: transparent;
    cursor: pointer;
  }
  [part~='controls'] button:hover {
    background: rgb(255 255 255 / 0.15);
  }
  [part~='volume'] {
    width: 5em;
    accent-color: var(--_accent);
  }
  .seek {
    display: flex;
    flex: 1;
    min-width: 4em;
  }
  .group:has(.seek) {
    flex: 1;
  }
  [part~='seek-bar'] {
    width: 100%;
    accent-color: var(--_accent);
  }
  [part~='time'] {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  [part~='live-badge'] {
    gap: 0.35em;
    font-weight: 700;
    letter-spacing: 0.03em;
  }
  .live-dot {
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.5);
  }
  .at-live-edge .live-dot {
    background: var(--_live);
  }
  [part~='live-offset'] {
    font-weight: 400;
  }
  [part~='latency'] {
    white-space: nowrap;
    opacity: 0.85;
    font-variant-numeric: tabular-nums;
  }
  [part~='quality-menu'],
  [part~='audio-menu'],
  [part~='captions-menu'] {
    height: 2em;
    max-width: 9em;
    border: 1px solid rgb(255 255 255 / 0.4);
    border-radius: 0.25em;
    background: var(--_control-background);
  }
  [part~='stats'] {
    position: absolute;
    top: 0.5em;
    left: 0.5em;
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: 0.25em;
    background: var(--_control-background);
    font: 0.75rem/1.5 ui-monospace, monospace;
  }
  [part~='stats'] div {
    display: flex;
    gap: 1em;
    justify-content: space-between;
  }
  [part~='stats'] dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  [part~='overlay'] {
    position: absolute;
    inset: 0 0 3.5em;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75em;
    padding: 1em;
    text-align: center;
    font-size: 1rem;
    line-height: 1.4;
    color: var(--ams-cdn-player-message-color, #fff);
  }
  [part~='overlay'][part~='error'] {
    inset: 0;
    background: rgb(0 0 0 / 0.75);
  }
  [part~='error-message'] {
    margin: 0;
  }
  [part~='retry-button'],
  [part='unmute-button'] {
    padding: 0.5em 1.25em;
    border: 0;
    border-radius: 0.25em;
    background: var(--_accent);
    color: #000;
    font-weight: 600;
    cursor: pointer;
  }
  [part='unmute-button'] {
    position: absolute;
    top: 0.75em;
    right: 0.75em;
    background: rgb(255 255 255 / 0.9);
  }
  [part~='spinner'] {
    position: absolute;
    inset: 0 0 2.5em;
    margin: auto;
    width: 3em;
    height: 3em;
    box-sizing: border-box;
    border: 0.3em solid rgb(255 255 255 / 0.25);
    border-top-color: var(--_accent);
    border-radius: 50%;
    opacity: 0;
    pointer-events: none;
    animation: ams-cdn-player-appear 0s linear var(--ams-cdn-player-spinner-delay, 500ms) forwards, ams-cdn-player-spin 1s linear infinite;
  }
  @keyframes ams-cdn-player-appear {
    to {
      opacity: 1;
    }
  }
  @keyframes ams-cdn-player-spin {
    to {
      rotate: 1turn;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='spinner'] {
      animation-name: ams-cdn-player-appear;
    }
    [part~='controls'] {
      transition: none;
    }
  }
  @container (width < 560px) {
    [part~='latency'] {
      display: none;
    }
  }
  @container (width < 480px) {
    [part~='controls'] [part~='pip-button'] {
      display: none;
    }
    [part~='volume'] {
      width: 3.5em;
    }
  }
  @container (width < 400px) {
    .volume {
      display: none;
    }
    [part~='controls'] {
      padding: 0.125em 0.25em;
      gap: 0;
    }
  }
`;
