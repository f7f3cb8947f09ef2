// Types for play-options.js, for the TypeScript tests that import it.

export interface PlayOptions {
  ok: true;
  /** <ams-cdn-player> attributes to set (boolean attributes have the value ""). */
  attributes: Record<string, string>;
  /** Playback starts by itself (`autoplay` is not `false`). */
  autoplay: boolean;
  /** `mute=false`: start with sound or not at all (no muted fallback). */
  soundOnly: boolean;
}

export interface PlayOptionsError {
  ok: false;
  /** The query parameter at fault, e.g. `id`. */
  parameter: string;
  /** A message for the viewer; it starts with the parameter's name. */
  message: string;
}

export function readPlayOptions(search: string, pathname?: string): PlayOptions | PlayOptionsError;

export function configurePlayer(player: HTMLElement & { play(): Promise<void> }, options: PlayOptions): void;
