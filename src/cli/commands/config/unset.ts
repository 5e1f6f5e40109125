import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { group } from '../groups.js';

export function registerConfigUnset(program: Command): void {
  group(program, 'config')
    .command('unset <key>')
    .description('back to the default (or removed)')
    .action(async (key: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { unsetConfig } = await import('../../../services/config-edit.js');
      const e = unsetConfig(ctx.config(), key);
      ctx.out.line(`${key} ${e.value === null ? 'removed' : `= ${String(e.value)} (default)`}`);
    });
}
