import { Option, type Command } from 'commander';
import type { Channel } from '../../core/channel-types.js';
import { CancelledError, LotcastError, ReportedFailure } from '../../core/errors.js';
import { channelName } from '../../core/channels/listing-rules.js';
import { contextOf } from '../context.js';
import { stopOnInterrupt } from '../interrupt.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../item-filter-options.js';
import { ProgressBar, listEventPrinter, renderListSummary } from '../list-output.js';
import { jsonOption } from '../options.js';

interface ListFlags extends ItemFilterFlags {
  channel: Channel | 'all';
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

export function registerList(program: Command): void {
  const cmd = program
    .command('list')
    .description(
      'list inventory on Whatnot and/or TikTok Shop through their APIs; re-runs skip what is listed and update what changed',
    )
    .addOption(new Option('--channel <channel>', 'where to list').choices(['whatnot', 'tiktok', 'all']).default('all'))
    .option('--dry-run', 'print exactly what would be sent, send nothing')
    .option('-y, --yes', 'do not ask to confirm')
    .addOption(jsonOption());
  addItemFilterOptions(cmd).action(async (f: ListFlags, c: Command) => {
    const ctx = contextOf(c);
    const channels: Channel[] = f.channel === 'all' ? ['whatnot', 'tiktok'] : [f.channel];
    const filter = parseItemFilter(f);
    const dryRun = Boolean(f.dryRun);
    const { buildPublishers } = await import('../../services/listing-setup.js');
    const { runListing, selectItems } = await import('../../services/channel-listing.js');
    const env = { env: process.env, dryRun, imageBaseDir: process.cwd(), redactor: ctx.out.redactor };
    const publishers = buildPublishers(ctx.config(), channels, env);
    const store = ctx.store();
    const count = selectItems(store, filter).length;
    if (count === 0)
      throw new LotcastError('No inventory matches these filters.', {
        hint: 'See what is there with `lotcast inventory list`.',
      });
    if (ctx.out.interactive && !f.yes && !dryRun && !f.json) {
      const { confirm } = await import('@inquirer/prompts');
      const message = `List ${count} item(s) on ${channels.map(channelName).join(' and ')}?`;
      if (!(await confirm({ message, default: true }))) throw new CancelledError('Nothing listed.');
    }
    const stop = stopOnInterrupt({
      onFirst: () =>
        ctx.out.note(
          'Stopping after the items in flight (Ctrl-C again to quit now); everything finished so far is saved.',
        ),
    });
    const bar = ctx.out.interactive && !f.json ? new ProgressBar(process.stderr) : null;
    const now = () => new Date().toISOString();
    const summary = await runListing(
      store,
      publishers,
      { filter, dryRun, now, shouldStop: () => stop.signal.aborted },
      listEventPrinter(ctx.out, bar, Boolean(f.json)),
    ).finally(() => stop.dispose());
    bar?.done();
    if (f.json) ctx.out.json(summary);
    else for (const l of renderListSummary(summary, ctx.out.color)) ctx.out.line(l);
    if (summary.interrupted)
      throw new CancelledError('Listing stopped by Ctrl-C.', {
        hint: 'Run the same command again to carry on; listed items are skipped.',
      });
    if (summary.counts.failed + summary.counts.blocked > 0) throw new ReportedFailure('some items were not listed');
  });
}
