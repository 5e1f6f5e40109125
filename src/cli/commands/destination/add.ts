import { Option, type Command } from 'commander';
import { maskSecret } from '../../../core/redact.js';
import { DESTINATION_PRESETS, presetById } from '../../../core/relay/presets.js';
import { contextOf } from '../../context.js';
import { readSecret } from '../../read-secret.js';
import { group } from '../groups.js';

export function registerDestinationAdd(program: Command): void {
  group(program, 'destination')
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
    .option(
      '--transform <list>',
      're-encode this destination alone with ffmpeg: vertical (centre 9:16 crop), scale=WxH, bitrate=K, fps=N',
    )
    .action(
      async (
        name: string,
        f: { preset: string; server?: string; key?: string; keyStdin?: boolean; transform?: string },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const preset = presetById(f.preset)!;
        const key = await readSecret({ value: f.key, stdin: f.keyStdin, prompt: 'Stream key (hidden):' });
        const config = ctx.config();
        ctx.out.redactor.add(key);
        const { saveDestination } = await import('../../../services/destinations.js');
        const { server } = saveDestination(config, {
          name,
          preset: preset.id,
          server: f.server,
          key,
          transform: f.transform,
        });
        ctx.out.line(
          `Added ${name} (${preset.label}): ${server}/${maskSecret(key)}${f.transform ? `, re-encoded (${f.transform}) by ffmpeg` : ''}. The key is stored in ${config.secretsPath} (readable by you only).`,
        );
      },
    );
}
