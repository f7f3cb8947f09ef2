import { noteInTraces } from './trace.js';

// Generous waits: timing precision belongs in the benchmark, not in tests.

/** What a timed-out wait adds to its message (mount.ts: the mounted players' traces). */
let describeState: () => string = () => '';
export function describeOnTimeout(describe: () => string): void {
  describeState = describe;
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  if (condition()) return;
  noteInTraces(`waits for ${what}`);
  while (!condition()) {
    if (performance.now() > deadline) {
      noteInTraces(`gave up waiting for ${what}`);
      const state = describeState();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state ? `\n${state}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  noteInTraces(`done waiting for ${what}`);
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

/**
 * Seconds the video stood still while it should have played, over `durationMs` from now: the sum
 * of the spans longer than 0.3 s in which its clock did not move (sampled every 100 ms).
 */
export async function frozenSeconds(video: HTMLVideoElement, durationMs: number): Promise<number> {
  const endAt = performance.now() + durationMs;
  let frozen = 0;
  let lastTime = video.currentTime;
  let lastMovedAt = performance.now();
  const closeSpan = (now: number): void => {
    const span = now - lastMovedAt;
    if (span > 300) frozen += span / 1000;
  };
  while (performance.now() < endAt) {
    await sleep(100);
    const now = performance.now();
    if (video.currentTime !== lastTime || video.paused) {
      closeSpan(now);
      lastTime = video.currentTime;
      lastMovedAt = now;
    }
  }
  closeSpan(performance.now());
  return frozen;
}
