import { Option, type Command } from 'commander';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';
import { emitText } from '../write-output.js';

type ReportFormat = 'text' | 'md' | 'html' | 'json' | 'csv';

export function registerReport(program: Command): void {
  program
    .command('report <show>')
    .description(
      'after the show: orders, gross, fees and net per channel, sell-through, best lots, the moments that sold',
    )
    .addOption(new Option('--format <format>', 'output').choices(['text', 'md', 'html', 'json', 'csv']).default('text'))
    .option('--fees <file>', 'your own fee table (default: templates/fees.json)')
    .option('--out <file>', 'write to a file')
    .addOption(jsonOption().hideHelp())
    .action(
      async (ref: string, f: { format: ReportFormat; fees?: string; out?: string; json?: boolean }, cmd: Command) => {
        const ctx = contextOf(cmd);
        const format: ReportFormat = f.json ? 'json' : f.format;
        const { showReport } = await import('../../services/show-report.js');
        const r = await import('../../core/report/render-report.js');
        const report = showReport(ctx.store(), ref, f.fees);
        let text: string;
        if (format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
        else if (format === 'md') text = r.renderReportMarkdown(report);
        else if (format === 'html') text = r.renderReportHtml(report);
        else if (format === 'csv')
          text = (await import('../../adapters/csv/csv-writer.js')).toCsv(r.reportCsvRows(report));
        else text = r.renderReportText(report);
        emitText(ctx.out, text, f.out, `${format} report`);
      },
    );
}
