import type { Channel } from '../channel-types.js';
import { ruleFor, type FeeTable } from './fees.js';

/** The day (YYYY-MM-DD) an instant falls on, on the seller's clock (an IANA zone passed in). */
export function localDay(iso: string, timeZone: string): string {
  return dayFormatter(timeZone).format(new Date(iso));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `n` business days (Monday to Friday) after `day`: an order on Friday with 2 days ships by Tuesday. */
export function addBusinessDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

/**
 * The ship-by day of an order: the platform's handling time in business days (from the fee and
 * rules table, rule in force on the order's day) after the day it was placed; null when the
 * table has no handling time for that channel.
 */
export function shipByDay(table: FeeTable, channel: Channel, orderAt: string, timeZone: string): string | null {
  const days = ruleFor(table, channel, orderAt)?.shipByBusinessDays;
  if (days === undefined) return null;
  return addBusinessDays(localDay(orderAt, timeZone), days);
}

/** Days either side of a show within which a buyer's orders from other shows ship in the same box. */
export function combineWindowDays(table: FeeTable, channel: Channel, at: string): number {
  return ruleFor(table, channel, at)?.combineShippingDays ?? 0;
}

/** Most items one package may hold on the channel (Whatnot bundles cap at 20), if the table says. */
export function bundleLimit(table: FeeTable, channel: Channel, at: string): number | undefined {
  return ruleFor(table, channel, at)?.bundleMaxItems;
}
