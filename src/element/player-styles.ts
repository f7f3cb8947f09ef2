import { css } from 'lit';

// The element's own styles, which the built-in controls' styles join when loaded.
// - The video letterboxes (object-fit: contain is the browser's default for video) over the host's background.
// - `.message` is the waiting, ended and error text without the built-in controls; `.error` adds a
//   shade so the text stays readable over the last frame; `.unmute` follows a muted autoplay.
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
  video,
  .preview {
    display: block;
    width: 100%;
    height: 100%;
  }
  .preview {
    position: absolute;
    inset: 0;
    object-fit: contain;
    pointer-events: none;
  }
  .captions {
    position: absolute;
    inset: auto 0 calc(var(--ams-cdn-player-control-size, 2.5em) + 1em);
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.15em;
    padding: 0 1em;
    pointer-events: none;
    font: var(--ams-cdn-player-captions-size, 1.1em) / 1.3 system-ui, sans-serif;
    text-align: center;
  }
  .captions span {
    padding: 0.1em 0.4em;
    color: var(--ams-cdn-player-captions-color, #fff);
    background: var(--ams-cdn-player-captions-background, rgb(0 0 0 / 0.75));
    white-space: pre-wrap;
  }
  .message,
  .unmute {
    position: absolute;
    font: 1rem/1.4 system-ui, sans-serif;
  }
  .message {
    inset: 0;
    display: grid;
    place-items: center;
    padding: 1em;
    text-align: center;
    pointer-events: none;
  }
  .error {
    background: #000000bb;
  }
  .unmute {
    top: 0.75em;
    left: 0.75em;
    padding: 0.5em 1em;
    border: 0;
    border-radius: 0.25em;
    background: #ffffffee;
    color: #000;
    font-weight: 600;
    cursor: pointer;
  }
  .unmute:focus-visible {
    outline: 3px solid #4c9ffe;
    outline-offset: 2px;
  }
`;
