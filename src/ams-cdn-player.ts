import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type Hls from 'hls.js';
import type { HlsConfig } from 'hls.js';
import { playerEvent, type PlayerErrorDetail, type SourceChangeDetail, type StatusChangeDetail } from './player-events.js';
import { PlayerError } from './player-error.js';
import { parseCrossOrigin, parseSeconds } from './player-inputs.js';
import type { PlayerStatus } from './player-status.js';
import { playerStyles } from './player-styles.js';
import { hasStatusText, statusText, unmuteButton } from './status-message.js';
import { StreamPlayer } from './stream-player.js';
import type { MetadataDetail } from './timed-metadata.js';
import { PlayIntent } from './play-intent.js';
import type { AudioTrackInfo } from './audio-tracks.js';
import type { CaptionTrack, Captions } from './captions.js';
import { previewImageUrl, skippedPlayOrderEntries, streamCandidates, streamCredentials } from './stream-url.js';
import { credentialedUrl } from './request-credentials.js';
import type { PlayerUi } from './ui/player-ui.js';

/** Inputs that change which stream plays or how: a change reloads the player. */
const sourceProperties: (keyof AmsCdnPlayer)[] = [
  'domain',
  'app',
  'streamId',
  'backupStreamId',
  'playOrder',
  'playType',
  'token',
  'backupToken',
  'subscriberId',
  'subscriberCode',
  'crossOrigin',
  'start',
  'end',
  'targetLatency',
  'errorTtl',
  'maxWait',
  'audioTrack',
  'hlsConfig',
  'noPreview',
];

export type { PlayerErrorDetail, SourceChangeDetail, StatusChangeDetail } from './player-events.js';
export type { MetadataDetail, MetadataFrame } from './timed-metadata.js';
export type { AudioTrackInfo } from './audio-tracks.js';
export type { CaptionTrack } from './captions.js';

/**
 * Plays an Ant Media Server live stream (HLS or LL-HLS) through a CloudFront distribution.
 *
 * @element ams-cdn-player
 *
 * @attr {string} domain - CloudFront domain (`d1234.cloudfront.net`, optional port) or `http(s)://` origin; default: the page's origin.
 * @attr {string} app - Path prefix for distributions whose origin path is empty (e.g. `live`).
 * @attr {string} stream-id - The AMS stream id.
 * @attr {string} backup-stream-id - Played, in the same play order, while the main stream is not live; the main one plays again as soon as it is.
 * @attr {string} play-order - Comma-separated `hls`, `ll-hls`, `vod` (the recording), tried in order; `webrtc` and `dash` are skipped with a non-fatal `player-error`. Default `hls`.
 * @attr {string} play-type - For `vod`: the recording's file types in order, `mp4`, `webm`. Default `mp4,webm`.
 * @attr {string} token - AMS token, sent on every request to the `domain`'s origin (and to no other host a playlist names).
 * @attr {string} backup-token - The backup stream's token (a JWT names one stream); without it, the backup gets `token`.
 * @attr {string} subscriber-id - AMS subscriber id, sent on every request to the `domain`'s origin.
 * @attr {string} subscriber-code - AMS subscriber TOTP code, sent on every request to the `domain`'s origin.
 * @attr {string} crossorigin - `use-credentials` sends the page's cookies with every request to the `domain`'s origin (CloudFront signed cookies, AMS viewer counting); absent or `anonymous`: none.
 * @attr {string} start - With `end`: an interval of a recorded HLS stream, passed on the playlist URL as AMS's player does.
 * @attr {string} end - See `start`.
 * @attr {number} target-latency - Seconds behind the live edge to aim for.
 * @attr {number} error-ttl - Seconds the CDN caches a 404 (CloudFront Error Caching Minimum TTL). Default 3.
 * @attr {string} audio-track - The audio rendition to play, by language (`de`) or NAME, when the stream has several.
 * @attr {string} captions - Subtitles or captions to show, by language (`en`) or label, when the stream has them (WebVTT renditions, CEA-608); absent or empty: none. The captions menu sets it. Set before playback, it also loads hls.js's full build, which finds CEA-608 captions no master playlist declares.
 * @attr {number} max-wait - Seconds to wait for a stream that is not live yet before giving up. Default: forever.
 * @attr {boolean} autoplay - Start as soon as possible; muted if the browser refuses sound.
 * @attr {boolean} muted - Start muted.
 * @attr {boolean} playsinline - Play inline on iOS instead of full screen.
 * @attr {boolean} controls - Show the built-in controls (loaded on demand; without it the element has no controls, for a page's own UI).
 * @attr {boolean} stats - With `controls`: a panel with latency, target, buffer, bitrate, rendition, dropped frames and stalls.
 * @attr {string} poster - Image shown before the first frame. Default: the preview AMS writes, `{base}/previews/{id}.png`.
 * @attr {boolean} no-preview - Without `poster`, show no image before the first frame instead of AMS's preview.
 * @attr {PlayerStatus} status - Reflected, read-only: idle, loading, waiting, playing, stalled, ended, error.
 *
 * @fires {CustomEvent<StatusChangeDetail>} status-change - The status changed.
 * @fires {CustomEvent<PlayerErrorDetail>} player-error - Something failed; `fatal` errors stop the player.
 * @fires {CustomEvent<MetadataDetail>} metadata - Timed ID3 metadata in the stream, as the playhead reaches it: its frames (text or data) and media time.
 * @fires {CustomEvent<AudioTrackInfo>} audiotrack-change - Another audio rendition plays: its `id`, `name` and `language`.
 * @fires {CustomEvent<SourceChangeDetail>} source-change - A stream URL was chosen and starts loading; `streamId` and `backup` say which stream.
 *
 * @slot waiting-message - Shown while the stream is not available yet.
 * @slot ended-message - Shown after the broadcast ended.
 * @slot unmute-label - Label of the unmute button shown after a muted autoplay.
 * @slot error-message - With `controls`: replaces the error text (default: the error's own message).
 * @slot retry-label - With `controls`: label of the retry button in the error state.
 * @slot loading-label - With `controls`: spoken name of the loading spinner.
 * @slot play-label - With `controls`: label of the play button.
 * @slot pause-label - With `controls`: label of the pause button.
 * @slot mute-label - With `controls`: label of the mute toggle.
 * @slot volume-label - With `controls`: label of the volume slider.
 * @slot live-label - With `controls`: text of the LIVE badge.
 * @slot seek-label - With `controls`: label of a recording's seek bar.
 * @slot seek-to-live-label - With `controls`: spoken label of the LIVE badge when behind the live edge.
 * @slot behind-live-label - With `controls`: text after the latency ("behind live").
 * @slot quality-label - With `controls`: label of the quality menu.
 * @slot audio-label - With `controls`: label of the audio menu.
 * @slot captions-label - With `controls`: label of the captions menu.
 * @slot quality-auto-label - With `controls`: the menu's automatic entry ("Auto").
 * @slot pip-label - With `controls`: label of the picture-in-picture toggle.
 * @slot fullscreen-label - With `controls`: label of the full screen toggle.
 * @slot stats-latency-label - With `stats`: label of the latency row.
 * @slot stats-target-label - With `stats`: label of the target latency row.
 * @slot stats-buffer-label - With `stats`: label of the buffer-ahead row.
 * @slot stats-bitrate-label - With `stats`: label of the bitrate row.
 * @slot stats-rendition-label - With `stats`: label of the rendition row.
 * @slot stats-dropped-label - With `stats`: label of the dropped frames row.
 * @slot stats-stalls-label - With `stats`: label of the stalls row.
 *
 * @csspart video - The video element.
 * @csspart captions - The subtitles or captions showing, over the video and above the controls.
 * @csspart preview - AMS's preview image of the stream, over the video until its first frame (without `poster`).
 * @csspart message - The overlay text for waiting, ended and error states.
 * @csspart error-message - The overlay text in the error state.
 * @csspart unmute-button - The button offered after a muted autoplay.
 * @csspart overlay - With `controls`: the box over the picture in the waiting, ended and error states.
 * @csspart waiting - With `controls`: the overlay while waiting for the stream.
 * @csspart ended - With `controls`: the overlay after the broadcast ended.
 * @csspart error - With `controls`: the overlay in the error state.
 * @csspart spinner - With `controls`: the loading spinner (loading and stalled, after 500 ms).
 * @csspart retry-button - With `controls`: the retry button in the error state.
 * @csspart controls - With `controls`: the control bar.
 * @csspart button - With `controls`: every button of the bar.
 * @csspart play-button - With `controls`: play/pause.
 * @csspart mute-button - With `controls`: the mute toggle.
 * @csspart volume - With `controls`: the volume slider.
 * @csspart live-badge - With `controls`: the LIVE badge.
 * @csspart seek-bar - With `controls`: a recording's seek bar (play order `vod`).
 * @csspart time - With `controls`: a recording's position and length ("1:05 / 8:00").
 * @csspart live-edge - With `controls`: the LIVE badge while at the live edge (lit).
 * @csspart live-offset - With `controls`: how far behind live, in the badge ("-4 s").
 * @csspart latency - With `controls`: the latency readout.
 * @csspart quality-menu - With `controls`: the quality select (ABR streams only).
 * @csspart captions-menu - With `controls`: the subtitles and captions select (streams that have them).
 * @csspart audio-menu - With `controls`: the audio rendition select (streams with more than one).
 * @csspart pip-button - With `controls`: the picture-in-picture toggle.
 * @csspart fullscreen-button - With `controls`: the full screen toggle.
 * @csspart stats - With `stats`: the stats panel.
 *
 * @cssprop [--ams-cdn-player-aspect-ratio=16 / 9] - Aspect ratio of the player box.
 * @cssprop [--ams-cdn-player-background=black] - Background behind the video.
 * @cssprop [--ams-cdn-player-message-color=white] - Colour of overlay text.
 * @cssprop [--ams-cdn-player-accent-color=#3ea6ff] - Spinner, slider, retry button and focus ring.
 * @cssprop [--ams-cdn-player-live-color=#e5252a] - The LIVE badge's dot at the live edge.
 * @cssprop [--ams-cdn-player-control-color=white] - Icons and text of the controls.
 * @cssprop [--ams-cdn-player-control-background=rgb(0 0 0 / 0.65)] - Behind the control bar and stats panel.
 * @cssprop [--ams-cdn-player-control-size=2.5em] - Height and minimum width of a control button.
 * @cssprop [--ams-cdn-player-focus-color=var(--ams-cdn-player-accent-color)] - Keyboard focus ring.
 * @cssprop [--ams-cdn-player-font=system-ui, sans-serif] - Font of the controls.
 * @cssprop [--ams-cdn-player-captions-color=white] - Text of subtitles and captions.
 * @cssprop [--ams-cdn-player-captions-background=rgb(0 0 0 / 0.75)] - Behind each line of subtitles and captions.
 * @cssprop [--ams-cdn-player-captions-size=1.1em] - Font size of subtitles and captions.
 * @cssprop [--ams-cdn-player-spinner-delay=500ms] - How long loading lasts before the spinner shows.
 */
export class AmsCdnPlayer extends LitElement {
  static override styles = playerStyles;

  /**
   * The element's inputs, the one list of them: Lit reads it, the JSX typings derive the attribute
   * names and value types from it (jsx-props.ts), the manifest's analyzer reads it, and a test
   * holds the README's attribute table to the manifest. Lit's default type is String, so only
   * other types are named; without `attribute`, the attribute is the property's name in lower case.
   */
  static override properties = {
    domain: {},
    app: {},
    streamId: { attribute: 'stream-id' },
    backupStreamId: { attribute: 'backup-stream-id' },
    playOrder: { attribute: 'play-order' },
    playType: { attribute: 'play-type' },
    token: {},
    backupToken: { attribute: 'backup-token' },
    subscriberId: { attribute: 'subscriber-id' },
    subscriberCode: { attribute: 'subscriber-code' },
    crossOrigin: { attribute: 'crossorigin' },
    start: {},
    end: {},
    targetLatency: { attribute: 'target-latency' },
    errorTtl: { attribute: 'error-ttl' },
    maxWait: { attribute: 'max-wait' },
    audioTrack: { attribute: 'audio-track' },
    captions: {},
    hlsConfig: { attribute: false },
    autoplay: { type: Boolean },
    muted: { type: Boolean },
    playsinline: { type: Boolean },
    controls: { type: Boolean },
    stats: { type: Boolean },
    poster: {},
    noPreview: { type: Boolean, attribute: 'no-preview' },
    status: { reflect: true },
  } as const;

  // Inputs start undefined (no attribute, property not set): every reader treats that as absent.
  declare domain?: string | null;
  declare app?: string | null;
  declare streamId?: string | null;
  declare backupStreamId?: string | null;
  declare playOrder?: string | null;
  /** The recording's file types for `vod`, in order: `mp4,webm` (AMS's `playType`). */
  declare playType?: string | null;
  declare token?: string | null;
  /** The backup stream's own token; without it, the backup gets `token`. */
  declare backupToken?: string | null;
  declare subscriberId?: string | null;
  declare subscriberCode?: string | null;
  /** `use-credentials`: the page's cookies for the CDN go with every request; absent or `anonymous`: none. */
  declare crossOrigin?: string | null;
  /** An interval of a recorded HLS stream, passed on the playlist URL (AMS serves that part). */
  declare start?: string | number | null;
  declare end?: string | number | null;
  /** Seconds, as a number or the attribute's text. */
  declare targetLatency?: string | number | null;
  declare errorTtl?: string | number | null;
  declare maxWait?: string | number | null;
  /** The audio rendition to play, by language ("de") or NAME; absent: the stream's default. */
  declare audioTrack?: string | null;
  /** The subtitles or captions to show, by language ("en") or label; absent or empty: none. */
  declare captions?: string | null;
  declare autoplay?: boolean;
  declare muted?: boolean;
  declare playsinline?: boolean;
  declare controls?: boolean;
  declare stats?: boolean;
  declare poster?: string | null;
  /** No preview image as the poster when `poster` is not set. */
  declare noPreview?: boolean;
  /** hls.js settings merged over the player's own, for power users. */
  declare hlsConfig?: Partial<HlsConfig> | null;
  /** What the player is doing; read-only for pages. */
  declare status: PlayerStatus;

  #player?: StreamPlayer;
  /** What the page and the viewer asked of playback and sound, against what the browser does by itself. */
  readonly #intent = new PlayIntent(this);
  #streamUrl?: string | null;
  /** The built-in controls, imported on first use of `controls`; 'failed' falls back to the browser's. */
  #ui?: PlayerUi | 'loading' | 'failed';
  // Internal state the templates show. Not reactive properties: each change comes with a change of
  // `status` or `muted`, or asks for an update itself.
  /** Shown in the error status only, which every error sets first: it never needs clearing. */
  #errorMessage = '';
  /** Autoplay fell back to muted: offer to unmute until the video is unmuted. */
  #mutedAutoplay = false;
  /** AMS's preview image of the stream, the poster unless the page sets one; null without valid inputs. */
  #previewImage: string | null = null;
  /** Whether the preview goes with cookies (`crossorigin="use-credentials"`), as every request does. */
  #previewWithCredentials = false;
  /** The video has a frame to show: the preview steps aside. */
  #hasFrame = false;
  #captions?: Captions;

  constructor() {
    super();
    // Set here, not as a class field: a field would hide Lit's accessor where class fields use [[Define]].
    this.status = 'idle';
  }

  /** The video element inside the player, for what the element does not wrap. */
  get video(): HTMLVideoElement | null {
    return this.renderRoot?.querySelector('video') ?? null;
  }

  /** The hls.js instance playing now, or null (not started, native HLS, or between sessions). */
  get hls(): Hls | null {
    return this.#player?.session?.hls ?? null;
  }

  /** The URL being played, without the viewer's token (the `token` property holds it), so a page can log it; null before one is chosen. */
  get streamUrl(): string | null {
    return this.#streamUrl ?? null;
  }

  /** Seconds behind the live edge, or null when unknown. */
  get latency(): number | null {
    return this.#player?.session?.latency ?? null;
  }

  /** Where the viewer can seek from: the live window's oldest point, or a recording's start; null before there is one. */
  get seekableStart(): number | null {
    const seekable = this.video?.seekable;
    return seekable?.length ? seekable.start(seekable.length - 1) : null;
  }

  /** Where the viewer can seek to: the live edge, or a recording's end; null before there is one. */
  get seekableEnd(): number | null {
    const seekable = this.video?.seekable;
    return seekable?.length ? seekable.end(seekable.length - 1) : null;
  }

  /**
   * The playhead, in the video's seconds (seekableStart to seekableEnd). Setting it seeks: back in a
   * live window the viewer stays there, without catching up, until seekToLive().
   */
  get currentTime(): number {
    return this.video?.currentTime ?? 0;
  }

  set currentTime(seconds: number) {
    if (this.video) this.video.currentTime = seconds;
  }

  /** The stream's subtitle and caption tracks, for a page's own captions menu. */
  get captionTracks(): CaptionTrack[] {
    return this.#captions?.tracks() ?? [];
  }

  /** The id of the caption track showing (see `captions`), or -1. */
  get captionTrack(): number {
    return this.#captions?.selected() ?? -1;
  }

  /** The stream's audio renditions (EXT-X-MEDIA TYPE=AUDIO), for a page's own audio menu. */
  get audioTracks(): AudioTrackInfo[] {
    return this.#player?.session?.audioTracks?.tracks() ?? [];
  }

  /** The id of the audio rendition playing, or -1. */
  get playingAudioTrack(): number {
    return this.#player?.session?.audioTracks?.selected() ?? -1;
  }

  /** Plays the audio rendition with this id (from `audioTracks`); `audiotrack-change` follows. */
  selectAudioTrack(id: number): void {
    this.#player?.session?.audioTracks?.select(id);
  }

  /**
   * Whether playback stands paused as the page or the viewer last asked: after pause(), true even
   * while the engine plays the video again by itself for a moment (WebKitGTK did 0.1 s after a
   * pause, and a key that came then read the video's state and paused instead of playing).
   */
  get paused(): boolean {
    return this.#intent.paused;
  }

  /** Starts playback, like `video.play()`. */
  play(): Promise<void> {
    return this.#intent.play();
  }

  /** Pauses playback. */
  pause(): void {
    this.#intent.pause();
  }

  /**
   * Starts over from the inputs: a new search for the stream and a new playback session. Deferred
   * to a microtask: starting sets the status, and doing it after this update keeps Lit to one
   * update per change.
   */
  reload(): void {
    queueMicrotask(() => {
      const player = this.#player;
      if (!player || !this.isConnected) return;
      this.#streamUrl = null;
      this.#previewImage = null;
      try {
        const withCredentials = parseCrossOrigin(this.crossOrigin);
        // Every input is validated before any request: a bad attribute never reaches the network.
        player.start({
          // The element has the StreamInputs fields (domain, app, streamId, backupStreamId, playOrder, playType, the auth ones, start and end).
          candidates: streamCandidates(this, location, { cookies: withCredentials }),
          targetLatency: parseSeconds(this.targetLatency, 'target-latency', { fallback: null }),
          errorTtlSeconds: parseSeconds(this.errorTtl, 'error-ttl', { fallback: 3, allowZero: true })!,
          maxWaitSeconds: parseSeconds(this.maxWait, 'max-wait', { fallback: null }),
          userConfig: this.hlsConfig,
          autoplay: this.autoplay,
          audioTrack: this.audioTrack,
          captions: this.captions,
        });
        const previewCredentials = streamCredentials({ inputs: this, page: location, cookies: withCredentials, backup: false });
        this.#previewImage = this.noPreview ? null : credentialedUrl(previewImageUrl(this, location), previewCredentials);
        this.#previewWithCredentials = withCredentials;
        this.requestUpdate();
        // AMS links carry "webrtc,hls": the page hears what was skipped, and the rest plays.
        for (const reason of skippedPlayOrderEntries(this.playOrder)) {
          this.#reportError(new PlayerError('unsupported', `play-order: skipped ${reason}`, { attribute: 'play-order', fatal: false }));
        }
      } catch (error) {
        player.fail(error, 'invalid-input');
      }
    });
  }

  /** Jumps to the target distance behind the live edge. */
  seekToLive(): void {
    this.#player?.session?.seekToLive();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-added to a page after removal: play again (the first connection loads from updated()).
    if (this.hasUpdated) this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#player?.stop();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.controls && !this.#ui) {
      // A separate chunk: pages without `controls` never download it.
      this.#ui = 'loading';
      import('./ui/player-ui.js').then(
        ({ PlayerUi }) => (this.#ui = new PlayerUi(this)),
        // The chunk is missing (a drop-in copied without it) or the network failed: the browser's own controls.
        () => (this.#ui = 'failed'),
      ).then(() => this.requestUpdate());
    }
    if (!this.#player) {
      // The video outlives sessions: its metadata and caption tracks are watched once, whatever plays.
      this.#watchMetadataTracks();
      this.#watchCaptionTracks();
    } else if (changed.has('captions')) {
      this.#captions?.update();
    }
    if (!this.#player || sourceProperties.some((name) => changed.has(name))) {
      this.#player ??= new StreamPlayer(this.video!, {
        status: (status, previous) => {
          this.status = status;
          this.dispatchEvent(playerEvent<StatusChangeDetail>('status-change', { status, previous }));
        },
        error: (error) => this.#reportError(error),
        source: ({ url, playOrder, streamId, backup }) => {
          this.#streamUrl = url;
          this.dispatchEvent(playerEvent<SourceChangeDetail>('source-change', { url, playOrder, streamId, backup }));
        },
        audioTrack: (track) => this.dispatchEvent(playerEvent<AudioTrackInfo>('audiotrack-change', track)),
        // The video is muted already; its volumechange brings `muted` along.
        mutedAutoplay: () => {
          this.#mutedAutoplay = true;
          this.requestUpdate();
        },
      });
      this.reload();
    }
  }

  protected override render() {
    const ui = this.controls && typeof this.#ui === 'object' ? this.#ui : null;
    // Firefox makes a video a Tab stop of its own; with the built-in controls the element takes focus.
    const video = html`<video
      part="video"
      ?controls=${this.controls && this.#ui === 'failed'}
      tabindex=${this.controls && this.#ui !== 'failed' ? '-1' : nothing}
      ?playsinline=${this.playsinline}
      .muted=${this.muted}
      poster=${this.poster ?? nothing}
      @volumechange=${this.#onVolumeChange}
      @play=${this.#onPlay}
      @pause=${this.#onPause}
      @loadeddata=${this.#onFrameChange}
      @emptied=${this.#onFrameChange}
    ></video>`;
    // An image of its own rather than the video's poster: a poster has no crossorigin, and would
    // send cookies where the player's requests send none.
    const preview = this.#previewImage && this.poster == null && !this.#hasFrame
      ? html`<img part="preview" class="preview" alt="" src=${this.#previewImage} crossorigin=${this.#previewWithCredentials ? 'use-credentials' : 'anonymous'} />`
      : nothing;
    const overlay = ui ? ui.render({ errorMessage: this.#errorMessage, mutedAutoplay: this.#mutedAutoplay }) : this.#renderMessages();
    const captionLines = this.#captions?.lines() ?? [];
    const captions = captionLines.length
      ? html`<div part="captions" class="captions" aria-live="off">${captionLines.map((line) => html`<span>${line}</span>`)}</div>`
      : nothing;
    return html`${video}${preview}${captions}${overlay}`;
  }

  /** Without the built-in controls: the waiting, ended or error text, and the unmute button. */
  #renderMessages() {
    const { status } = this;
    let message: TemplateResult | typeof nothing = nothing;
    if (status === 'error') {
      message = html`<div part="message error-message" class="message error" role="alert">${this.#errorMessage}</div>`;
    } else if (hasStatusText(status)) {
      message = html`<div part="message" class="message ${status}" role="status">${statusText(status)}</div>`;
    }
    const unmute = this.#mutedAutoplay ? unmuteButton({ unmute: this.#unmute, className: 'unmute' }) : nothing;
    return [message, unmute];
  }

  #reportError({ code, message, fatal, attribute }: PlayerError): void {
    // Shown in the error status only. A second input error leaves the status at error: the new message still shows.
    this.#errorMessage = message;
    this.requestUpdate();
    this.dispatchEvent(playerEvent<PlayerErrorDetail>('player-error', { code, message, fatal, ...(attribute && { attribute }) }));
  }

  // Lit calls these listeners with the element as `this`.
  #onPlay(): void {
    this.#intent.onPlay();
  }

  #onPause(): void {
    this.#intent.onPause();
  }

  #onVolumeChange(): void {
    // An unmute the element did not ask for (WebKitGTK's media backend, a script) is undone.
    if (this.#intent.undoUnaskedUnmute(this.#player?.playbackWanted ?? false)) return;
    this.muted = this.video!.muted;
    // Unmuted: the change of `muted` updates the template.
    if (!this.muted) this.#mutedAutoplay = false;
  }

  #onFrameChange(): void {
    this.#hasFrame = this.video!.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    this.requestUpdate();
  }

  /** The element asks for sound, and the video gets it in the click's user activation, so the browser lets it on. */
  #unmute(): void {
    this.muted = false;
    this.video!.muted = false;
  }

  /**
   * Timed ID3 metadata: its code loads with the video's first metadata track (hls.js adds one when a
   * stream carries ID3), so the many streams without any never download it.
   */
  #watchMetadataTracks(): void {
    this.#onFirstTrack(['metadata'], () => import('./timed-metadata.js').then(
      ({ watchTimedMetadata }) => watchTimedMetadata(this.video!, (detail) => this.dispatchEvent(playerEvent<MetadataDetail>('metadata', detail))),
      // The chunk is missing (a drop-in copied without it): the stream plays on without metadata events.
      () => {},
    ));
  }

  #watchCaptionTracks(): void {
    this.#onFirstTrack(['subtitles', 'captions'], () => import('./captions.js').then(
      ({ attachCaptions }) => {
        this.#captions = attachCaptions({ video: this.video!, language: () => this.captions ?? null, onChange: () => this.requestUpdate() });
      },
      // The chunk is missing (a drop-in copied without it): the stream plays on without captions.
      () => {},
    ));
  }

  /** Runs `load` once, when the video has a text track of one of these kinds: most streams have none, and never download its code. */
  #onFirstTrack(kinds: string[], load: () => void): void {
    const tracks = this.video!.textTracks;
    const check = (): void => {
      if (![...tracks].some((track) => kinds.includes(track.kind))) return;
      tracks.removeEventListener('addtrack', check);
      load();
    };
    tracks.addEventListener('addtrack', check);
    check();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ams-cdn-player': AmsCdnPlayer;
  }
}
