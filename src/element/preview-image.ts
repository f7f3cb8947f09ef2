import { html, nothing, type ReactiveControllerHost } from 'lit';

/**
 * AMS's preview image of the stream (`{base}/previews/{id}.png`), over the video until its first
 * frame, unless the page sets a `poster`. An image of its own rather than the video's poster: a
 * poster has no crossorigin, and would send cookies where the player's requests send none.
 */
export class PreviewImage {
  readonly #host: ReactiveControllerHost;
  #url: string | null = null;
  /** The image goes with cookies (`crossorigin="use-credentials"`), as every request does. */
  #withCredentials = false;
  /** The video has a frame to show: the preview steps aside. */
  #hasFrame = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** The image for the stream now starting; null: none (`no-preview`, or inputs not valid). */
  show(url: string | null, { withCredentials }: { withCredentials: boolean }): void {
    this.#url = url;
    this.#withCredentials = withCredentials;
    this.#host.requestUpdate();
  }

  /** The video's `loadeddata` or `emptied`: whether it has a frame of its own to show now. */
  videoChanged(video: HTMLVideoElement): void {
    this.#hasFrame = video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    this.#host.requestUpdate();
  }

  render({ poster }: { poster: string | null | undefined }) {
    if (!this.#url || poster != null || this.#hasFrame) return nothing;
    return html`<img part="preview" class="preview" alt="" src=${this.#url} crossorigin=${this.#withCredentials ? 'use-credentials' : 'anonymous'} />`;
  }
}
