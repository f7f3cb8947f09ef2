/**
 * Errors the player reports to the page: every one carries a machine-readable `code`,
 * a message a person can act on, and, for bad attributes, the attribute at fault.
 */

/** What went wrong, coarse enough for a page to branch on. */
export type PlayerErrorCode =
  | 'invalid-input'
  | 'stream-not-found'
  | 'network'
  | 'media'
  | 'unsupported'
  | 'timeout';

/** Options for {@link PlayerError}. */
export interface PlayerErrorOptions {
  /** The element attribute at fault (input errors). */
  attribute?: string;
  /** Whether the player gave up (default `true`). Non-fatal errors are reported while it keeps retrying. */
  fatal?: boolean;
  /** The underlying error, kept for debugging; never shown to viewers. */
  cause?: unknown;
}

/**
 * An error a person can read: `attribute` names the element attribute at fault for input errors.
 * Messages never contain the values of `token` or `subscriber-code`.
 */
export class PlayerError extends Error {
  readonly code: PlayerErrorCode;
  readonly attribute?: string;
  readonly fatal: boolean;

  constructor(code: PlayerErrorCode, message: string, options: PlayerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlayerError';
    this.code = code;
    if (options.attribute !== undefined) this.attribute = options.attribute;
    this.fatal = options.fatal ?? true;
  }
}

/**
 * A fatal `invalid-input` error for one attribute; the message starts with the attribute name
 * (`domain: "x" must be ...`). `problem` must not contain secret values such as tokens.
 */
export function inputError(attribute: string, problem: string): PlayerError {
  return new PlayerError('invalid-input', `${attribute}: ${problem}`, { attribute, fatal: true });
}
