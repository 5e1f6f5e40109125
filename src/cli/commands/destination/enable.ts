import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { group } from '../groups.js';

export function registerDestinationEnable(program: Command): void {
  group(program, 'destination')
    .command('enable <name>')
    .description('enable a destination')
    .action(async (name: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { setDestinationEnabled } = await import('../../../services/destinations.js');
      setDestinationEnabled(ctx.config(), name, true);
      ctx.out.line(`${name} enabled.`);
    });
}
