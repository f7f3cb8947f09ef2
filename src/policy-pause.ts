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
 * Whether a change of the video's play state now undoes what the page (or the viewer, through the
 * controls) asked for at `askedAt`: within the window after the ask, with no key or pointer press
 * of the viewer's since (the press that made the ask came before it, so it does not count).
 * - A play after the page's pause(): a play-on's `play` event can arrive after the pause, and
 *   WebKitGTK ends its policy pause by playing the video again by itself. The pause stands.
 * - A pause after the page's play(): WebKitGTK pauses a video 20 to 50 ms after the viewer's play
 *   when a seek that began before it finishes. The play stands.
 */
export function undoesPageRequest(askedAt: number): boolean {
  return performance.now() - askedAt <= policyPauseWindowMs && !viewerActedSince(askedAt);
}
