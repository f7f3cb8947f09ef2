// Types for playground.js, for the TypeScript tests that import it.

export interface PlaygroundValues {
  domain?: string;
  streamId?: string;
  playOrder?: string;
  token?: string;
  /** Sees each new player before it is added to the page. */
  onPlayer?: (player: HTMLElement) => void;
}

export interface Playground {
  form: HTMLFormElement;
  readonly player: HTMLElement | null;
  /** Stops the player and the latency display and empties the container. */
  destroy(): void;
}

export function createPlayground(container: HTMLElement, initial?: PlaygroundValues): Playground;

/** The URL with `token`, `subscriberId` and `subscriberCode` values replaced, for display. */
export function withoutSecrets(url: string): string;
