import type { Command } from 'commander';
import { isChannel, type Channel } from '../../core/channel-types.js';
import { UsageError } from '../../core/errors.js';
import { DESTINATION_PRESETS, presetById } from '../../core/relay/presets.js';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';

interface InitFlags {
  yes?: boolean;
  channels?: string;
  destination?: string[];
  streamKey?: string[];
  ingestHost?: string;
  ingestPort?: string;
  newIngestKey?: boolean;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('set lotcast up: channels, stream destinations and keys, the local ingest; prints the OBS settings')
    .option('-y, --yes', 'no questions: take every answer from the flags (for scripts)')
    .option('--channels <list>', 'where you sell: whatnot,tiktok')
    .option(
      '--destination <preset[=server]>',
      'a stream destination (repeatable): tiktok=rtmp://push-rtmp-.../game, youtube, ...',
      collect,
    )
    .option(
      '--stream-key <name=key>',
      'the stream key for a destination (repeatable; better: answer the hidden prompt)',
      collect,
    )
    .option('--ingest-host <host>', 'address OBS pushes to (default 127.0.0.1)')
    .option('--ingest-port <port>', 'port OBS pushes to (default 1935)')
    .option('--new-ingest-key', 'make a new ingest key (OBS must then be updated)')
    .addOption(jsonOption())
    .action(async (f: InitFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const config = ctx.config();
      const current = config.settings();
      const interactive = !f.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
      if (!f.yes && !interactive)
        throw new UsageError('lotcast init asks questions, and this is not a terminal.', {
          hint: 'Pass --yes with the answers as flags: --channels, --destination, --stream-key, --ingest-port (see lotcast init --help).',
        });
      const keys = new Map((f.streamKey ?? []).map((kv) => splitPair(kv, '--stream-key')));
      const flagDests = (f.destination ?? []).map((d) => {
        const [preset, server] = d.includes('=') ? splitPair(d, '--destination') : [d, undefined];
        if (!presetById(preset))
          throw new UsageError(`--destination ${d}: unknown preset "${preset}".`, {
            hint: `Presets: ${DESTINATION_PRESETS.map((p) => p.id).join(', ')}.`,
          });
        return { name: preset, preset, server };
      });
      let channels: Channel[] = parseChannels(f.channels) ?? ['whatnot', 'tiktok'];
      let dests = flagDests;
      const host = f.ingestHost ?? current.ingest.host;
      let port = f.ingestPort !== undefined ? Number(f.ingestPort) : current.ingest.port;
      let newKey = Boolean(f.newIngestKey);
      if (interactive) {
        const p = await import('@inquirer/prompts');
        if (!f.channels)
          channels = (await p.checkbox({
            message: 'Where do you sell live?',
            choices: [
              { name: 'Whatnot', value: 'whatnot', checked: true },
              { name: 'TikTok Shop', value: 'tiktok', checked: true },
            ],
            required: true,
          })) as Channel[];
        if (!f.destination) {
          const existing = new Set(current.destinations.map((d) => d.name));
          const picked = await p.checkbox({
            message: 'Which platforms should the relay stream to?',
            choices: DESTINATION_PRESETS.map((pr) => ({
              name: `${pr.label}${existing.has(pr.id) ? ' (set up: pick it to change it)' : ''}`,
              value: pr.id,
              checked: !existing.has(pr.id) && (channels as string[]).includes(pr.id),
            })),
          });
          dests = [];
          for (const id of picked) {
            const pr = presetById(id)!;
            const server = (
              await p.input({
                message: `${pr.label} server URL:`,
                default: current.destinations.find((d) => d.name === id)?.server ?? pr.server ?? undefined,
                validate: (v) =>
                  /^rtmps?:\/\/[^/]+\/[^/]+/.test(v.trim())
                    ? true
                    : `rtmp://host/app or rtmps://host:443/app. ${pr.note}`,
              })
            ).trim();
            dests.push({ name: id, preset: id, server });
          }
        }
        for (const d of dests) {
          if (!keys.has(d.name))
            keys.set(
              d.name,
              (await p.password({ message: `${presetById(d.preset)!.label} stream key (hidden):`, mask: '*' })).trim(),
            );
        }
        if (f.ingestPort === undefined)
          port = Number(
            await p.input({
              message: 'Local ingest port (OBS pushes here):',
              default: String(current.ingest.port),
              validate: (v) =>
                /^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536 ? true : 'a port from 1 to 65535',
            }),
          );
        if (config.secrets().ingestKey && !f.newIngestKey)
          newKey = !(await p.confirm({ message: 'Keep the current ingest key (what OBS has now)?', default: true }));
      } else {
        for (const d of dests)
          if (!keys.get(d.name))
            throw new UsageError(`No stream key for ${d.name}.`, {
              hint: `Pass --stream-key ${d.name}=<key> (or run lotcast init in a terminal to be asked).`,
            });
      }
      if (!Number.isInteger(port)) throw new UsageError(`--ingest-port ${f.ingestPort}: give a port number.`);
      for (const v of keys.values()) ctx.out.redactor.add(v);
      const { applySetup } = await import('../../services/setup-init.js');
      const r = applySetup(config, {
        channels,
        destinations: dests.map((d) => ({ ...d, key: keys.get(d.name)! })),
        ingest: { host, port },
        newIngestKey: newKey,
      });
      if (f.json) {
        // The ingest key goes to OBS, so it is shown; destination keys never are.
        ctx.out.stdout.write(
          `${JSON.stringify({ obs: r.obs, destinations: r.destinations, channels: r.channels, next: r.next, configFiles: r.configFiles }, null, 2)}\n`,
        );
        return;
      }
      const c = ctx.out.color;
      ctx.out.line(c.bold('lotcast is set up.'));
      ctx.out.line(
        `Stream destinations: ${r.destinations.length ? r.destinations.map((d) => d.name).join(', ') : 'none yet (lotcast destination add ...)'}`,
      );
      ctx.out.line('');
      ctx.out.line(c.bold('In OBS: Settings > Stream > Service "Custom..."'));
      ctx.out.line(`  Server:     ${r.obs.server}`);
      ctx.out.stdout.write(`  Stream Key: ${r.obs.streamKey}\n`);
      ctx.out.line(
        '  Output: keyframe interval 2 s; for TikTok and Whatnot a vertical 1080x1920 (or 720x1280) canvas.',
      );
      ctx.out.line('');
      ctx.out.line(c.bold('Next:'));
      for (const n of r.next) ctx.out.line(`  ${n}`);
      if (channels.length)
        ctx.out.line(
          c.dim(
            `Connect the selling APIs for listing and order sync: ${channels.map((ch) => `lotcast channel add ${ch}`).join(', ')}`,
          ),
        );
    });
}

function splitPair(kv: string, flag: string): [string, string] {
  const i = kv.indexOf('=');
  if (i <= 0 || i === kv.length - 1)
    throw new UsageError(`${flag} ${kv.replace(/=.*/, '=...')}: write it as name=value.`);
  return [kv.slice(0, i), kv.slice(i + 1)];
}

function parseChannels(list: string | undefined): Channel[] | undefined {
  if (list === undefined) return undefined;
  const out = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const ch of out)
    if (!isChannel(ch)) throw new UsageError(`--channels ${list}: "${ch}" is not a channel (whatnot, tiktok).`);
  return out as Channel[];
}
