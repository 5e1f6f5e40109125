import { Option, type Command } from 'commander';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';
import { addHistoryFilterOptions, parseHistoryFilter, type HistoryFilterFlags } from '../history-filter-options.js';
import { emitText } from '../write-output.js';

interface BuyersFlags extends HistoryFilterFlags {
  format: 'text' | 'csv' | 'json';
  out?: string;
  repeat?: boolean;
  json?: boolean;
}

export function registerBuyers(program: Command): void {
  addHistoryFilterOptions(
    program
      .command('buyers')
      .description(
        'your buyers across channels and closed shows: orders, spend, first and last purchase, giveaway wins',
      ),
  )
    .option('--repeat', 'only repeat buyers (bought in 2 shows or more)')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'csv', 'json']).default('text'))
    .option('--out <file>', 'write to a file (buyer handles stay on this computer: lotcast sends them nowhere)')
    .addOption(jsonOption().hideHelp())
    .action(async (f: BuyersFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { filter } = await parseHistoryFilter(f);
      const { listBuyers } = await import('../../services/insights.js');
      const roster = listBuyers(ctx.store(), filter, new Date().toISOString());
      const buyers = f.repeat ? roster.buyers.filter((b) => b.repeat) : roster.buyers;
      const format = f.json ? 'json' : f.format;
      let text: string;
      if (format === 'json')
        text = `${JSON.stringify({ schema: 'lotcast.buyers/1', shows: roster.shows, repeatBuyers: roster.repeatBuyers, salesWithoutBuyer: roster.salesWithoutBuyer, buyers }, null, 2)}\n`;
      else if (format === 'csv') {
        const { buyersCsvRows } = await import('../../core/insights/csv-rows.js');
        text = (await import('../../adapters/csv/csv-writer.js')).toCsv(buyersCsvRows(buyers));
      } else {
        const { renderBuyersText } = await import('../../core/insights/render-text.js');
        text = renderBuyersText(buyers, roster);
      }
      emitText(ctx.out, text, f.out, `${format} buyer list`);
    });
}
