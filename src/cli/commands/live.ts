import { Option, type Command } from 'commander';
import { isChannel, type Channel } from '../../core/channel-types.js';
import { UsageError } from '../../core/errors.js';
import { parseQuantity } from '../../core/bounds.js';
import { parseMoney } from '../../core/money.js';
import { contextOf } from '../context.js';
import { commandGroup, jsonOption } from '../options.js';
import { ensureIngestKey } from '../ingest-key.js';
import { parseListen } from './relay.js';

export function registerLive(program: Command): void {
  program
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
    .option('--order-poll <seconds>', 'seconds between order pulls (default: config live.orderPollSeconds, 3)')
    .action(
      async (
        ref: string,
        flags: { plain?: boolean; relay?: boolean; listen?: string; channels: boolean; orderPoll?: string },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const { LiveShow } = await import('../../services/live-show.js');
        const show = LiveShow.open(ctx.store(), ref, { source: 'dashboard' });
        const config = ctx.config();
        const settings = config.settings();
        const destinations = settings.destinations.map((d) => d.name);
        let relay: import('../../services/relay.js').RunningRelay | null = null;
        let unbridge = () => {};
        if (flags.relay) {
          const key = ensureIngestKey(config);
          const secrets = config.secrets();
          if (!settings.destinations.length)
            throw new UsageError('No stream destinations configured.', {
              hint: 'Add one with `lotcast destination add <name> --preset tiktok --server ... --key-stdin`.',
            });
          const { startRelay } = await import('../../services/relay.js');
          const { joinStreamUrl } = await import('../../core/relay/presets.js');
          const { slateFromSettings } = await import('../../services/relay-slate-setup.js');
          const { slate, note } = slateFromSettings(settings, {
            env: process.env,
            title: show.getSnapshot().plan.show.name,
          });
          if (note) ctx.out.note(note);
          relay = await startRelay({
            slate,
            listen: flags.listen ? parseListen(flags.listen) : settings.ingest,
            key,
            destinations: settings.destinations.map((d) => ({
              name: d.name,
              url: joinStreamUrl(d.server, secrets.destinationKeys[d.name] ?? ''),
              enabled: d.enabled,
            })),
          });
          const { bridgeShowToRelay } = await import('../../services/live-relay.js');
          unbridge = bridgeShowToRelay(show, relay);
          ctx.out.line(`Relay on. OBS Server: ${relay.ingestUrl}`);
          // The ingest key is the one secret the host must see to paste into OBS.
          ctx.out.stdout.write(`OBS Stream Key: ${key}\n`);
        }
        const plainMode = Boolean(flags.plain || !process.stdout.isTTY || !process.stdin.isTTY);
        let stopChannels = async () => {};
        if (flags.channels) {
          const poll = flags.orderPoll === undefined ? undefined : Number(flags.orderPoll);
          if (poll !== undefined && !(poll > 0 && poll <= 600))
            throw new UsageError(`--order-poll ${flags.orderPoll}: give seconds between 1 and 600.`);
          const { prepareLiveChannels } = await import('../../services/live-channels.js');
          const linked = prepareLiveChannels(show, ctx.store(), config, {
            env: process.env,
            pollSeconds: poll,
            redactor: ctx.out.redactor,
            ...(plainMode ? { onLog: (l: string) => ctx.out.line(`channel ${l}`) } : {}),
          });
          if (linked) {
            if (plainMode)
              ctx.out.line(
                `Channels: pulling orders from ${linked.channels.join(' and ')}; sold-out items are zeroed on the other channel.`,
              );
            let sync: import('../../services/channel-sync.js').RunningChannelSync | null = null;
            let started = false;
            // Orders become sales, so the sync starts once the show is live (the screen starts it).
            const startWhenLive = () => {
              if (started || !show.current.started || show.current.ended) return;
              started = true;
              sync = linked.start();
            };
            const off = show.subscribe(startWhenLive);
            startWhenLive();
            stopChannels = async () => {
              off();
              await sync?.stop();
            };
          }
        }
        try {
          if (plainMode) {
            const { runPlainLive } = await import('../../ui/live-plain.js');
            const off = relay?.subscribe((e) => {
              if (e.type === 'destination')
                ctx.out.line(
                  `stream ${e.destination.index}. ${e.destination.name} ${e.destination.state}${e.destination.lastError ? `: ${e.destination.lastError}` : ''}`,
                );
            });
            await runPlainLive(show, ctx.out, process.stdin, { destinations });
            off?.();
            return;
          }
          const { runInkLive } = await import('../../ui/live-ink.js');
          await runInkLive(show, ctx.out, { destinations, relay });
        } finally {
          await stopChannels();
          unbridge();
          await relay?.stop();
        }
      },
    );

  program
    .command('sale')
    .description('record a sale on a live show from another terminal or a script')
    .requiredOption('--show <show>', 'the live show')
    .addOption(new Option('--channel <channel>', 'where it sold').choices(['whatnot', 'tiktok']).makeOptionMandatory())
    .option('--sku <sku>', 'item sold (default: the lot on screen)')
    .option('--price <price>', "sale price (default: the plan's price)")
    .option('--buyer <name>', 'buyer handle')
    .option('--quantity <n>', 'units', '1')
    .addOption(jsonOption())
    .action(
      async (
        f: {
          show: string;
          channel: string;
          sku?: string;
          price?: string;
          buyer?: string;
          quantity: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        if (!isChannel(f.channel)) throw new UsageError(`--channel ${f.channel}: use whatnot or tiktok.`);
        const q = parseQuantity(f.quantity, { min: 1 });
        if (!q.ok)
          throw new UsageError(`--quantity: ${q.message}.`, { hint: 'Give the units sold, like --quantity 2.' });
        const quantity = q.value;
        let priceCents: number | undefined;
        if (f.price !== undefined) {
          const m = parseMoney(f.price);
          if (!m.ok || m.cents < 0) throw new UsageError(`--price ${m.ok ? 'is negative' : m.message}.`);
          priceCents = m.cents;
        }
        const { LiveShow } = await import('../../services/live-show.js');
        const show = LiveShow.open(ctx.store(), f.show, { source: 'cli' });
        const event = show.sale({
          channel: f.channel as Channel,
          quantity,
          ...(f.sku ? { sku: f.sku } : {}),
          ...(priceCents !== undefined ? { priceCents } : {}),
          ...(f.buyer ? { buyer: f.buyer } : {}),
        });
        const sale = show.current.sales.find(
          (s) => event && event.type === 'sale.recorded' && s.saleId === event.saleId,
        );
        if (!sale) throw new UsageError('The sale was not recorded.');
        const stock = show.stockOf(sale.sku) ?? 0;
        if (f.json) return ctx.out.json({ sale, stock });
        const { eventLine } = await import('../../ui/live-format.js');
        ctx.out.line(eventLine(show.plan, show.current, event!));
      },
    );

  commandGroup(program, 'show', 'plan shows, see and edit their rundowns, follow them live')
    .command('status <show>')
    .description('current lot, stock per SKU, sales per channel and totals')
    .addOption(jsonOption())
    .action(async (ref: string, f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { LiveShow } = await import('../../services/live-show.js');
      const show = LiveShow.open(ctx.store(), ref, { source: 'cli', readOnly: true });
      const s = show.current;
      const seg = show.segment();
      const grossCents = s.byChannel.whatnot.grossCents + s.byChannel.tiktok.grossCents;
      const status = {
        show: {
          id: show.plan.show.id,
          name: show.plan.show.name,
          started: s.started,
          ended: s.ended,
          startedAt: s.startedAt,
        },
        current: seg
          ? {
              index: seg.index,
              label: seg.label,
              kind: seg.kind,
              title: seg.title,
              sku: seg.sku ?? null,
              stock: seg.sku ? (s.stock[seg.sku] ?? null) : null,
            }
          : null,
        stock: s.stock,
        channels: s.byChannel,
        totals: {
          orders: s.sales.length,
          units: s.sales.reduce((n, x) => n + x.quantity, 0),
          grossCents,
          oversells: s.sales.filter((x) => x.oversell).length,
          giveaways: s.giveaways.length,
        },
      };
      if (f.json) return ctx.out.json(status);
      const { summaryLines, segmentLine } = await import('../../ui/live-format.js');
      ctx.out.line(`${s.ended ? 'ended' : s.started ? 'live' : 'not started'}; now ${segmentLine(seg)}`);
      for (const l of summaryLines(show.plan, s)) ctx.out.line(l);
    });
}
