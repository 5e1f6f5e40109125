import { renameSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { commandGroup, jsonOption } from '../options.js';
import { parseHistoryFilter } from './insights.js';
import type { Output } from '../../ui/output.js';

function emit(out: Output, text: string, file: string | undefined, what: string): void {
  if (!file) {
    out.stdout.write(text);
    return;
  }
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  out.note(`Wrote the ${what} to ${file}.`);
}

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
    .action(async (ref: string, f: { format: string; fees?: string; out?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { showReport } = await import('../../services/show-report.js');
      const r = await import('../../core/report/render-report.js');
      const report = showReport(ctx.store(), ref, f.fees);
      const format = f.json ? 'json' : f.format;
      let text: string;
      if (format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
      else if (format === 'md') text = r.renderReportMarkdown(report);
      else if (format === 'html') text = r.renderReportHtml(report);
      else if (format === 'csv')
        text = (await import('../../adapters/csv/csv-writer.js')).toCsv(r.reportCsvRows(report));
      else text = r.renderReportText(report);
      emit(ctx.out, text, f.out, `${format} report`);
    });

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
    .action(
      async (
        ref: string,
        f: { format: string; labels: 'letter' | '4x6'; out?: string; json?: boolean; fees?: string; tz?: string },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const { showPicklist } = await import('../../services/show-report.js');
        const r = await import('../../core/report/render-picklist.js');
        const { timeZone } = await parseHistoryFilter({ ...(f.tz ? { tz: f.tz } : {}) });
        const { show, buyers } = showPicklist(ctx.store(), ref, {
          timeZone,
          now: new Date().toISOString(),
          ...(f.fees ? { feesFile: f.fees } : {}),
        });
        const format = f.json ? 'json' : f.format;
        let text: string;
        if (format === 'json') text = `${JSON.stringify({ show: show.id, buyers }, null, 2)}\n`;
        else if (format === 'html') text = r.renderPicklistHtml(show.name, buyers, f.labels);
        else if (format === 'csv')
          text = (await import('../../adapters/csv/csv-writer.js')).toCsv(r.picklistCsvRows(buyers));
        else text = r.renderPicklistText(show.name, buyers);
        emit(ctx.out, text, f.out, 'pick list');
      },
    );

  program
    .command('clips <show>')
    .description('cut one short clip per sales spike from the stream recording (needs ffmpeg)')
    .option('--recording <file>', 'the recording (default: the newest in the recordings folder covering the show)')
    .option('--before <seconds>', 'seconds before the spike', '20')
    .option('--after <seconds>', 'seconds after the spike', '10')
    .option('--out <dir>', 'where to write the clips', 'clips')
    .addOption(jsonOption())
    .action(
      async (
        ref: string,
        f: { recording?: string; before: string; after: string; out: string; json?: boolean },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const beforeS = Number(f.before.replace(/s$/, ''));
        const afterS = Number(f.after.replace(/s$/, ''));
        if (!(beforeS >= 0) || !(afterS >= 0)) throw new UsageError('--before and --after are seconds, 0 or more.');
        const { cutSpikeClips } = await import('../../services/show-clips.js');
        const { join } = await import('node:path');
        const clips = await cutSpikeClips(ctx.store(), ref, {
          ...(f.recording ? { recording: f.recording } : {}),
          recordingsDir: join(ctx.paths.dataDir, 'recordings'),
          outDir: f.out,
          beforeS,
          afterS,
        });
        if (f.json) return ctx.out.json({ clips });
        if (clips.length === 0) return ctx.out.line('No sales spike in this show: no clips cut.');
        for (const c of clips)
          ctx.out.line(`${c.file}  (${c.streamTime}${c.lot ? `, ${c.lot}` : ''}, ${Math.round(c.lengthS)} s)`);
      },
    );

  commandGroup(program, 'show', 'plan shows, see and edit their rundowns, follow them live')
    .command('close <show>')
    .description('end a show for good: sold quantities final, unsold stock back to inventory for the next show')
    .option('--force', 'close a show that is still live (ends it first)')
    .addOption(jsonOption())
    .action(async (ref: string, f: { force?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { closeShow } = await import('../../services/show-report.js');
      const r = closeShow(ctx.store(), ref, { force: Boolean(f.force), now: new Date().toISOString() });
      if (f.json) return ctx.out.json(r);
      if (r.alreadyClosed) return ctx.out.line(`Show ${r.showId} was already closed; nothing changed.`);
      ctx.out.line(
        `Closed ${r.showId}: ${r.soldUnits} units sold (final). ${r.unsold.length} unsold item${r.unsold.length === 1 ? '' : 's'} back in inventory for the next show${r.unsold.length ? `: ${r.unsold.map((u) => u.sku).join(', ')}` : ''}.`,
      );
    });
}
