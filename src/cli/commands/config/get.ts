import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerConfigGet(program: Command): void {
  group(program, 'config')
    .command('get <key>')
    .description('one value (e.g. ingest.port, secrets.whatnot.token)')
    .addOption(jsonOption())
    .action(async (key: string, f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { getConfig } = await import('../../../services/config-edit.js');
      const e = getConfig(ctx.config(), key);
      if (f.json) return ctx.out.json(e);
      ctx.out.line(e.value === null ? '(not set)' : String(e.value));
    });
}
