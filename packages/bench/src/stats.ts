/**
 * Small statistics and number formatting for the report.
 */

/** The median of finite samples (NaN when there are none). */
export function median(samples: readonly number[]): number {
  const sorted = samples.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `a / b`, or NaN when either side is not a usable number. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN;
}

const group = (value: number, digits: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds: one decimal under 100, none above. */
export const formatMs = (ms: number): string => (Number.isFinite(ms) ? group(ms, ms < 100 ? 1 : 0) : 'n/a');

/** A rate per second, grouped, no decimals. */
export const formatRate = (perSecond: number): string => (Number.isFinite(perSecond) ? group(perSecond, 0) : 'n/a');

/** Bytes as MB (10^6), one decimal. */
export const formatMb = (bytes: number): string => (Number.isFinite(bytes) ? group(bytes / 1e6, 1) : 'n/a');

/** Bytes, grouped, no decimals. */
export const formatBytes = (bytes: number): string => (Number.isFinite(bytes) ? group(bytes, 0) : 'n/a');

/** A ratio as `12.3x` (two decimals under 1). */
export const formatRatio = (value: number): string =>
  Number.isFinite(value) ? `${group(value, value < 1 ? 2 : value < 10 ? 2 : 1)}x` : 'n/a';
