// Small, pure statistics for the benchmark's figures.

const finite = (values) => values.filter((value) => typeof value === 'number' && Number.isFinite(value));

/** Linear-interpolated percentile (p in 0..100) of the finite values; null when there are none. */
export function percentile(values, p) {
  const sorted = finite(values).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

export const median = (values) => percentile(values, 50);

/** Median where null means "never": null when the middle of the sorted runs is a never. */
export function medianOrNever(values) {
  const sorted = values.map((value) => (value === null ? Infinity : value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = (sorted.length - 1) / 2;
  const value = (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
  return Number.isFinite(value) ? value : null;
}

export function mean(values) {
  const numbers = finite(values);
  return numbers.length === 0 ? null : numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
}

/** value / baseline, or null when either is missing or the baseline is 0. */
export function ratio(value, baseline) {
  if (typeof value !== 'number' || typeof baseline !== 'number' || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return null;
  return value / baseline;
}

/** Events per minute over durationMs; null for an empty span. */
export function perMinute(count, durationMs) {
  return durationMs > 0 ? (count * 60_000) / durationMs : null;
}

export function round(value, digits = 2) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value ?? null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
