import type { Command } from 'commander';
import { table } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerDestinationList(program: Command): void {
  group(program, 'destination')
    .command('list')
    .description('list destinations (keys masked)')
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { listDestinations } = await import('../../../services/destinations.js');
      const rows = listDestinations(ctx.config());
      if (f.json) return ctx.out.json({ destinations: rows });
      if (!rows.length)
        return ctx.out.line(
          'No destinations yet: lotcast destination add tiktok --preset tiktok --server rtmp://... --key-stdin',
        );
      ctx.out.line(
        table(
          ['#', 'Name', 'Preset', 'Server', 'Key', 'On', 'Transform'],
          rows.map((r) => [
            String(r.index),
            r.name,
            r.preset,
            r.server,
            r.key,
            r.enabled ? 'yes' : 'no',
            r.transform ?? '-',
          ]),
        ),
      );
    });
}
