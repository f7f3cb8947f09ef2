import { inputError } from './player-error.js';

/**
 * Reads a seconds attribute: absent or empty means `fallback`; anything else must be a finite,
 * non-negative number (zero only when `allowZero`).
 */
export function parseSeconds(
  value: string | number | null | undefined,
  attribute: string,
  { fallback, allowZero = false }: { fallback: number | null; allowZero?: boolean },
): number | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return fallback;
  const seconds = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(seconds)) throw inputError(attribute, `"${value}" is not a number of seconds.`);
  if (seconds < 0) throw inputError(attribute, `must not be negative (got ${seconds}).`);
  if (seconds === 0 && !allowZero) throw inputError(attribute, 'must be more than 0 seconds.');
  return seconds;
}
