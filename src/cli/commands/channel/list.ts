import type { Command } from 'commander';
import { table } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerChannelList(program: Command): void {
  group(program, 'channel')
    .command('list')
    .description('which channels are connected (secrets masked)')
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { describeChannels, channelSecretValues } = await import('../../../services/channel-connect.js');
      const config = ctx.config();
      ctx.out.redactor.add(...channelSecretValues(config, process.env));
      const infos = describeChannels(config, process.env);
      if (f.json) return ctx.out.json({ channels: infos });
      ctx.out.line(
        table(
          ['Channel', 'Connected', 'From', 'Details'],
          infos.map((i) => [
            i.channel,
            i.configured ? 'yes' : 'no',
            i.source,
            Object.entries(i.details)
              .map(([k, v]) => `${k}=${v}`)
              .join('  '),
          ]),
        ),
      );
      if (!infos.some((i) => i.configured))
        ctx.out.line(
          'Connect one: lotcast channel add whatnot --token-stdin   or   lotcast channel add tiktok --app-key K --app-secret-stdin --auth-code C',
        );
    });
}
