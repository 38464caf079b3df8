/**
 * More tokens than any one request has ever used (the largest context windows are about 2 million):
 * a count above it is a relay's bug or a corrupted number, not a bill.
 */
export const MAX_REQUEST_TOKENS = 10_000_000;

/**
 * A token count that can be trusted — a whole number from 0 to MAX_REQUEST_TOKENS, given as a number or
 * a numeric string (some relays quote them) — or undefined: missing, negative, not a number, Infinity,
 * absurd, or a fraction far from a whole number. Such a count is estimated instead, never taken as 0.
 */
export function tokenCount(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_REQUEST_TOKENS) return undefined;
  const whole = Math.round(n);
  // 12.0000001 is a float's rounding; 12.5 tokens is not a count.
  return Math.abs(n - whole) < 1e-6 ? whole : undefined;
}
