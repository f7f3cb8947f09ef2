import { viewerActedSince } from './viewer-input.js';

/**
 * How long after an unmute was undone a pause counts as the autoplay policy's. WebKitGTK paused
 * twice, 20 ms apart; Chrome once, at once.
 */
const policyPauseWindowMs = 1000;

/**
 * Autoplay policies (Chrome's, WebKit's) pause a playing video that turns audible without the
 * viewer's gesture, and still do once the unmute is undone. Muted again, it may play: so for a
 * moment each such pause is undone while playback is `wanted`, unless the viewer pressed something
 * since the unmute was undone (their pause stays a pause).
 */
export function playOnThroughPolicyPauses(video: HTMLVideoElement, wanted: () => boolean): void {
  const since = performance.now();
  const playOn = (): void => {
    if (video.paused && wanted() && !viewerActedSince(since)) video.play().catch(() => {});
  };
  video.addEventListener('pause', playOn);
  setTimeout(() => video.removeEventListener('pause', playOn), policyPauseWindowMs);
}

/**
 * A video that plays again within the window after the page's own pause(), with no key or pointer
 * press of the viewer's since that pause, did so without the page: a play-on's `play` event can
 * arrive after the page's pause(), and WebKitGTK ends its policy pause by playing the video again
 * by itself, even when the page (or the viewer's own key, through the controls) paused it
 * meanwhile. The pause stands. The press that made the pause came before it, so it does not count.
 */
export function playUndoesPagePause(pauseAskedAt: number): boolean {
  return performance.now() - pauseAskedAt <= policyPauseWindowMs && !viewerActedSince(pauseAskedAt);
}
