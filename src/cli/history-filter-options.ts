import { Option, type Command } from 'commander';
import { isChannel, type Channel } from '../core/channel-types.js';
import { UsageError } from '../core/errors.js';
import type { InsightsFilter } from '../core/insights/insights.js';
import { collectList } from './options.js';

export interface HistoryFilterFlags {
  since?: string;
  until?: string;
  show?: string[];
  channel?: string;
  category?: string[];
  tz?: string;
}

/** The history filters `insights` and `buyers` share. */
export function addHistoryFilterOptions(cmd: Command): Command {
  return cmd
    .option('--since <date>', 'shows that started on or after this day (2026-11-01) or time')
    .option('--until <date>', 'shows that started on or before this day (inclusive) or before this time')
    .option('--show <ids>', 'only these shows (comma-separated, repeatable)', collectList)
    .addOption(new Option('--channel <channel>', 'one channel only').choices(['whatnot', 'tiktok']))
    .option('--category <names>', 'only these categories (comma-separated, repeatable)', collectList)
    .option('--tz <zone>', 'time zone for days, weekdays and hours (default: this computer, e.g. America/Chicago)');
}

/** `--tz`, checked: an IANA zone, or this computer's when absent. */
export function parseTimeZone(raw: string | undefined): string {
  const timeZone = raw ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(`--tz "${raw}" is not a time zone.`, {
      hint: 'Use an IANA name such as America/New_York, Europe/London or UTC.',
    });
  }
  return timeZone;
}

/** Turns the flags into the core's filter (days start on the seller's clock). */
export async function parseHistoryFilter(f: HistoryFilterFlags): Promise<{ filter: InsightsFilter; timeZone: string }> {
  const timeZone = parseTimeZone(f.tz);
  const { zonedDayStart } = await import('../core/insights/timing.js');
  const when = (flag: string, raw: string | undefined, endOfDay: boolean): string | undefined => {
    if (raw === undefined) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
      // A real calendar day only: 2026-02-30 is a typo, not 2 March.
      const t = Date.parse(`${raw}T00:00:00Z`);
      if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== raw)
        throw new UsageError(`${flag} "${raw}" is not a day of the calendar.`, {
          hint: 'Write a day like 2026-11-01.',
        });
      if (!endOfDay) return zonedDayStart(raw, timeZone);
      const next = new Date(t + 86_400_000).toISOString().slice(0, 10);
      return zonedDayStart(next, timeZone);
    }
    const t = Date.parse(raw);
    if (Number.isNaN(t))
      throw new UsageError(`${flag} "${raw}" is not a date.`, {
        hint: 'Write a day like 2026-11-01, or a time like 2026-11-01T19:00-05:00.',
      });
    return new Date(t).toISOString();
  };
  if (f.channel !== undefined && !isChannel(f.channel))
    throw new UsageError(`--channel ${f.channel}: use whatnot or tiktok.`);
  const filter: InsightsFilter = {
    ...(f.since ? { since: when('--since', f.since, false)! } : {}),
    ...(f.until ? { until: when('--until', f.until, true)! } : {}),
    ...(f.show?.length ? { shows: f.show } : {}),
    ...(f.channel ? { channel: f.channel as Channel } : {}),
    ...(f.category?.length ? { categories: f.category } : {}),
  };
  return { filter, timeZone };
}
