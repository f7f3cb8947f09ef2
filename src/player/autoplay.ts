/** How a start of playback went: with sound, muted because sound was refused, or not at all. */
export type AutoplayOutcome = 'playing' | 'muted' | 'refused';

/**
 * Starts playback the way viewers expect from autoplaying live video: with sound when the browser
 * allows it, otherwise muted (browsers allow that) so the picture runs and the viewer can unmute.
 */
export async function startPlayback(video: HTMLVideoElement): Promise<AutoplayOutcome> {
  try {
    await video.play();
    return 'playing';
  } catch (error) {
    // Refused for another reason than sound (no source, aborted by a pause), or muted already.
    if ((error as DOMException).name !== 'NotAllowedError' || video.muted) return 'refused';
  }
  video.muted = true;
  return video.play().then(
    () => 'muted',
    () => 'refused',
  );
}
