import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { maskStreamUrl } from '../../core/redact.js';
import type { RelayEvent } from '../../core/relay-types.js';
import { joinStreamUrl } from '../../core/relay/presets.js';
import { contextOf } from '../context.js';
import { ensureIngestKey } from '../ingest-key.js';
import { table } from '../../ui/output.js';
import { jsonOption } from '../options.js';

interface RelayFlags {
  listen?: string;
  key?: string;
  to?: string[];
  plain?: boolean;
  json?: boolean;
  record?: string;
  allowRemote?: boolean;
  maxLag: string;
  slate: boolean;
  statsEvery: string;
}

export function parseListen(url: string): { host: string; port: number; app: string } {
  const m = /^rtmp:\/\/([^/:]+)(?::(\d+))?\/([A-Za-z0-9_-]+)\/?$/.exec(url.trim());
  if (!m) throw new UsageError(`--listen ${url}: write it like rtmp://127.0.0.1:1935/live.`);
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 1935, app: m[3]! };
}

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description(
      'take one OBS feed on a local ingest and relay it, without re-encoding, to every destination (rtmp:// and rtmps://)',
    )
    .option('--listen <url>', 'local ingest, rtmp://HOST:PORT/APP (default from config: rtmp://127.0.0.1:1935/live)')
    .option('--key <key>', 'ingest stream key (default: the one lotcast generated and stored)')
    .option(
      '--to <url>',
      'a destination rtmp(s)://host/app/STREAM-KEY (repeatable; default: your enabled destinations)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--record <dir>', 'also record the ingest to an FLV file (+ .json with its start time) in this folder')
    .option('--allow-remote', 'allow --listen on an address other than loopback (the key is still required)')
    .option('--no-slate', 'no "be right back" slate while OBS is gone (the platforms end the stream after 10 s)')
    .option('--max-lag <ms>', 'how far a destination may fall behind before it drops whole GOPs', '1500')
    .option('--stats-every <seconds>', "also print every destination's status (bitrate, frames, lag) this often", '0')
    .option('--plain', 'status as plain lines (automatic when not a terminal)')
    .addOption(jsonOption())
    .action(async (f: RelayFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const config = ctx.config();
      const settings = config.settings();
      const listen = f.listen ? parseListen(f.listen) : settings.ingest;
      if (!['127.0.0.1', 'localhost', '::1'].includes(listen.host) && !f.allowRemote) {
        throw new UsageError(`--listen on ${listen.host} would accept encoders from other machines.`, {
          hint: 'Add --allow-remote if you mean it (the stream key is still required), or use 127.0.0.1.',
        });
      }
      const key = f.key ?? ensureIngestKey(config);
      if (!/^[A-Za-z0-9_-]{4,}$/.test(key)) throw new UsageError('--key: use 4 or more letters, digits, _ or -.');
      const maxLagMs = Number(f.maxLag);
      if (!(maxLagMs >= 200)) throw new UsageError('--max-lag is milliseconds, 200 or more.');
      const secrets = config.secrets();
      const destinations = f.to?.length
        ? f.to.map((url, i) => ({ name: f.to!.length === 1 ? 'to' : `to${i + 1}`, url }))
        : settings.destinations
            .filter((d) => d.enabled)
            .map((d) => ({ name: d.name, url: joinStreamUrl(d.server, secrets.destinationKeys[d.name] ?? '') }));
      if (destinations.length === 0)
        throw new UsageError('No destinations to relay to.', {
          hint: 'Add one with `lotcast destination add tiktok --preset tiktok`, or pass --to rtmp://host/app/KEY.',
        });
      // Everything printed from here on masks every stream key, including ad-hoc ones.
      for (const d of destinations) ctx.out.redactor.add(d.url.replace(/^rtmps?:\/\/[^/]+\/[^/]+\//, ''));
      const { startRelay } = await import('../../services/relay.js');
      const { slateFromSettings } = await import('../../services/relay-slate-setup.js');
      const { slate, note } = f.slate ? slateFromSettings(settings, { env: process.env }) : { slate: null, note: null };
      if (note) ctx.out.note(note);
      const plain = f.plain || f.json || !process.stdout.isTTY;
      const relay = await startRelay({
        listen,
        key,
        destinations,
        maxLagMs,
        slate,
        ...(f.record ? { recordDir: f.record } : {}),
        log: (line) => process.env.LOTCAST_DEBUG && ctx.out.note(line),
      });
      const time = () => new Date().toTimeString().slice(0, 8);
      const line = (e: RelayEvent) => {
        if (f.json) return ctx.out.jsonLine(e);
        if (e.type === 'ingest')
          ctx.out.line(
            `${time()} ingest ${e.ingest.state}${e.ingest.video ? ` (${e.ingest.video.codec})` : ''}${e.ingest.slateSince ? ': OBS is gone, the platforms get the slate' : ''}`,
          );
        else if (e.type === 'destination') {
          const d = e.destination;
          ctx.out.line(
            `${time()} ${d.index}. ${d.name} ${d.state}${d.source === 'slate' ? ' (slate)' : ''}${d.lastError ? `: ${d.lastError}` : ''}`,
          );
        }
      };
      if (f.json)
        ctx.out.jsonLine({
          type: 'ready',
          server: relay.ingestUrl,
          destinations: relay.snapshot().destinations.map((d) => ({ index: d.index, name: d.name, url: d.url })),
        });
      else {
        ctx.out.line(`Relay ready. In OBS > Settings > Stream: Service "Custom...",`);
        ctx.out.line(`  Server:     ${relay.ingestUrl}`);
        // The ingest key is the one secret the seller must see, once, to paste into OBS.
        ctx.out.stdout.write(`  Stream Key: ${f.key ? '(the --key you gave)' : key}\n`);
        ctx.out.line(
          `Relaying to ${destinations.map((d) => `${d.name} (${maskStreamUrl(d.url)})`).join(', ')}${plain ? '' : ''}. Ctrl-C ends every stream cleanly.`,
        );
      }
      relay.subscribe(line);
      const every = Number(f.statsEvery);
      const stats =
        every > 0
          ? setInterval(() => {
              const snap = relay.snapshot();
              if (f.json) return ctx.out.jsonLine({ type: 'status', at: new Date().toISOString(), ...snap });
              for (const d of snap.destinations)
                ctx.out.line(
                  `${time()} ${d.index}. ${d.name} ${d.state} ${d.bitrateKbps} kb/s, ${d.framesSent} frames, ${d.framesDropped} dropped, lag ${d.lagMs} ms`,
                );
            }, every * 1000)
          : null;
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      if (stats) clearInterval(stats);
      const summary = await relay.stop();
      if (f.json) return ctx.out.jsonLine({ type: 'summary', destinations: summary });
      ctx.out.line('');
      ctx.out.line(
        table(
          ['#', 'Destination', 'URL', 'Frames sent', 'Dropped', 'Reconnects', 'MB sent', 'Last error'],
          summary.map((d) => [
            String(d.index),
            d.name,
            d.url,
            String(d.framesSent),
            String(d.framesDropped),
            String(d.reconnects),
            (d.bytesSent / 1e6).toFixed(1),
            d.lastError ?? '-',
          ]),
          { align: ['r', 'l', 'l', 'r', 'r', 'r', 'r', 'l'] },
        ),
      );
      const { gapSummary } = await import('../../ui/stream-panel.js');
      const gaps = gapSummary(relay.snapshot().ingest);
      if (gaps) ctx.out.line(gaps);
      const rec = relay.recordingFile();
      if (rec) ctx.out.line(`Recording: ${rec}`);
    });
}
