/**
 * How big a number lotcast accepts, in one place for every way numbers come in (a sheet's cells,
 * `lotcast sale`, the dashboard's `b`, config). Bounded well inside Number.MAX_SAFE_INTEGER so
 * sums over a whole show stay exact integers and nothing is ever stored as a float.
 */

/** Units of one item: no reseller holds a million of one thing; 1e9 is a typo. */
export const MAX_QUANTITY = 1_000_000;

/** A price or cost in cents: $100,000,000.00. */
export const MAX_CENTS = 10_000_000_000;

type Bounded = { ok: true; value: number } | { ok: false; message: string };

/**
 * Whole units written in digits (`3`, `1,000`, `+2`, `4.0`): no exponent (`1e9`), hex or
 * fraction, and within `min`..MAX_QUANTITY.
 */
export function parseQuantity(raw: string, opts: { min?: number } = {}): Bounded {
  const min = opts.min ?? 0;
  const text = raw.trim().replace(/,/g, '');
  if (!/^[+-]?\d+(\.0+)?$/.test(text)) return { ok: false, message: `"${raw.trim()}" is not a whole number of units` };
  const digits = text.replace(/\.0+$/, '');
  if (digits.startsWith('-') && /[1-9]/.test(digits))
    return { ok: false, message: `${raw.trim()} is negative; quantity must be ${min} or more` };
  const value = Number(digits.replace(/^[+-]/, ''));
  if (value < min) return { ok: false, message: `${raw.trim()} is too small; give ${min} or more` };
  if (value > MAX_QUANTITY)
    return { ok: false, message: `${raw.trim()} is too many units (the most lotcast takes is 1,000,000)` };
  return { ok: true, value };
}

/** Cents within ±MAX_CENTS (money is parsed by parseMoney, which applies this). */
export function centsInRange(cents: number, shown: string): Bounded {
  if (!Number.isSafeInteger(cents) || Math.abs(cents) > MAX_CENTS)
    return { ok: false, message: `"${shown}" is too large (the most lotcast takes is $100,000,000.00)` };
  return { ok: true, value: cents };
}
