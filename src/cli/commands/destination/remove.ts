import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { group } from '../groups.js';

export function registerDestinationRemove(program: Command): void {
  group(program, 'destination')
    .command('remove <name>')
    .description('remove a destination and forget its key')
    .action(async (name: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { removeDestination } = await import('../../../services/destinations.js');
      removeDestination(ctx.config(), name);
      ctx.out.line(`Removed ${name}.`);
    });
}
