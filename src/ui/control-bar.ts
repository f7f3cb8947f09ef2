import { html, nothing } from 'lit';
import { exitFullscreenIcon, fullscreenIcon, mutedIcon, pauseIcon, pipIcon, playIcon, soundIcon } from './icons.js';

export interface ControlBarOptions {
  paused: boolean;
  muted: boolean;
  volume: number;
  fullscreen: boolean | null;
  pictureInPicture: boolean | null;
  togglePlay(): void;
  toggleMute(): void;
  setVolume(volume: number): void;
  toggleFullscreen(): void;
  togglePictureInPicture(): void;
}

/**
 * Play/pause, mute and volume on the left; full screen and picture-in-picture (null when the browser
 * cannot) on the right. Labels are visually hidden slotted text, so a page can translate them.
 */
export function playbackButtons(options: ControlBarOptions) {
  const { paused, muted, volume } = options;
  const onVolume = (event: Event): void => options.setVolume(Number((event.target as HTMLInputElement).value));
  return html`
    <button part="button play-button" type="button" aria-keyshortcuts="k" @click=${options.togglePlay}>
      ${paused ? playIcon : pauseIcon}
      <span class="visually-hidden">${paused ? html`<slot name="play-label">Play</slot>` : html`<slot name="pause-label">Pause</slot>`}</span>
    </button>
    <button part="button mute-button" type="button" aria-keyshortcuts="m" aria-pressed=${String(muted)} @click=${options.toggleMute}>
      ${muted ? mutedIcon : soundIcon}
      <span class="visually-hidden"><slot name="mute-label">Mute</slot></span>
    </button>
    <label class="volume">
      <span class="visually-hidden"><slot name="volume-label">Volume</slot></span>
      <input part="volume" type="range" min="0" max="1" step="0.05" .value=${String(muted ? 0 : volume)} @input=${onVolume} />
    </label>
  `;
}

export function windowButtons(options: ControlBarOptions) {
  const { fullscreen, pictureInPicture } = options;
  return html`
    ${pictureInPicture === null
      ? nothing
      : html`<button part="button pip-button" type="button" aria-pressed=${String(pictureInPicture)} @click=${options.togglePictureInPicture}>
          ${pipIcon}<span class="visually-hidden"><slot name="pip-label">Picture in picture</slot></span>
        </button>`}
    ${fullscreen === null
      ? nothing
      : html`<button part="button fullscreen-button" type="button" aria-keyshortcuts="f" aria-pressed=${String(fullscreen)} @click=${options.toggleFullscreen}>
          ${fullscreen ? exitFullscreenIcon : fullscreenIcon}<span class="visually-hidden"><slot name="fullscreen-label">Full screen</slot></span>
        </button>`}
  `;
}
