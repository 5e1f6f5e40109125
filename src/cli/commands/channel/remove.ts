import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { parseChannel } from '../../parse.js';
import { group } from '../groups.js';

export function registerChannelRemove(program: Command): void {
  group(program, 'channel')
    .command('remove <channel>')
    .description("forget a channel's credentials")
    .action(async (name: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const channel = parseChannel(name);
      const { removeChannel } = await import('../../../services/channel-connect.js');
      const had = removeChannel(ctx.config(), channel);
      ctx.out.line(had ? `${channel} disconnected; its credentials are deleted.` : `${channel} was not connected.`);
    });
}
