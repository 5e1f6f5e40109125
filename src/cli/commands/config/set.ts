import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { readSecret } from '../../read-secret.js';
import { group } from '../groups.js';

export function registerConfigSet(program: Command): void {
  group(program, 'config')
    .command('set <key> [value]')
    .description('change a value; for a secret leave the value out to be asked (hidden), or pipe it in')
    .action(async (key: string, value: string | undefined, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { setConfig, isSecretConfigKey } = await import('../../../services/config-edit.js');
      const raw = value ?? (await readSecret({ prompt: `${key} (hidden):` }));
      if (isSecretConfigKey(key)) ctx.out.redactor.add(raw);
      const e = setConfig(ctx.config(), key, raw);
      ctx.out.line(`${key} = ${String(e.value)}`);
    });
}
