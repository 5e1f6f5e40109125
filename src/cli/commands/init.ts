import type { Command } from 'commander';
import { isChannel, type Channel } from '../../core/channel-types.js';
import { UsageError } from '../../core/errors.js';
import { DESTINATION_PRESETS, presetById } from '../../core/relay/presets.js';
import type { SetupResult } from '../../services/setup-init.js';
import type { Output } from '../../ui/output.js';
import { contextOf } from '../context.js';
import type { InitDraft } from '../init-wizard.js';
import { collect, jsonOption } from '../options.js';

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

function splitPair(kv: string, flag: string): [string, string] {
  const i = kv.indexOf('=');
  if (i <= 0 || i === kv.length - 1)
    throw new UsageError(`${flag} ${kv.replace(/=.*/, '=...')}: write it as name=value.`);
  return [kv.slice(0, i), kv.slice(i + 1)];
}

function parseChannelList(list: string | undefined): Channel[] | undefined {
  if (list === undefined) return undefined;
  const out = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const ch of out)
    if (!isChannel(ch)) throw new UsageError(`--channels ${list}: "${ch}" is not a channel (whatnot, tiktok).`);
  return out as Channel[];
}

/** The answers the flags give; the wizard asks for the rest. */
function draftFromFlags(f: InitFlags, currentPort: number): InitDraft {
  const keys = new Map((f.streamKey ?? []).map((kv) => splitPair(kv, '--stream-key')));
  const destinations = (f.destination ?? []).map((d) => {
    const [preset, server] = d.includes('=') ? splitPair(d, '--destination') : [d, undefined];
    if (!presetById(preset))
      throw new UsageError(`--destination ${d}: unknown preset "${preset}".`, {
        hint: `Presets: ${DESTINATION_PRESETS.map((p) => p.id).join(', ')}.`,
      });
    return { name: preset, preset, server };
  });
  const channels = parseChannelList(f.channels) ?? ['whatnot', 'tiktok'];
  const port = f.ingestPort !== undefined ? Number(f.ingestPort) : currentPort;
  return { channels, destinations, keys, port, newKey: Boolean(f.newIngestKey) };
}

function printSetup(out: Output, r: SetupResult): void {
  const c = out.color;
  out.line(c.bold('lotcast is set up.'));
  const dests = r.destinations.length
    ? r.destinations.map((d) => d.name).join(', ')
    : 'none yet (lotcast destination add ...)';
  out.line(`Stream destinations: ${dests}`);
  out.line('');
  out.line(c.bold('In OBS: Settings > Stream > Service "Custom..."'));
  out.line(`  Server:     ${r.obs.server}`);
  out.stdout.write(`  Stream Key: ${r.obs.streamKey}\n`);
  out.line('  Output: keyframe interval 2 s; for TikTok and Whatnot a vertical 1080x1920 (or 720x1280) canvas.');
  out.line('');
  out.line(c.bold('Next:'));
  for (const n of r.next) out.line(`  ${n}`);
  if (r.channels.length)
    out.line(
      c.dim(
        `Connect the selling APIs for listing and order sync: ${r.channels.map((ch) => `lotcast channel add ${ch}`).join(', ')}`,
      ),
    );
}

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
      const interactive = !f.yes && ctx.out.interactive;
      if (!f.yes && !interactive)
        throw new UsageError('lotcast init asks questions, and this is not a terminal.', {
          hint: 'Pass --yes with the answers as flags: --channels, --destination, --stream-key, --ingest-port (see lotcast init --help).',
        });
      let draft = draftFromFlags(f, current.ingest.port);
      if (interactive) {
        const asked = {
          channels: !f.channels,
          destinations: !f.destination,
          port: f.ingestPort === undefined,
          ingestKey: Boolean(config.secrets().ingestKey && !f.newIngestKey),
        };
        draft = await (await import('../init-wizard.js')).askSetup(draft, asked, current);
      } else {
        for (const d of draft.destinations)
          if (!draft.keys.get(d.name))
            throw new UsageError(`No stream key for ${d.name}.`, {
              hint: `Pass --stream-key ${d.name}=<key> (or run lotcast init in a terminal to be asked).`,
            });
      }
      if (!Number.isInteger(draft.port)) throw new UsageError(`--ingest-port ${f.ingestPort}: give a port number.`);
      for (const v of draft.keys.values()) ctx.out.redactor.add(v);
      const { applySetup } = await import('../../services/setup-init.js');
      const r = applySetup(config, {
        channels: draft.channels,
        destinations: draft.destinations.map((d) => ({ ...d, key: draft.keys.get(d.name)! })),
        ingest: { host: f.ingestHost ?? current.ingest.host, port: draft.port },
        newIngestKey: draft.newKey,
      });
      // The ingest key goes to OBS, so it is shown; destination keys never are.
      const { obs, destinations, channels, next, configFiles } = r;
      if (f.json)
        return void ctx.out.stdout.write(
          `${JSON.stringify({ obs, destinations, channels, next, configFiles }, null, 2)}\n`,
        );
      printSetup(ctx.out, r);
    });
}
