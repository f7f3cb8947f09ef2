// Types for frame-report.js, for the TypeScript tests that import it.

/** The `source` field of every message a demo page posts to its parent. */
export const messageSource: 'ams-cdn-player-demo';

export function reportToParent(message: Record<string, unknown>): void;

export function reportPlayer(player: HTMLElement): void;
