import type { ShowFacts } from './facts.js';
import { entry, roundCents } from './metrics.js';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Results of the shows that share a start slot; `shows` is how many shows the figure rests on. */
export interface TimingCell {
  shows: number;
  orders: number;
  grossCents: number;
  airtimeS: number;
  grossPerHourCents: number | null;
  ordersPerHour: number | null;
}

export interface WhenToGoLive {
  timeZone: string;
  /** Fewer shows than this behind a figure: flagged as thin, never picked as the best. */
  minShows: number;
  byWeekday: Array<{ weekday: Weekday } & TimingCell>;
  byHour: Array<{ hour: number } & TimingCell>;
  byWeekdayHour: Array<{ weekday: Weekday; hour: number } & TimingCell>;
  /** Gross per hour in the first 15 minutes of each show against the rest of it. */
  slots: { first15: TimingCell; rest: TimingCell };
  /** The best-paying weekday and hour resting on at least minShows shows, or null. */
  best: ({ weekday: Weekday; hour: number } & TimingCell) | null;
}

const FIRST_SLOT_S = 15 * 60;

/** Weekday and hour of an instant on the seller's clock (an IANA zone, passed in: no clock here). */
export function localWeekdayHour(iso: string, timeZone: string): { weekday: Weekday; hour: number } {
  const parts = formatter(timeZone).formatToParts(new Date(iso));
  const wd = parts.find((p) => p.type === 'weekday')?.value as Weekday;
  const hour = Number(parts.find((p) => p.type === 'hour')?.value) % 24;
  return { weekday: wd, hour };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

class Cell {
  shows = new Set<string>();
  orders = 0;
  gross = 0;
  airtime = 0;
  finish(): TimingCell {
    const hours = this.airtime / 3600;
    return {
      shows: this.shows.size,
      orders: this.orders,
      grossCents: this.gross,
      airtimeS: Math.round(this.airtime),
      grossPerHourCents: hours > 0 ? roundCents(this.gross / hours) : null,
      ordersPerHour: hours > 0 ? Math.round((this.orders / hours) * 10) / 10 : null,
    };
  }
}

/**
 * When to go live: each show counts in the weekday and hour it started (on the seller's
 * clock), with its whole airtime; the first 15 minutes of every show against the rest.
 */
export function whenToGoLive(shows: ShowFacts[], timeZone: string, minShows: number): WhenToGoLive {
  const byWeekday = new Map<Weekday, Cell>();
  const byHour = new Map<number, Cell>();
  const byCell = new Map<string, Cell>();
  const first = new Cell();
  const rest = new Cell();
  const get = <K>(m: Map<K, Cell>, k: K) => entry(m, k, () => new Cell());
  for (const s of shows) {
    const { weekday, hour } = localWeekdayHour(s.startedAt, timeZone);
    const gross = s.sales.reduce((n, x) => n + x.grossCents, 0);
    for (const c of [get(byWeekday, weekday), get(byHour, hour), get(byCell, `${weekday} ${hour}`)]) {
      c.shows.add(s.id);
      c.orders += s.sales.length;
      c.gross += gross;
      c.airtime += s.airtimeS;
    }
    if (s.airtimeS > 0) {
      first.shows.add(s.id);
      first.airtime += Math.min(FIRST_SLOT_S, s.airtimeS);
    }
    if (s.airtimeS > FIRST_SLOT_S) {
      rest.shows.add(s.id);
      rest.airtime += s.airtimeS - FIRST_SLOT_S;
    }
    for (const x of s.sales) {
      const c = x.offsetS < FIRST_SLOT_S ? first : rest;
      c.orders++;
      c.gross += x.grossCents;
    }
  }
  const weekdayHour = [...byCell.entries()]
    .map(([k, c]) => {
      const [weekday, hour] = k.split(' ') as [Weekday, string];
      return { weekday, hour: Number(hour), ...c.finish() };
    })
    .sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.hour - b.hour);
  const best =
    weekdayHour
      .filter((c) => c.shows >= minShows && c.grossPerHourCents !== null)
      .sort((a, b) => b.grossPerHourCents! - a.grossPerHourCents! || b.shows - a.shows)[0] ?? null;
  return {
    timeZone,
    minShows,
    byWeekday: WEEKDAYS.filter((w) => byWeekday.has(w)).map((weekday) => ({
      weekday,
      ...byWeekday.get(weekday)!.finish(),
    })),
    byHour: [...byHour.keys()].sort((a, b) => a - b).map((hour) => ({ hour, ...byHour.get(hour)!.finish() })),
    byWeekdayHour: weekdayHour,
    slots: { first15: first.finish(), rest: rest.finish() },
    best,
  };
}

/**
 * The instant a calendar day (YYYY-MM-DD) starts on the seller's clock: `--since 2026-11-01`
 * means midnight where the seller is, not in UTC.
 */
export function zonedDayStart(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment; asked twice so a day starting next to a DST change lands right.
  let t = utc - offsetMs(utc, timeZone);
  t = utc - offsetMs(t, timeZone);
  return new Date(t).toISOString();
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
function offsetMs(atMs: number, timeZone: string): number {
  const f = entry(
    offsetFormatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  );
  const p = Object.fromEntries(f.formatToParts(new Date(atMs)).map((x) => [x.type, x.value]));
  const local = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return local - Math.floor(atMs / 1000) * 1000;
}
