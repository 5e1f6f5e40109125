import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerShowStatus(program: Command): void {
  group(program, 'show')
    .command('status <show>')
    .description('current lot, stock per SKU, sales per channel and totals')
    .addOption(jsonOption())
    .action(async (ref: string, f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { showStatus } = await import('../../../services/show-status.js');
      const { status, plan, state, segment } = showStatus(ctx.store(), ref);
      if (f.json) return ctx.out.json(status);
      const { summaryLines, segmentLine } = await import('../../../ui/live-format.js');
      ctx.out.line(`${state.ended ? 'ended' : state.started ? 'live' : 'not started'}; now ${segmentLine(segment)}`);
      for (const l of summaryLines(plan, state)) ctx.out.line(l);
    });
}
