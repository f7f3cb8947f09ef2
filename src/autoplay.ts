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
    if ((error as DOMException).name !== 'NotAllowedError' || video.muted) return 'refused';
  }
  video.muted = true;
  try {
    await video.play();
    return 'muted';
  } catch {
    return 'refused';
  }
}
