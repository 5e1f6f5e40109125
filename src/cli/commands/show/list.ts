import type { Command } from 'commander';
import { formatMinutes } from '../../../core/plan/duration.js';
import { table } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerShowList(program: Command): void {
  group(program, 'show')
    .command('list')
    .description('list shows')
    .addOption(jsonOption())
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { ShowRepo } = await import('../../../adapters/store/show-repo.js');
      const shows = new ShowRepo(ctx.store()).list();
      const rows = shows.map((s) => ({
        id: s.id,
        name: s.name,
        status: s.status,
        start: s.startAt,
        durationS: s.durationS,
        lotCount: s.plan.summary.lotCount,
        channels: s.channels,
      }));
      if (flags.json) return ctx.out.json({ shows: rows });
      if (rows.length === 0)
        return ctx.out.line('No shows yet. Plan one: lotcast show plan --name "Sunday Drop" --duration 2h');
      ctx.out.line(
        table(
          ['ID', 'Name', 'Status', 'Start', 'Length', 'Lots'],
          rows.map((r) => [r.id, r.name, r.status, r.start ?? '-', formatMinutes(r.durationS), String(r.lotCount)]),
        ),
      );
    });
}
