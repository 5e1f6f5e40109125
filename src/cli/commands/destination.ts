import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { maskSecret } from '../../core/redact.js';
import { DESTINATION_PRESETS, presetById } from '../../core/relay/presets.js';
import { contextOf } from '../context.js';
import { table } from '../../ui/output.js';
import { jsonOption } from '../options.js';
import { readSecret } from '../read-secret.js';

export function registerDestination(program: Command): void {
  const dest = program.command('destination').description('stream destinations the relay sends to (keys kept secret)');
  dest
    .command('add <name>')
    .description(`add a destination; presets: ${DESTINATION_PRESETS.map((p) => p.id).join(', ')}`)
    .addOption(
      new Option('--preset <preset>', 'platform preset')
        .choices(DESTINATION_PRESETS.map((p) => p.id))
        .default('custom'),
    )
    .option('--server <url>', 'server URL without the key (rtmp:// or rtmps://); presets fill it in when they can')
    .option('--key <key>', 'stream key (better: --key-stdin or the hidden prompt, so it stays out of shell history)')
    .option('--key-stdin', 'read the stream key from standard input')
    .action(
      async (name: string, f: { preset: string; server?: string; key?: string; keyStdin?: boolean }, cmd: Command) => {
        const ctx = contextOf(cmd);
        const preset = presetById(f.preset)!;
        const key = await readSecret({ value: f.key, stdin: f.keyStdin, prompt: 'Stream key (hidden):' });
        const config = ctx.config();
        ctx.out.redactor.add(key);
        const { saveDestination } = await import('../../services/destinations.js');
        const { server } = saveDestination(config, { name, preset: preset.id, server: f.server, key });
        ctx.out.line(
          `Added ${name} (${preset.label}): ${server}/${maskSecret(key)}. The key is stored in ${config.secretsPath} (readable by you only).`,
        );
      },
    );
  dest
    .command('list')
    .description('list destinations (keys masked)')
    .addOption(jsonOption())
    .action((f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const config = ctx.config();
      const keys = config.secrets().destinationKeys;
      const rows = config
        .settings()
        .destinations.map((d, i) => ({ index: i + 1, ...d, key: maskSecret(keys[d.name]) }));
      if (f.json) return ctx.out.json({ destinations: rows });
      if (!rows.length)
        return ctx.out.line(
          'No destinations yet: lotcast destination add tiktok --preset tiktok --server rtmp://... --key-stdin',
        );
      ctx.out.line(
        table(
          ['#', 'Name', 'Preset', 'Server', 'Key', 'On'],
          rows.map((r) => [String(r.index), r.name, r.preset, r.server, r.key, r.enabled ? 'yes' : 'no']),
        ),
      );
    });
  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    dest
      .command(`${verb} <name>`)
      .description(`${verb} a destination`)
      .action((name: string, _f: unknown, cmd: Command) => {
        const ctx = contextOf(cmd);
        const config = ctx.config();
        if (!config.settings().destinations.some((d) => d.name === name))
          throw new UsageError(`No destination ${name}.`, { hint: 'See `lotcast destination list`.' });
        config.updateSettings((s) => ({
          ...s,
          destinations: s.destinations.map((d) => (d.name === name ? { ...d, enabled } : d)),
        }));
        ctx.out.line(`${name} ${enabled ? 'enabled' : 'disabled'}.`);
      });
  }
  dest
    .command('remove <name>')
    .description('remove a destination and forget its key')
    .action((name: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const config = ctx.config();
      if (!config.settings().destinations.some((d) => d.name === name)) throw new UsageError(`No destination ${name}.`);
      config.updateSettings((s) => ({ ...s, destinations: s.destinations.filter((d) => d.name !== name) }));
      config.updateSecrets((s) => {
        const { [name]: _gone, ...rest } = s.destinationKeys;
        return { ...s, destinationKeys: rest };
      });
      ctx.out.line(`Removed ${name}.`);
    });
}
