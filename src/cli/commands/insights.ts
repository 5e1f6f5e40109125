import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { addHistoryFilterOptions, parseHistoryFilter, type HistoryFilterFlags } from '../history-filter-options.js';
import { jsonOption } from '../options.js';
import { emitText } from '../write-output.js';

function wholeNumber(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number from ${min} (got "${raw}").`);
  return n;
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
      emitText(ctx.out, text, f.out, `${format} insights`);
    });
}
