import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type Hls from 'hls.js';
import type { HlsConfig } from 'hls.js';
import { playerEvent, type PlayerErrorDetail, type SourceChangeDetail, type StatusChangeDetail } from './player-events.js';
import { PlayerError } from '../common/player-error.js';
import { inputsAppliedInPlace, planStart } from './element-inputs.js';
import type { PlayerStatus } from '../common/player-status.js';
import { playerStyles } from './player-styles.js';
import { PreviewImage } from './preview-image.js';
import { statusMessages } from './status-message.js';
import { StreamPlayer } from '../player/stream-player.js';
import type { MetadataDetail } from './timed-metadata.js';
import { PlayIntent } from './play-intent.js';
import type { AudioTrackInfo } from '../session/playback-session.js';
import type { CaptionTrack } from './captions.js';
import { watchLazyTextTracks, type LazyTextTracks } from './lazy-text-tracks.js';
import type { PlayerUi } from '../ui/player-ui.js';

export type { PlayerErrorDetail, SourceChangeDetail, StatusChangeDetail } from './player-events.js';
export type { MetadataDetail, MetadataFrame } from './timed-metadata.js';
export type { AudioTrackInfo } from '../session/playback-session.js';
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
 *
 * @csspart video - The video element.
 * @csspart captions - The subtitles or captions showing, over the video and above the controls.
 * @csspart preview - AMS's preview image of the stream, over the video until its first frame (without `poster`).
 * @csspart message - The overlay text for waiting, ended and error states.
 * @csspart error-message - The overlay text in the error state.
 * @csspart unmute-button - The button offered after a muted autoplay.
 *
 * @cssprop [--ams-cdn-player-aspect-ratio=16 / 9] - Aspect ratio of the player box.
 * @cssprop [--ams-cdn-player-background=black] - Background behind the video.
 * @cssprop [--ams-cdn-player-message-color=white] - Colour of overlay text.
 * @cssprop [--ams-cdn-player-captions-color=white] - Text of subtitles and captions.
 * @cssprop [--ams-cdn-player-captions-background=rgb(0 0 0 / 0.75)] - Behind each line of subtitles and captions.
 * @cssprop [--ams-cdn-player-captions-size=1.1em] - Font size of subtitles and captions.
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
  readonly #preview = new PreviewImage(this);
  #textTracks?: LazyTextTracks;

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
    return this.#textTracks?.captions?.tracks() ?? [];
  }

  /** The id of the caption track showing (see `captions`), or -1. */
  get captionTrack(): number {
    return this.#textTracks?.captions?.selected() ?? -1;
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
      this.#preview.show(null, { withCredentials: false });
      try {
        const plan = planStart(this, location);
        player.start(plan.settings);
        this.#preview.show(plan.previewImage, { withCredentials: plan.previewWithCredentials });
        // AMS links carry "webrtc,hls": the page hears what was skipped, and the rest plays.
        for (const reason of plan.skipped) {
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
      import('../ui/player-ui.js').then(
        ({ PlayerUi }) => (this.#ui = new PlayerUi(this)),
        // The chunk is missing (a drop-in copied without it) or the network failed: the browser's own controls.
        () => (this.#ui = 'failed'),
      ).then(() => this.requestUpdate());
    }
    this.#textTracks ??= watchLazyTextTracks({
      video: this.video!,
      captionsLanguage: () => this.captions ?? null,
      onMetadata: (detail) => this.dispatchEvent(playerEvent<MetadataDetail>('metadata', detail)),
      onCaptionsChange: () => this.requestUpdate(),
    });
    if (changed.has('captions')) this.#textTracks.captions?.update();
    if (!this.#player || [...changed.keys()].some((name) => !inputsAppliedInPlace.has(name as string))) {
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
      @play=${() => this.#intent.onPlay()}
      @pause=${() => this.#intent.onPause()}
      @loadeddata=${() => this.#preview.videoChanged(this.video!)}
      @emptied=${() => this.#preview.videoChanged(this.video!)}
    ></video>`;
    const preview = this.#preview.render({ poster: this.poster });
    const messages = { errorMessage: this.#errorMessage, mutedAutoplay: this.#mutedAutoplay };
    const overlay = ui ? ui.render(messages) : statusMessages({ status: this.status, ...messages, unmute: this.#unmute });
    return html`${video}${preview}${this.#textTracks?.captions?.render()}${overlay}`;
  }

  #reportError({ code, message, fatal, attribute }: PlayerError): void {
    // Shown in the error status only. A second input error leaves the status at error: the new message still shows.
    this.#errorMessage = message;
    this.requestUpdate();
    this.dispatchEvent(playerEvent<PlayerErrorDetail>('player-error', { code, message, fatal, ...(attribute && { attribute }) }));
  }

  // Lit calls these listeners with the element as `this`.
  #onVolumeChange(): void {
    // An unmute the element did not ask for (WebKitGTK's media backend, a script) is undone.
    if (this.#intent.undoUnaskedUnmute(this.#player?.playbackWanted ?? false)) return;
    this.muted = this.video!.muted;
    // Unmuted: the change of `muted` updates the template.
    if (!this.muted) this.#mutedAutoplay = false;
  }

  /** The element asks for sound, and the video gets it in the click's user activation, so the browser lets it on. */
  #unmute(): void {
    this.muted = false;
    this.video!.muted = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ams-cdn-player': AmsCdnPlayer;
  }
}
