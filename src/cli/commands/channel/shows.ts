import type { Command } from 'commander';
import { table } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerChannelShows(program: Command): void {
  group(program, 'channel')
    .command('shows')
    .description('your Whatnot shows (scheduled, live, past), to line a lotcast plan up with them')
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { whatnotClient, channelSecretValues } = await import('../../../services/channel-connect.js');
      const config = ctx.config();
      ctx.out.redactor.add(...channelSecretValues(config, process.env));
      const shows = await whatnotClient(config, { env: process.env }).listShows();
      if (f.json) return ctx.out.json({ shows });
      if (!shows.length) return ctx.out.line('No shows on Whatnot yet: schedule one in the app or Seller Hub.');
      ctx.out.line(
        table(
          ['Show', 'Title', 'Status', 'Starts'],
          shows.map((s) => [s.id, s.title ?? '', s.status ?? '', s.starts_at ?? '']),
        ),
      );
    });
}
