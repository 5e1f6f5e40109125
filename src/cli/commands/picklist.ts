import { Option, type Command } from 'commander';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';
import { emitText } from '../write-output.js';
import { parseTimeZone } from '../history-filter-options.js';

interface PicklistFlags {
  format: 'text' | 'html' | 'csv' | 'json';
  labels: 'letter' | '4x6';
  out?: string;
  json?: boolean;
  fees?: string;
  tz?: string;
}

export function registerPicklist(program: Command): void {
  program
    .command('picklist <show>')
    .description('what to pack per buyer per channel, sorted for one walk through the shelves')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'html', 'csv', 'json']).default('text'))
    .addOption(
      new Option('--labels <size>', 'HTML layout: letter pages or one 4x6 label per buyer')
        .choices(['letter', '4x6'])
        .default('letter'),
    )
    .option('--out <file>', 'write to a file')
    .option(
      '--fees <file>',
      'your own fee and rules table: ship-by days, combined shipping (default: templates/fees.json)',
    )
    .option('--tz <zone>', 'time zone for ship-by days (default: this computer, e.g. America/Chicago)')
    .addOption(jsonOption().hideHelp())
    .action(async (ref: string, f: PicklistFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const format = f.json ? 'json' : f.format;
      const { showPicklist } = await import('../../services/show-report.js');
      const r = await import('../../core/report/render-picklist.js');
      const timeZone = parseTimeZone(f.tz);
      const { show, buyers } = showPicklist(ctx.store(), ref, {
        timeZone,
        now: new Date().toISOString(),
        ...(f.fees ? { feesFile: f.fees } : {}),
      });
      let text: string;
      if (format === 'json') text = `${JSON.stringify({ show: show.id, buyers }, null, 2)}\n`;
      else if (format === 'html') text = r.renderPicklistHtml(show.name, buyers, f.labels);
      else if (format === 'csv')
        text = (await import('../../adapters/csv/csv-writer.js')).toCsv(r.picklistCsvRows(buyers));
      else text = r.renderPicklistText(show.name, buyers);
      emitText(ctx.out, text, f.out, 'pick list');
    });
}
