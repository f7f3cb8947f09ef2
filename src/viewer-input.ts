/**
 * When the viewer last pressed a key or a pointer anywhere on the page: a change of the video's
 * sound that follows one closely is theirs (or the page's, on their behalf). One listener per page,
 * whatever the number of players.
 */
let lastInputAt = -Infinity;
let listening = false;

const recordInput = (event: Event): void => {
  if (event.isTrusted) lastInputAt = performance.now();
};

export function watchViewerInput(): void {
  if (listening) return;
  listening = true;
  for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, recordInput, { capture: true, passive: true });
}

/** The viewer pressed a key or a pointer after `time` (a `performance.now()` value). */
export function viewerActedSince(time: number): boolean {
  return lastInputAt > time;
}
