/** Prices as sellers' sheets write them: either decimal mark, a currency sign or code. */
import { centsInRange } from '../bounds.js';

/** How a sheet writes decimals: `12.50` (point) or `12,50` (comma, as much of Europe does). */
export type DecimalMark = 'point' | 'comma';

/** The currency lotcast's store keeps prices in (the platforms' US marketplaces). */
export const STORE_CURRENCY = 'USD';

export type MoneyResult =
  | {
      ok: true;
      cents: number;
      /** Currency the cell names (`€12`, `12 EUR`), when it names one. */
      currency?: string;
      /** The decimal mark this cell proves (`49,90` can only be comma), when it proves one. */
      mark?: DecimalMark;
    }
  | { ok: false; message: string };

const SYMBOLS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  c$: 'CAD',
  ca$: 'CAD',
  a$: 'AUD',
  au$: 'AUD',
  '¥': 'JPY',
};
const CURRENCY_PREFIX = /^(us\$|ca\$|au\$|c\$|a\$|[$€£¥]|[a-z]{3}(?=[\s\d.,(-]))\s*/i;
const CURRENCY_SUFFIX = /\s*([$€£¥]|[a-z]{3})$/i;

function currencyOf(token: string): string {
  return SYMBOLS[token.toLowerCase()] ?? token.toUpperCase();
}

/**
 * Parses `$1,234.50`, `12`, ` 3.5 `, `USD 4`, `€49,90`, `1.234,50 EUR`. A cell that proves a
 * decimal mark says so (`mark`); `decimal` is the mark the file is known to use (from
 * `--decimal` or an earlier cell). A cell that could be read both ways (`1.234`) without one is
 * refused as ambiguous rather than guessed.
 */
export function parseSheetMoney(raw: string, decimal?: DecimalMark): MoneyResult {
  // Fast path for what most sheets hold: 12, 12.5, $12.50 (8 digits stay within MAX_CENTS).
  if (decimal !== 'comma' && /^\$?\d{1,8}(\.\d{1,2})?$/.test(raw)) {
    const body = raw.charCodeAt(0) === 36 ? raw.slice(1) : raw;
    const dot = body.indexOf('.');
    if (dot < 0) return { ok: true, cents: Number(body) * 100 };
    return {
      ok: true,
      cents: Number(body.slice(0, dot)) * 100 + Number(`${body.slice(dot + 1)}0`.slice(0, 2)),
      mark: 'point',
    };
  }
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, message: 'is empty' };
  let s = trimmed;
  let currency: string | undefined;
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  } else if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const pre = CURRENCY_PREFIX.exec(s);
  if (pre?.[1]) {
    currency = currencyOf(pre[1]);
    s = s.slice(pre[0].length);
  }
  const post = CURRENCY_SUFFIX.exec(s);
  if (post?.[1] && (currency === undefined || currencyOf(post[1]) === currency)) {
    currency = currencyOf(post[1]);
    s = s.slice(0, post.index);
  }
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  // 1 234,50 (French) and 1 234.50: spaces (also no-break ones) group thousands.
  s = s.replace(/[\s\u00a0\u202f]/g, '');
  const read = readNumber(s, decimal);
  if (!read.ok) {
    const message =
      read.why === 'ambiguous'
        ? `"${trimmed}" could be read two ways (${read.asPoint} or ${read.asComma}); say which with --decimal point or --decimal comma`
        : decimal === 'comma'
          ? `"${trimmed}" is not a price with a decimal comma (write it like 12, 12,50 or 1.234,50)`
          : `"${trimmed}" is not a price (write it like 12, 12.50 or $1,234.50)`;
    return { ok: false, message };
  }
  const cents = read.whole * 100 + read.cents;
  const bounded = read.digits > 15 ? centsInRange(Number.POSITIVE_INFINITY, trimmed) : centsInRange(cents, trimmed);
  if (!bounded.ok) return bounded;
  const out: MoneyResult = { ok: true, cents: negative ? -cents : cents };
  if (currency !== undefined) out.currency = currency;
  if (read.mark !== undefined) out.mark = read.mark;
  return out;
}

type Amount = { ok: true; whole: number; cents: number; digits: number; mark?: DecimalMark };
type NumberRead =
  | Amount
  | { ok: false; why: 'bad' }
  | { ok: false; why: 'ambiguous'; asPoint: string; asComma: string };

/** A plain amount without sign or currency, in either convention. */
function readNumber(s: string, decimal: DecimalMark | undefined): NumberRead {
  const parts = (whole: string, frac: string, mark?: DecimalMark): Amount => {
    const digits = whole.replace(/^0+/, '').length;
    const r: Amount = { ok: true, whole: Number(whole || '0'), cents: Number(`${frac}00`.slice(0, 2)), digits };
    if (mark) r.mark = mark;
    return r;
  };
  // Thousands groups must be well placed (1,234.50 or 1.234,50 or 1'234.50), never 1,23.
  const point = /^(\d{1,3}(?:[,']\d{3})+|\d+)?(?:\.(\d{1,2}))?$/.exec(s);
  const comma = /^(\d{1,3}(?:[.']\d{3})+|\d+)?(?:,(\d{1,2}))?$/.exec(s);
  if (!point?.[0] && !comma?.[0]) return { ok: false, why: 'bad' };
  const pointOk = point !== null && (point[1] !== undefined || point[2] !== undefined);
  const commaOk = comma !== null && (comma[1] !== undefined || comma[2] !== undefined);
  const asPoint = pointOk
    ? parts((point[1] ?? '').replace(/[,']/g, ''), point[2] ?? '', /[.,]/.test(s) ? 'point' : undefined)
    : undefined;
  const asComma = commaOk
    ? parts((comma[1] ?? '').replace(/[.']/g, ''), comma[2] ?? '', /[.,]/.test(s) ? 'comma' : undefined)
    : undefined;
  if (decimal === 'point') return asPoint ?? { ok: false, why: 'bad' };
  if (decimal === 'comma') return asComma ?? { ok: false, why: 'bad' };
  if (asPoint && !asComma) return asPoint;
  if (asComma && !asPoint) return asComma;
  if (!asPoint || !asComma) return { ok: false, why: 'bad' };
  // Both readings work: the same amount either way (12, 1'234) is no question.
  if (asPoint.whole === asComma.whole && asPoint.cents === asComma.cents)
    return { ok: true, whole: asPoint.whole, cents: asPoint.cents, digits: asPoint.digits };
  return { ok: false, why: 'ambiguous', asPoint: show(asPoint), asComma: show(asComma) };
}

function show(r: { whole: number; cents: number }): string {
  return `${r.whole}.${String(r.cents).padStart(2, '0')}`;
}
