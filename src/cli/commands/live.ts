import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { LiveSessionOptions } from '../../services/live-session.js';
import type { Output } from '../../ui/output.js';
import { contextOf } from '../context.js';
import { addOverlayOptions, overlayChoice, printOverlayStart, type OverlayFlags } from '../overlay-options.js';
import { parseListen } from '../parse.js';

interface LiveFlags extends OverlayFlags {
  plain?: boolean;
  relay?: boolean;
  listen?: string;
  channels: boolean;
  orderPoll?: string;
}

function sessionOptions(
  f: LiveFlags,
  out: Output,
  plain: boolean,
  overlay: LiveSessionOptions['overlay'],
): LiveSessionOptions {
  const poll = f.orderPoll === undefined ? undefined : Number(f.orderPoll);
  if (poll !== undefined && !(poll > 0 && poll <= 600))
    throw new UsageError(`--order-poll ${f.orderPoll}: give seconds between 1 and 600.`);
  return {
    relay: f.relay ? { listen: f.listen ? parseListen(f.listen) : undefined } : null,
    channels: f.channels
      ? { pollSeconds: poll, ...(plain ? { onLog: (l: string) => out.line(`channel ${l}`) } : {}) }
      : null,
    env: process.env,
    redactor: out.redactor,
    overlay,
    onNote: (line) => out.note(line),
  };
}

export function registerLive(program: Command): void {
  const live = program
    .command('live <show>')
    .description('run a show: dashboard with the current lot, timer, stock, sales per channel; single keys')
    .option('--plain', 'one line per event and commands as lines (automatic when not a terminal)')
    .option(
      '--relay',
      'also run the relay to your configured destinations; their health shows in the stream panel, keys 1-9 switch them',
    )
    .option('--listen <url>', 'with --relay: the local ingest (default rtmp://127.0.0.1:1935/live)')
    .option(
      '--no-channels',
      'do not pull orders from or sync stock to connected channels (on by default when connected)',
    )
    .option('--order-poll <seconds>', 'seconds between order pulls (default: config live.orderPollSeconds, 3)');
  addOverlayOptions(live).action(async (ref: string, flags: LiveFlags, cmd: Command) => {
    const ctx = contextOf(cmd);
    const plain = Boolean(flags.plain || !ctx.out.interactive);
    const overlay = overlayChoice(flags, ctx.config().settings());
    const options = sessionOptions(flags, ctx.out, plain, overlay && { ...overlay, dataDir: ctx.paths.dataDir });
    const { startLiveSession } = await import('../../services/live-session.js');
    const session = await startLiveSession(ctx.store(), ctx.config(), ref, options);
    try {
      if (session.relay) {
        ctx.out.line(`Relay on. OBS Server: ${session.relay.ingestUrl}`);
        // The ingest key is the one secret the host must see to paste into OBS.
        ctx.out.stdout.write(`OBS Stream Key: ${session.ingestKey}\n`);
      }
      if (session.overlay) await printOverlayStart(ctx.out, session.overlay);
      if (plain && session.channels.length)
        ctx.out.line(
          `Channels: pulling orders from ${session.channels.join(' and ')}; sold-out items are zeroed on the other channel.`,
        );
      const view = { destinations: session.destinations, relay: session.relay };
      if (plain)
        await (await import('../../ui/live-plain.js')).runPlainLive(session.show, ctx.out, process.stdin, view);
      else await (await import('../../ui/live-ink.js')).runInkLive(session.show, ctx.out, view);
    } finally {
      await session.stop();
    }
  });
}
