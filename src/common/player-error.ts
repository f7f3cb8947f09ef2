/**
 * Errors the player reports to the page: every one carries a machine-readable `code`,
 * a message a person can act on, and, for bad attributes, the attribute at fault.
 */

/** What went wrong, coarse enough for a page to branch on. */
export type PlayerErrorCode =
  | 'invalid-input'
  | 'stream-not-found'
  /** The CDN's token check refused the viewer's `token` (expired, forged, for another stream). */
  | 'token-refused'
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

  constructor(code: PlayerErrorCode, message: string, { attribute, fatal = true, cause }: PlayerErrorOptions = {}) {
    super(message, { cause });
    this.name = 'PlayerError';
    this.code = code;
    this.attribute = attribute;
    this.fatal = fatal;
  }
}

/**
 * A fatal `invalid-input` error for one attribute: `attribute: "value" must be {rule}`, the value
 * escaped by JSON.stringify. `value` must not hold secrets such as tokens.
 */
export function inputError(attribute: string, value: unknown, rule: string): PlayerError {
  return new PlayerError('invalid-input', `${attribute}: ${JSON.stringify(value)} must be ${rule}`, { attribute });
}
