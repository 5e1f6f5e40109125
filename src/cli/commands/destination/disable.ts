import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { group } from '../groups.js';

export function registerDestinationDisable(program: Command): void {
  group(program, 'destination')
    .command('disable <name>')
    .description('disable a destination')
    .action(async (name: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { setDestinationEnabled } = await import('../../../services/destinations.js');
      setDestinationEnabled(ctx.config(), name, false);
      ctx.out.line(`${name} disabled.`);
    });
}
