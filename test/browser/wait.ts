// Generous waits: timing precision belongs in the benchmark, not in tests.

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Resolves when the video has shown new frames and its clock moved by `seconds`. */
export async function framesAdvance(video: HTMLVideoElement, seconds: number, timeoutMs = 20000): Promise<void> {
  const startTime = video.currentTime;
  const startFrames = video.getVideoPlaybackQuality().totalVideoFrames;
  await waitFor(
    () => video.currentTime - startTime >= seconds && video.getVideoPlaybackQuality().totalVideoFrames > startFrames,
    timeoutMs,
    `${seconds} s of frames to play`,
  );
}
