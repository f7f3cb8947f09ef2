/**
 * What the page and the viewer asked of playback and sound, held against what the browser does by
 * itself. The asks come through the element (play(), pause(), `muted`), the controls' included.
 * The browser plays and pauses on its own now and then: autoplay policies pause a video that turns
 * audible without a gesture; WebKitGTK played a video again 0.1 s after the viewer's pause, paused
 * it 20 to 50 ms after the viewer's play as a seek finished, and unmuted it as playback started.
 * A play or pause within a moment of the opposite ask is the browser's, and is undone; so is an
 * unmute the element did not ask for, at once. (Where playback starts, muted or not: autoplay.ts.)
 *
 * Any key or pointer press used to let such a move stand, as possibly the viewer's: WebKitGTK's
 * own play came between the viewer's space key and the button's click, passed for the viewer's,
 * and the click then paused.
 */

/** The moment after an ask in which the browser's own opposite move is undone. */
const undoWindowMs = 1000;

/** Whether a change of the video's play state now undoes what was asked at `askedAt`. */
function undoesAsk(askedAt: number): boolean {
  return performance.now() - askedAt <= undoWindowMs;
}

export interface PlayIntentHost {
  video: HTMLVideoElement | null;
  isConnected: boolean;
  /** The element's `muted`: what the page or the viewer asked of the sound. */
  muted?: boolean;
}

export class PlayIntent {
  readonly #host: PlayIntentHost;
  /**
   * When pause() was asked, null once the video has played since: its pause is the page's,
   * whenever the events come, and a play that follows within a moment, unasked, is undone.
   */
  #pauseAskedAt: number | null = null;
  /** When play() was asked, null once pause() is: a pause within a moment after it, unasked, is undone. */
  #playAskedAt: number | null = null;

  constructor(host: PlayIntentHost) {
    this.#host = host;
  }

  /** Paused as last asked: after pause(), true even while the browser plays the video by itself for a moment. */
  get paused(): boolean {
    return this.#pauseAskedAt !== null || (this.#host.video?.paused ?? true);
  }

  play(): Promise<void> {
    this.#pauseAskedAt = null;
    this.#playAskedAt = performance.now();
    return this.#host.video?.play() ?? Promise.resolve();
  }

  pause(): void {
    this.#pauseAskedAt = performance.now();
    this.#playAskedAt = null;
    this.#host.video?.pause();
  }

  /** The video's `play` event. */
  onPlay(): void {
    if (this.#pauseAskedAt !== null && undoesAsk(this.#pauseAskedAt)) {
      // The pause stands for another moment from here: on a busy machine WebKitGTK played again by
      // itself after each such pause, 0.2 to 0.7 s apart, until the first moment had passed.
      this.#pauseAskedAt = performance.now();
      this.#host.video!.pause();
      return;
    }
    this.#pauseAskedAt = null;
  }

  /** The video's `pause` event: one nobody asked for, a moment after play(), is undone (not extended: the browser may pause again). */
  onPause(): void {
    const video = this.#host.video!;
    if (!this.#host.isConnected || this.#playAskedAt === null || this.#pauseAskedAt !== null || video.ended || !undoesAsk(this.#playAskedAt)) return;
    video.play().catch(() => {});
  }

  /**
   * The video's `volumechange` event. The element's `muted` is the truth for sound: an unmute of
   * the video it did not ask for is undone (true is returned), and while playback is wanted, the
   * pauses an autoplay policy then makes are undone for a moment too (the unmute was not the
   * viewer's). An unmute within a second of any press used to pass for the viewer's: WebKitGTK's
   * came just after the viewer's click on mute, and the mute button then showed sound.
   */
  undoUnaskedUnmute(playbackWanted: boolean): boolean {
    const video = this.#host.video!;
    if (!this.#host.muted || video.muted) return false;
    video.muted = true;
    if (playbackWanted) this.#playOnThroughPolicyPauses(video);
    return true;
  }

  /**
   * Autoplay policies (Chrome's, WebKit's) pause a playing video that turns audible without the
   * viewer's gesture, and still do once the unmute is undone. Muted again, it may play: so for a
   * moment each such pause is undone, unless a pause was asked (it stays a pause). WebKitGTK paused
   * twice, 20 ms apart; Chrome once.
   */
  #playOnThroughPolicyPauses(video: HTMLVideoElement): void {
    const playOn = (): void => {
      if (video.paused && this.#host.isConnected && this.#pauseAskedAt === null) video.play().catch(() => {});
    };
    video.addEventListener('pause', playOn);
    setTimeout(() => video.removeEventListener('pause', playOn), undoWindowMs);
  }
}
