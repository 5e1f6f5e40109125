import type { Command } from 'commander';
import { table } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerConfigList(program: Command): void {
  group(program, 'config')
    .command('list')
    .description('every setting and secret with its value')
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { listConfig } = await import('../../../services/config-edit.js');
      const config = ctx.config();
      const entries = listConfig(config);
      if (f.json) return ctx.out.json({ settingsFile: config.settingsPath, secretsFile: config.secretsPath, entries });
      ctx.out.line(
        table(
          ['Key', 'Value'],
          entries.map((e) => [e.key, e.value === null ? ctx.out.color.dim('(not set)') : String(e.value)]),
        ),
      );
      ctx.out.line(ctx.out.color.dim(`settings: ${config.settingsPath}\nsecrets:  ${config.secretsPath} (mode 0600)`));
    });
}
