/**
 * A failure of the video that nothing answers. hls.js answers the video's `error` with one of its
 * own (a MediaSource that closed) within about 2 s in the browser tests, and the session's media
 * error ladder takes that. Once, after its own recovery from a fatal error, it raised none: the
 * video failed again at the same broken segment and the player stood still for good, `stalled`,
 * with the error on the video (traced in the browser suite). So an error still on the video after
 * `graceMs`, with no fresh source since (a new MediaSource clears `video.error`), is handed to the
 * ladder as if hls.js had raised it.
 */
export function watchUnansweredMediaErrors({ video, graceMs, onUnanswered }: {
  video: HTMLVideoElement;
  graceMs: number;
  onUnanswered(error: MediaError): void;
}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onError = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (video.error) onUnanswered(video.error);
    }, graceMs);
  };
  const onFreshSource = (): void => clearTimeout(timer);
  video.addEventListener('error', onError);
  video.addEventListener('emptied', onFreshSource);
  return () => {
    clearTimeout(timer);
    video.removeEventListener('error', onError);
    video.removeEventListener('emptied', onFreshSource);
  };
}
