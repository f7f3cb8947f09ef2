import { css } from 'lit';

export const playerStyles = css`
  :host {
    display: block;
    position: relative;
    aspect-ratio: var(--ams-cdn-player-aspect-ratio, 16 / 9);
    background: var(--ams-cdn-player-background, #000);
    color: var(--ams-cdn-player-message-color, #fff);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: contain;
    background: inherit;
  }
  .message {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 1em;
    text-align: center;
    font: 1rem/1.4 system-ui, sans-serif;
    pointer-events: none;
  }
  .message.error {
    background: rgb(0 0 0 / 0.7);
  }
  .unmute {
    position: absolute;
    top: 0.75em;
    left: 0.75em;
    padding: 0.5em 1em;
    border: 0;
    border-radius: 0.25em;
    background: rgb(255 255 255 / 0.9);
    color: #000;
    font: 600 0.9rem system-ui, sans-serif;
    cursor: pointer;
  }
  .unmute:focus-visible {
    outline: 3px solid #4c9ffe;
    outline-offset: 2px;
  }
`;
