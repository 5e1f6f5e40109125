import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { READ_EVERY_MS } from '../../core/relay/presets.js';
import { maskStreamUrl } from '../../core/redact.js';
import type { RelayRequest } from '../../services/relay-setup.js';
import { contextOf } from '../context.js';
import { stopOnInterrupt } from '../interrupt.js';
import { collect, jsonOption } from '../options.js';
import { parseListen } from '../parse.js';

interface RelayFlags {
  listen?: string;
  key?: string;
  to?: string[];
  json?: boolean;
  record?: string;
  allowRemote?: boolean;
  maxLag: string;
  readEvery: string;
  slate: boolean;
  tlsCert?: string;
  tlsKey?: string;
  statsEvery: string;
}

function relayRequest(f: RelayFlags): RelayRequest & { maxLagMs: number; readEveryMs: number; statsEveryS: number } {
  const listen = f.listen ? parseListen(f.listen, f) : undefined;
  if (!f.listen && (f.tlsCert || f.tlsKey))
    throw new UsageError('--tls-cert and --tls-key are for an rtmps:// ingest: add --listen rtmps://HOST:PORT/APP.');
  if (f.key !== undefined && !/^[A-Za-z0-9_-]{4,}$/.test(f.key))
    throw new UsageError('--key: use 4 or more letters, digits, _ or -.');
  const maxLagMs = Number(f.maxLag);
  if (!(maxLagMs >= 200)) throw new UsageError('--max-lag is milliseconds, 200 or more.');
  const readEveryMs = Number(f.readEvery);
  if (!(Number.isInteger(readEveryMs) && readEveryMs >= 0 && readEveryMs <= 1000))
    throw new UsageError('--read-every is milliseconds, 0 to 1000 (0 reads the feed as it arrives).');
  return {
    listen,
    key: f.key,
    to: f.to,
    allowRemote: Boolean(f.allowRemote),
    slate: f.slate,
    maxLagMs,
    readEveryMs,
    statsEveryS: Number(f.statsEvery),
  };
}

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description(
      'take one OBS feed on a local ingest and relay it, without re-encoding, to every destination (rtmp:// and rtmps://)',
    )
    .option(
      '--listen <url>',
      'ingest, rtmp://HOST:PORT/APP or rtmps://HOST:PORT/APP (default from config: rtmp://127.0.0.1:1935/live)',
    )
    .option('--tls-cert <file>', 'certificate (PEM, full chain) for an rtmps:// --listen')
    .option('--tls-key <file>', 'private key (PEM) for an rtmps:// --listen')
    .option('--key <key>', 'ingest stream key (default: the one lotcast generated and stored)')
    .option(
      '--to <url>',
      'a destination rtmp(s)://host/app/STREAM-KEY (repeatable; default: your enabled destinations)',
      collect,
    )
    .option('--record <dir>', 'also record the ingest to an FLV file (+ .json with its start time) in this folder')
    .option('--allow-remote', 'allow --listen on an address other than loopback (the key is still required)')
    .option('--no-slate', 'no "be right back" slate while OBS is gone (the platforms end the stream after 10 s)')
    .option('--max-lag <ms>', 'how far a destination may fall behind before it drops whole GOPs', '1500')
    .option(
      '--read-every <ms>',
      "read OBS's feed in batches this often once it is live: less CPU, at most this much more latency (0: as it arrives)",
      String(READ_EVERY_MS),
    )
    .option('--stats-every <seconds>', "also print every destination's status (bitrate, frames, lag) this often", '0')
    .addOption(jsonOption())
    .action(async (f: RelayFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const request = relayRequest(f);
      const { planRelay, streamKeyOf } = await import('../../services/relay-setup.js');
      const { note, ...plan } = planRelay(ctx.config(), request, process.env);
      if (note) ctx.out.note(note);
      // Everything printed from here on masks every stream key, including ad-hoc ones.
      for (const d of plan.destinations) ctx.out.redactor.add(streamKeyOf(d.url));
      const { startRelay } = await import('../../services/relay.js');
      const relay = await startRelay({
        ...plan,
        maxLagMs: request.maxLagMs,
        readEveryMs: request.readEveryMs,
        feedReportFile: join(ctx.paths.dataDir, 'last-feed.json'),
        ...(f.record ? { recordDir: f.record } : {}),
        log: (line) => process.env.LOTCAST_DEBUG && ctx.out.note(line),
      });
      const print = (await import('../../ui/relay-format.js')).relayPrinter(ctx.out, Boolean(f.json));
      if (f.json) {
        const destinations = relay.snapshot().destinations.map((d) => ({ index: d.index, name: d.name, url: d.url }));
        ctx.out.jsonLine({ type: 'ready', server: relay.ingestUrl, destinations });
      } else {
        ctx.out.line(`Relay ready. In OBS > Settings > Stream: Service "Custom...",`);
        ctx.out.line(`  Server:     ${relay.ingestUrl}`);
        // The ingest key is the one secret the seller must see, once, to paste into OBS.
        ctx.out.stdout.write(`  Stream Key: ${f.key ? '(the --key you gave)' : plan.key}\n`);
        const to = plan.destinations.map((d) => `${d.name} (${maskStreamUrl(d.url)})`).join(', ');
        ctx.out.line(`Relaying to ${to}. Ctrl-C ends every stream cleanly.`);
      }
      relay.subscribe(print.event);
      // Typed commands: retry [N|name] (reconnect now, skipping the backoff), on N, off N.
      const { relayCommand } = await import('../../ui/relay-commands.js');
      const typed = (await import('node:readline')).createInterface({ input: process.stdin, terminal: false });
      typed.on('line', (l) => {
        const said = relayCommand(relay, l);
        if (said) print.said(said);
      });
      const every = request.statsEveryS;
      const stats = every > 0 ? setInterval(() => print.stats(relay.snapshot()), every * 1000) : null;
      const stop = stopOnInterrupt({ sigterm: true });
      await stop.requested;
      stop.dispose();
      if (stats) clearInterval(stats);
      typed.close();
      print.summary(await relay.stop(), relay.snapshot().ingest, relay.recordingFile());
    });
}
