import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerShowClose(program: Command): void {
  group(program, 'show')
    .command('close <show>')
    .description('end a show for good: sold quantities final, unsold stock back to inventory for the next show')
    .option('--force', 'close a show that is still live (ends it first)')
    .addOption(jsonOption())
    .action(async (ref: string, f: { force?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { closeShow } = await import('../../../services/show-report.js');
      const r = closeShow(ctx.store(), ref, { force: Boolean(f.force), now: new Date().toISOString() });
      if (f.json) return ctx.out.json(r);
      if (r.alreadyClosed) return ctx.out.line(`Show ${r.showId} was already closed; nothing changed.`);
      const n = r.unsold.length;
      ctx.out.line(
        `Closed ${r.showId}: ${r.soldUnits} units sold (final). ${n} unsold item${n === 1 ? '' : 's'} back in inventory for the next show${n ? `: ${r.unsold.map((u) => u.sku).join(', ')}` : ''}.`,
      );
    });
}
