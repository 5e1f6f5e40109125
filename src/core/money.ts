/** Money is integer cents everywhere in lotcast; these are the only conversions. */
import { centsInRange } from './bounds.js';

/** Parses `$1,234.50`, `12`, ` 3.5 `, `USD 4`, `1.234,50` is NOT accepted (ambiguous). */
export function parseMoney(raw: string): { ok: true; cents: number } | { ok: false; message: string } {
  // Fast path for what most sheets hold: 12, 12.5, $12.50 (8 digits stay within MAX_CENTS).
  if (/^\$?\d{1,8}(\.\d{1,2})?$/.test(raw)) {
    const body = raw.charCodeAt(0) === 36 ? raw.slice(1) : raw;
    const dot = body.indexOf('.');
    if (dot < 0) return { ok: true, cents: Number(body) * 100 };
    return { ok: true, cents: Number(body.slice(0, dot)) * 100 + Number(`${body.slice(dot + 1)}0`.slice(0, 2)) };
  }
  if (raw.trim() === '') return { ok: false, message: 'is empty' };
  const s = raw
    .trim()
    .replace(/^(usd|us\$|\$)\s*/i, '')
    .replace(/\s*(usd)$/i, '');
  const negative = s.startsWith('-') || /^\(.*\)$/.test(s);
  const body = s
    .replace(/^-/, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/^\$/, '');
  // Thousands separators must be well placed: 1,234.50 yes, 1,23 no.
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$|^\.\d{1,2}$/.test(body)) {
    return { ok: false, message: `"${raw.trim()}" is not a price (write it like 12, 12.50 or $1,234.50)` };
  }
  const [whole = '0', frac = ''] = body.replace(/,/g, '').split('.');
  const cents = Number(whole || '0') * 100 + Number(`${frac}00`.slice(0, 2));
  const bounded = centsInRange(cents, raw.trim());
  if (!bounded.ok) return bounded;
  return { ok: true, cents: negative ? -cents : cents };
}

export function formatCents(cents: number, currency = '$'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${currency}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Plain decimal for CSV and APIs: 1234.5 -> "1234.50", no currency sign, no separators. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
