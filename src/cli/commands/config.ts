import type { Command } from 'commander';
import { contextOf } from '../context.js';
import { table } from '../../ui/output.js';
import { jsonOption } from '../options.js';
import { readSecret } from '../read-secret.js';

export function registerConfig(program: Command): void {
  const cfg = program
    .command('config')
    .description('see and change settings and secrets (secrets always shown masked)');
  cfg
    .command('list')
    .description('every setting and secret with its value')
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { listConfig } = await import('../../services/config-edit.js');
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
  cfg
    .command('get <key>')
    .description('one value (e.g. ingest.port, secrets.whatnot.token)')
    .addOption(jsonOption())
    .action(async (key: string, f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { getConfig } = await import('../../services/config-edit.js');
      const e = getConfig(ctx.config(), key);
      if (f.json) return ctx.out.json(e);
      ctx.out.line(e.value === null ? '(not set)' : String(e.value));
    });
  cfg
    .command('set <key> [value]')
    .description('change a value; for a secret leave the value out to be asked (hidden), or pipe it in')
    .action(async (key: string, value: string | undefined, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { setConfig } = await import('../../services/config-edit.js');
      const raw = value ?? (await readSecret({ prompt: `${key} (hidden):` }));
      ctx.out.redactor.add(key.startsWith('secrets.') && !/appKey|shopCipher/.test(key) ? raw : undefined);
      const e = setConfig(ctx.config(), key, raw);
      ctx.out.line(`${key} = ${String(e.value)}`);
    });
  cfg
    .command('unset <key>')
    .description('back to the default (or removed)')
    .action(async (key: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { unsetConfig } = await import('../../services/config-edit.js');
      const e = unsetConfig(ctx.config(), key);
      ctx.out.line(`${key} ${e.value === null ? 'removed' : `= ${String(e.value)} (default)`}`);
    });
}
