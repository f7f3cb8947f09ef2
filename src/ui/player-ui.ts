import { adoptStyles, html, nothing, type LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type Hls from 'hls.js';
import type { StatusChangeDetail } from '../element/player-events.js';
import type { PlayerStatus } from '../common/player-status.js';
import { unmuteButton } from '../element/status-message.js';
import { playbackButtons, windowButtons, type ControlBarOptions } from './control-bar.js';
import { seekPosition, seekWindow } from './format.js';
import { lastRange } from '../common/media-buffer.js';
import { focusKind, keyAction, seekStepSeconds, volumeStep, type KeyAction } from './keyboard.js';
import { liveBadge } from './live-badge.js';
import { seekBar } from './seek-bar.js';
import { qualityMenu } from './quality-menu.js';
import { audioMenu } from './audio-menu.js';
import { captionsMenu } from './captions-menu.js';
import type { CaptionTrack } from '../element/captions.js';
import type { AudioTrackInfo } from '../session/playback-session.js';
import { statsPanel } from './stats-panel.js';
import { statusOverlay } from './status-overlay.js';
import { uiStyles } from './ui-styles.js';

/**
 * What the controls need of the element: its public API, as a page's own controls would use it,
 * plus Lit's controller hooks. (An interface, not the element class, so
 * that this lazily loaded module does not import the element back.)
 */
export interface PlayerUiHost extends HTMLElement, ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly video: HTMLVideoElement | null;
  /** Paused as the page or the viewer last asked (the element's, not the video's for a moment). */
  readonly paused: boolean;
  readonly hls: Hls | null;
  readonly latency: number | null;
  readonly status: PlayerStatus;
  /** Whether the player is muted: the element's own state, which the video's sound follows (setting it asks for that). */
  muted?: boolean;
  readonly controls?: boolean;
  readonly stats?: boolean;
  readonly captionTracks: CaptionTrack[];
  readonly captionTrack: number;
  readonly audioTracks: AudioTrackInfo[];
  readonly playingAudioTrack: number;
  selectAudioTrack(id: number): void;
  captions?: string | null;
  play(): Promise<void>;
  pause(): void;
  seekToLive(): void;
  reload(): void;
}

/** The element's internal state that the controls show; passed on each render. */
export interface UiState {
  errorMessage: string;
  mutedAutoplay: boolean;
}

/** Latency, buffer and the LIVE badge change without events of their own: redrawn this often. */
const refreshMs = 500;

/** The bar fades this long after the mouse last moved over a playing video. */
const idleMs = 3000;

const ignoreRejection = (): void => {};

/**
 * The built-in controls of <ams-cdn-player controls>, loaded only when a page asks for them. A Lit
 * controller rendering into the element's own shadow root: the element's slots and parts reach it
 * directly. It drives the element only through its public API (play, pause, seekToLive, reload,
 * video, hls, latency), as a page's own controls would.
 */
export class PlayerUi implements ReactiveController {
  readonly #player: PlayerUiHost;
  #run: AbortController | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The hls.js instance listened to; a reconnect brings a new one. */
  #hls: Hls | null = null;
  #stalls = 0;
  #addedTabIndex = false;
  #autoLabel = 'Auto';
  /** The mouse rests on, or has left, a playing player: the bar fades (not while it has focus). */
  #idle = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(player: PlayerUiHost) {
    this.#player = player;
    const root = player.renderRoot;
    if (root instanceof ShadowRoot) {
      // The element's own styles stay; the controls' join them.
      adoptStyles(root, [...(player.constructor as typeof LitElement).elementStyles, uiStyles]);
    }
    player.addController(this);
  }

  hostConnected(): void {
    const player = this.#player;
    this.#run = new AbortController();
    const { signal } = this.#run;
    const video = player.video;
    for (const type of ['play', 'pause', 'volumechange', 'loadedmetadata', 'durationchange', 'seeked', 'enterpictureinpicture', 'leavepictureinpicture']) {
      video?.addEventListener(type, this.#refresh, { signal });
    }
    player.addEventListener('status-change', (event) => {
      if ((event as CustomEvent<StatusChangeDetail>).detail.status === 'stalled') this.#stalls += 1;
      this.#attachHls();
    }, { signal });
    player.addEventListener('source-change', () => this.#attachHls(), { signal });
    player.addEventListener('keydown', (event) => this.#onKey(event), { signal });
    // A click on the picture plays or pauses, as in most players.
    player.addEventListener('click', (event) => {
      if (player.controls && event.composedPath()[0] === player.video) this.#do('toggle-play');
    }, { signal });
    // Only a mouse fades the bar: on touch screens it stays, as nothing would bring it back but a tap.
    player.addEventListener('pointermove', (event) => {
      if (event.pointerType === 'mouse') this.#wake(true);
    }, { signal });
    player.addEventListener('pointerleave', (event) => {
      if (event.pointerType === 'mouse') this.#setIdle(true);
    }, { signal });
    document.addEventListener('fullscreenchange', this.#refresh, { signal });
    this.#timer = setInterval(() => {
      if (player.controls) this.#refresh();
    }, refreshMs);
    this.#attachHls();
  }

  hostDisconnected(): void {
    this.#run?.abort();
    clearInterval(this.#timer);
    clearTimeout(this.#idleTimer);
    this.#attachHls(null);
  }

  /** The controls take keyboard focus only while shown, so a page's own UI keeps the tab order it set. */
  hostUpdate(): void {
    const player = this.#player;
    if (player.controls && !player.hasAttribute('tabindex')) {
      player.tabIndex = 0;
      this.#addedTabIndex = true;
    } else if (!player.controls && this.#addedTabIndex) {
      player.removeAttribute('tabindex');
      this.#addedTabIndex = false;
    }
  }

  render(state: UiState) {
    const player = this.#player;
    const video = player.video!;
    const hls = player.hls;
    const latency = player.latency;
    // A recording's length, or a live window long enough to rewind in.
    const window = this.#seekWindow();
    const bar: ControlBarOptions = {
      paused: video.paused,
      // The element's own: WebKitGTK's media backend unmutes a starting video for a moment, and the
      // element mutes it again (src/ams-cdn-player.ts); the button never shows that moment.
      muted: player.muted === true,
      volume: video.volume,
      fullscreen: this.#fullscreen(),
      pictureInPicture: this.#pictureInPicture(),
      togglePlay: () => this.#do('toggle-play'),
      toggleMute: () => this.#do('toggle-mute'),
      setVolume: (volume) => this.#setVolume(volume),
      toggleFullscreen: () => this.#do('toggle-fullscreen'),
      togglePictureInPicture: () => this.#togglePictureInPicture(),
    };
    return html`<div class="ui">
      ${statusOverlay({ status: player.status, errorMessage: state.errorMessage, retry: () => player.reload() })}
      ${state.mutedAutoplay ? unmuteButton({ unmute: this.#unmute }) : nothing}
      ${player.stats ? statsPanel({ video, hls, latency, stalls: this.#stalls }) : nothing}
      <div part="controls" class=${this.#idle && !video.paused ? 'idle' : ''}>
        <div class="group">
          ${playbackButtons(bar)}
          ${window ? seekBar({ ...window, currentTime: video.currentTime, seek: this.#seek }) : nothing}
          ${window?.live === false
            ? nothing
            : liveBadge({
                latency,
                targetLatency: hls?.targetLatency ?? null,
                syncPosition: hls?.liveSyncPosition ?? null,
                currentTime: video.currentTime,
                seekToLive: this.#seekToLive,
              })}
        </div>
        <div class="group">${this.#captionsMenu()}${audioMenu({ tracks: player.audioTracks, selected: player.playingAudioTrack, choose: (id) => player.selectAudioTrack(id) })}${qualityMenu({ hls, autoLabel: this.#autoLabel })}${windowButtons(bar)}</div>
      </div>
      <slot name="quality-auto-label" hidden @slotchange=${this.#onAutoLabel}></slot>
    </div>`;
  }

  #refresh = (): void => this.#player.requestUpdate();

  #attachHls(hls: Hls | null = this.#player.hls): void {
    if (hls === this.#hls) return;
    const previous = this.#hls;
    if (previous) {
      const { Events } = previous.constructor as typeof Hls;
      previous.off(Events.MANIFEST_PARSED, this.#refresh);
      previous.off(Events.LEVEL_SWITCHED, this.#refresh);
      previous.off(Events.LEVELS_UPDATED, this.#refresh);
      previous.off(Events.AUDIO_TRACKS_UPDATED, this.#refresh);
      previous.off(Events.AUDIO_TRACK_SWITCHED, this.#refresh);
    }
    this.#hls = hls;
    if (hls) {
      // The class from the instance: this module never loads hls.js itself.
      const { Events } = hls.constructor as typeof Hls;
      hls.on(Events.MANIFEST_PARSED, this.#refresh);
      hls.on(Events.LEVEL_SWITCHED, this.#refresh);
      hls.on(Events.LEVELS_UPDATED, this.#refresh);
      hls.on(Events.AUDIO_TRACKS_UPDATED, this.#refresh);
      hls.on(Events.AUDIO_TRACK_SWITCHED, this.#refresh);
    }
    this.#refresh();
  }

  #wake(thenRest: boolean): void {
    this.#setIdle(false);
    clearTimeout(this.#idleTimer);
    if (thenRest) this.#idleTimer = setTimeout(() => this.#setIdle(true), idleMs);
  }

  #setIdle(idle: boolean): void {
    if (idle === this.#idle) return;
    this.#idle = idle;
    this.#refresh();
  }

  #onKey(event: KeyboardEvent): void {
    if (!this.#player.controls) return;
    this.#wake(false);
    if (event.defaultPrevented) return;
    const action = keyAction(event, focusKind(event.composedPath()[0] as Element | undefined));
    if (!action) return;
    event.preventDefault();
    this.#do(action);
  }

  #do(action: KeyAction): void {
    const player = this.#player;
    const video = player.video;
    if (!video) return;
    switch (action) {
      case 'toggle-play':
        // The element's state, not the video's: the engine may have played it by itself after a pause.
        if (player.paused) player.play().catch(ignoreRejection);
        else player.pause();
        return;
      case 'toggle-mute':
        this.#setMuted(!player.muted);
        if (!video.muted && video.volume === 0) video.volume = 0.5;
        return;
      case 'volume-up':
      case 'volume-down':
        return this.#setVolume((player.muted ? 0 : video.volume) + (action === 'volume-up' ? volumeStep : -volumeStep));
      case 'seek-back':
      case 'seek-forward': {
        const { seekable } = video;
        // Forward no further than where hls.js aims to play: past it the buffer would run dry at once.
        const end = Math.min(seekable.length ? seekable.end(seekable.length - 1) : 0, player.hls?.liveSyncPosition ?? Infinity);
        const window = seekable.length ? { start: seekable.start(0), end: Math.max(end, seekable.start(0)) } : null;
        const position = seekPosition(video.currentTime, action === 'seek-back' ? -seekStepSeconds : seekStepSeconds, window);
        if (position !== null) video.currentTime = position;
        return;
      }
      case 'seek-start': {
        const window = this.#seekWindow();
        if (window) video.currentTime = window.start;
        return;
      }
      case 'go-live': {
        const window = this.#seekWindow();
        if (window?.live === false) video.currentTime = window.end;
        else this.#seekToLive();
        return;
      }
      case 'toggle-fullscreen':
        return this.#toggleFullscreen();
    }
  }

  #setVolume(volume: number): void {
    const video = this.#player.video;
    if (!video) return;
    const clamped = Math.min(1, Math.max(0, Math.round(volume * 100) / 100));
    video.volume = clamped;
    this.#setMuted(clamped === 0);
  }

  /**
   * The viewer's choice of sound: the element's `muted` (the element undoes any other unmute), and
   * the video's at once, inside the press's user activation, so the browser lets the sound on.
   */
  #setMuted(muted: boolean): void {
    const player = this.#player;
    player.muted = muted;
    if (player.video) player.video.muted = muted;
  }

  #unmute = (): void => this.#setMuted(false);

  #captionsMenu() {
    const player = this.#player;
    return captionsMenu({ tracks: player.captionTracks, selected: player.captionTrack, choose: (captions) => (player.captions = captions) });
  }

  #seekWindow(): ReturnType<typeof seekWindow> {
    const video = this.#player.video;
    if (!video) return null;
    return seekWindow({
      seekable: lastRange(video.seekable),
      duration: video.duration,
      liveSyncPosition: this.#player.hls?.liveSyncPosition ?? null,
    });
  }

  #seek = (position: number): void => {
    const video = this.#player.video;
    if (video) video.currentTime = position;
  };

  #seekToLive = (): void => {
    const player = this.#player;
    player.seekToLive();
    if (player.video?.paused) player.play().catch(ignoreRejection);
  };

  /** Null when the browser offers no full screen for this element (the button is then left out). */
  #fullscreen(): boolean | null {
    const video = this.#player.video as (HTMLVideoElement & { webkitEnterFullscreen?: () => void }) | null;
    if (!document.fullscreenEnabled && !video?.webkitEnterFullscreen) return null;
    return document.fullscreenElement === this.#player;
  }

  #toggleFullscreen(): void {
    const player = this.#player;
    if (document.fullscreenElement === player) {
      document.exitFullscreen().catch(ignoreRejection);
    } else if (document.fullscreenEnabled) {
      // The whole element, so the controls stay on the picture.
      player.requestFullscreen().catch(ignoreRejection);
    } else {
      // iOS Safari: only the video itself can go full screen, with the system's controls.
      (player.video as HTMLVideoElement & { webkitEnterFullscreen?: () => void })?.webkitEnterFullscreen?.();
    }
  }

  #pictureInPicture(): boolean | null {
    const video = this.#player.video;
    if (!video || !document.pictureInPictureEnabled || video.disablePictureInPicture) return null;
    return document.pictureInPictureElement === video;
  }

  #togglePictureInPicture(): void {
    const video = this.#player.video;
    if (!video) return;
    if (document.pictureInPictureElement === video) document.exitPictureInPicture().catch(ignoreRejection);
    else video.requestPictureInPicture().catch(ignoreRejection);
  }

  #onAutoLabel = (event: Event): void => {
    const slot = event.target as HTMLSlotElement;
    const text = slot.assignedNodes({ flatten: true }).map((node) => node.textContent ?? '').join('').trim();
    this.#autoLabel = text || 'Auto';
    this.#refresh();
  };
}
