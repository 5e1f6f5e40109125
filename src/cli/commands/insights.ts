import { renameSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { isChannel, type Channel } from '../../core/channel-types.js';
import { UsageError } from '../../core/errors.js';
import type { InsightsFilter } from '../../core/insights/insights.js';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';
import type { Output } from '../../ui/output.js';

export interface HistoryFilterFlags {
  since?: string;
  until?: string;
  show?: string[];
  channel?: string;
  category?: string[];
  tz?: string;
}

const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** The filters `insights`, `buyers` and `show plan --stale-first` share. */
export function addHistoryFilterOptions(cmd: Command): Command {
  return cmd
    .option('--since <date>', 'shows that started on or after this day (2026-11-01) or time')
    .option('--until <date>', 'shows that started on or before this day (inclusive) or before this time')
    .option('--show <ids>', 'only these shows (comma-separated, repeatable)', list)
    .addOption(new Option('--channel <channel>', 'one channel only').choices(['whatnot', 'tiktok']))
    .option('--category <names>', 'only these categories (comma-separated, repeatable)', list)
    .option('--tz <zone>', 'time zone for days, weekdays and hours (default: this computer, e.g. America/Chicago)');
}

/** Validates the time zone and turns the flags into the core's filter (days start on the seller's clock). */
export async function parseHistoryFilter(f: HistoryFilterFlags): Promise<{ filter: InsightsFilter; timeZone: string }> {
  const timeZone = f.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(`--tz "${f.tz}" is not a time zone.`, {
      hint: 'Use an IANA name such as America/New_York, Europe/London or UTC.',
    });
  }
  const { zonedDayStart } = await import('../../core/insights/timing.js');
  const when = (flag: string, raw: string | undefined, endOfDay: boolean): string | undefined => {
    if (raw === undefined) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw))) {
      if (!endOfDay) return zonedDayStart(raw, timeZone);
      const next = new Date(Date.parse(`${raw}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
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

function wholeNumber(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number from ${min} (got "${raw}").`);
  return n;
}

/** Prints to stdout, or writes the file whole (temp file, then rename: never half written). */
export function emitTo(out: Output, text: string, file: string | undefined, what: string): void {
  if (!file) {
    out.stdout.write(text);
    return;
  }
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  out.note(`Wrote the ${what} to ${file}.`);
}

interface InsightsFlags extends HistoryFilterFlags {
  format: 'text' | 'md' | 'html' | 'json' | 'csv';
  out?: string;
  fees?: string;
  staleAfter: string;
  minShows: string;
  json?: boolean;
}

export function registerInsights(program: Command): void {
  addHistoryFilterOptions(
    program
      .command('insights')
      .description('across closed shows: profit, what sells where, stale stock, when to go live, repeat buyers'),
  )
    .addOption(new Option('--format <format>', 'output').choices(['text', 'md', 'html', 'json', 'csv']).default('text'))
    .option('--out <file>', 'write to a file')
    .option('--fees <file>', 'your own fee table (default: templates/fees.json)')
    .option('--stale-after <n>', 'an item offered in this many shows without a sale is stale', '2')
    .option('--min-shows <n>', 'shows a start time needs behind it to be called the best', '3')
    .addOption(jsonOption().hideHelp())
    .action(async (f: InsightsFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { filter, timeZone } = await parseHistoryFilter(f);
      const { showInsights } = await import('../../services/insights.js');
      const r = showInsights(ctx.store(), {
        filter,
        timeZone,
        staleAfter: wholeNumber('--stale-after', f.staleAfter, 1),
        minShows: wholeNumber('--min-shows', f.minShows, 1),
        ...(f.fees ? { feesFile: f.fees } : {}),
        now: new Date().toISOString(),
      });
      const format = f.json ? 'json' : f.format;
      let text: string;
      if (format === 'json') text = `${JSON.stringify(r, null, 2)}\n`;
      else if (format === 'md') text = (await import('../../core/insights/render-md.js')).renderInsightsMarkdown(r);
      else if (format === 'html') text = (await import('../../core/insights/render-html.js')).renderInsightsHtml(r);
      else if (format === 'csv') {
        const { insightsCsvRows } = await import('../../core/insights/csv-rows.js');
        text = (await import('../../adapters/csv/csv-writer.js')).toCsv(insightsCsvRows(r));
      } else text = (await import('../../core/insights/render-text.js')).renderInsightsText(r);
      emitTo(ctx.out, text, f.out, `${format} insights`);
    });
}
