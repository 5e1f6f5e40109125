import { Option, type Command } from 'commander';
import type { Channel } from '../../core/channel-types.js';
import { CancelledError, LotcastError } from '../../core/errors.js';
import { channelName } from '../../core/channels/listing-rules.js';
import { contextOf } from '../context.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../item-filter-options.js';
import { jsonOption } from '../options.js';
import { renderListEvent, renderListSummary, ProgressBar } from '../list-output.js';

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
  addItemFilterOptions(cmd).action(
    async (f: ItemFilterFlags & { channel: string; dryRun?: boolean; yes?: boolean; json?: boolean }, c: Command) => {
      const ctx = contextOf(c);
      const channels: Channel[] = f.channel === 'all' ? ['whatnot', 'tiktok'] : [f.channel as Channel];
      const filter = parseItemFilter(f);
      const { buildPublishers } = await import('../../services/listing-setup.js');
      const { runListing, selectItems } = await import('../../services/channel-listing.js');
      const config = ctx.config();
      const publishers = buildPublishers(config, channels, {
        env: process.env,
        dryRun: Boolean(f.dryRun),
        imageBaseDir: process.cwd(),
        redactor: ctx.out.redactor,
      });
      const store = ctx.store();
      const count = selectItems(store, filter).length;
      if (count === 0)
        throw new LotcastError('No inventory matches these filters.', {
          hint: 'See what is there with `lotcast inventory list`.',
        });
      const tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);
      if (tty && !f.yes && !f.dryRun && !f.json) {
        const { confirm } = await import('@inquirer/prompts');
        const ok = await confirm({
          message: `List ${count} item(s) on ${channels.map(channelName).join(' and ')}?`,
          default: true,
        });
        if (!ok) throw new CancelledError('Nothing listed.');
      }
      let stop = false;
      const onSigint = () => {
        if (stop) process.exit(130);
        stop = true;
        ctx.out.note(
          'Stopping after the items in flight (Ctrl-C again to quit now); everything finished so far is saved.',
        );
      };
      process.on('SIGINT', onSigint);
      const bar = tty && !f.json ? new ProgressBar(process.stderr) : null;
      try {
        const summary = await runListing(
          store,
          publishers,
          { filter, dryRun: Boolean(f.dryRun), now: () => new Date().toISOString(), shouldStop: () => stop },
          (e) => {
            if (f.json) return;
            if (e.type === 'start') return bar?.start(e.total);
            const text = renderListEvent(e.result, ctx.out.color);
            if (bar) {
              bar.tick(e.result.channel);
              // On a terminal only what needs attention scrolls by; the bar counts the rest.
              if (
                text &&
                e.result.outcome !== 'unchanged' &&
                e.result.outcome !== 'created' &&
                e.result.outcome !== 'updated'
              )
                bar.above(() => ctx.out.line(text));
            } else if (text) ctx.out.line(text);
          },
        );
        bar?.done();
        if (f.json) ctx.out.json(summary);
        else for (const l of renderListSummary(summary, ctx.out.color)) ctx.out.line(l);
        if (summary.interrupted)
          throw new CancelledError('Listing stopped by Ctrl-C.', {
            hint: 'Run the same command again to carry on; listed items are skipped.',
          });
        if (summary.counts.failed + summary.counts.blocked > 0) process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSigint);
      }
    },
  );
}
