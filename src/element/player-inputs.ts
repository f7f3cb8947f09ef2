import { inputError } from '../common/player-error.js';

/**
 * Reads `crossorigin` as the video element's attribute reads: `use-credentials` sends cookies;
 * absent, empty or `anonymous` sends none. Anything else is a mistake worth telling.
 */
export function parseCrossOrigin(value: string | null | undefined): boolean {
  const written = (value ?? '').trim().toLowerCase();
  if (written === 'use-credentials') return true;
  if (written === '' || written === 'anonymous') return false;
  throw inputError('crossorigin', value, '"use-credentials" (send cookies) or "anonymous" (the default: none)');
}

/**
 * Reads a seconds attribute: absent or empty means `fallback`; anything else must be a finite
 * number above zero, or zero too when `allowZero`.
 */
export function parseSeconds(
  value: string | number | null | undefined,
  attribute: string,
  { fallback, allowZero = false }: { fallback: number | null; allowZero?: boolean },
): number | null {
  if (value == null || `${value}`.trim() === '') return fallback;
  // Number() ignores surrounding whitespace.
  const seconds = Number(value);
  if (Number.isFinite(seconds) && (seconds > 0 || (allowZero && seconds === 0))) return seconds;
  throw inputError(attribute, value, `a number of seconds, ${allowZero ? '0 or more' : 'more than 0'}`);
}
