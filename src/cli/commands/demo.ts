import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { parseDuration } from '../../core/plan/duration.js';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';
import type { DestinationStatus } from '../../core/relay-types.js';
import type { DemoRelay, DemoRelaySummary } from '../../services/demo-relay.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'the whole flow on embedded defaults: sample haul, planned show, simulated buyers on both channels, relay to stand-in ingests, live dashboard, summary',
    )
    .option('--duration <length>', 'how long the demo runs (e.g. 30s, 2m)', '45s')
    .option('--plain', 'one line per event instead of the dashboard (automatic when not a terminal)')
    .option('--no-relay', 'leave out the stream part (stand-in ingests, relay, bundled test feed)')
    .addOption(jsonOption())
    .action(async (f: { duration: string; plain?: boolean; json?: boolean; relay: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const d = parseDuration(f.duration);
      if (!d.ok) throw new UsageError(`--duration ${d.message}.`);
      const dir = join(ctx.paths.dataDir, 'demo');
      const plain = Boolean(f.plain || f.json || !process.stdout.isTTY || !process.stdin.isTTY);
      const say = (l: string) => !f.json && ctx.out.line(l);
      const { prepareDemo, startDemoBuyers } = await import('../../services/demo.js');
      // The stand-in ingests are node processes booting: they start while the sample haul is imported.
      const relayStarting = f.relay
        ? (await import('../../services/demo-relay.js')).startDemoRelay({ durationS: d.seconds })
        : null;
      relayStarting?.catch(() => {});
      const prepared = await prepareDemo(dir, new Date().toISOString()).catch(async (err: unknown) => {
        await relayStarting?.then(
          (r) => r.stop(),
          () => {},
        );
        throw err;
      });
      const { store, show } = prepared;
      let demoRelay: DemoRelay | null = null;
      let relaySummary: DemoRelaySummary | null = null;
      let unbridge = () => {};
      let stopBuyers = () => {};
      let timeUp: ReturnType<typeof endAfter> | null = null;
      try {
        if (relayStarting) {
          demoRelay = await relayStarting;
          ctx.out.redactor.add(...demoRelay.secrets);
          const { bridgeShowToRelay } = await import('../../services/live-relay.js');
          unbridge = bridgeShowToRelay(show, demoRelay.relay);
        }
        stopBuyers = startDemoBuyers(show, { stepMs: Math.max(150, Math.min(1500, (d.seconds * 1000) / 30)) });
        const { eventLine } = await import('../../ui/live-format.js');
        timeUp = endAfter(d.seconds * 1000);
        if (plain) {
          say(
            `lotcast demo: ${show.plan.show.name}, ${show.plan.summary.lotCount} lots on Whatnot + TikTok, data in ${dir}`,
          );
          if (demoRelay) for (const l of (await import('../demo-output.js')).demoStreamIntro(demoRelay)) say(l);
          // The relay started while the haul was imported: its states so far first, then changes.
          const shown = new Map<string, string>();
          const streamLine = (x: DestinationStatus) => {
            const line = `stream ${x.index}. ${x.name} ${x.state}${x.lastError ? `: ${x.lastError}` : ''}`;
            if (shown.get(x.name) !== line) say(line);
            shown.set(x.name, line);
          };
          demoRelay?.relay.snapshot().destinations.forEach(streamLine);
          const offRelay = demoRelay?.relay.subscribe((e) => e.type === 'destination' && streamLine(e.destination));
          let printed = 0;
          const print = () => {
            for (const e of show.getSnapshot().recent)
              if (e.id > printed) {
                say(eventLine(show.plan, show.current, e));
                printed = e.id;
              }
          };
          print();
          const off = show.subscribe(print);
          await timeUp.done;
          stopBuyers();
          if (!show.current.ended) show.end();
          off();
          relaySummary = (await demoRelay?.stop()) ?? null;
          offRelay?.();
        } else {
          const { render } = await import('ink');
          const { createElement } = await import('react');
          const { LiveApp } = await import('../../ui/live-ink.js');
          const destinations = demoRelay ? demoRelay.standIns.map((s) => s.name) : [];
          const app = render(
            createElement(LiveApp, {
              show,
              destinations,
              relay: demoRelay?.relay ?? null,
              pollMs: 250,
              onEnd: () => {},
            }),
            { exitOnCtrlC: true, maxFps: 30, interactive: true },
          );
          // Time up (or SIGTERM) closes the dashboard; so do `q` `y` and Ctrl-C.
          await Promise.race([timeUp.done, app.waitUntilExit()]);
          timeUp.cancel();
          app.unmount();
          await app.waitUntilExit();
          stopBuyers();
          if (!show.current.ended) show.end();
        }
      } finally {
        timeUp?.cancel();
        stopBuyers();
        unbridge();
        relaySummary ??= (await demoRelay?.stop()) ?? null;
      }
      const s = show.current;
      const { demoStreamJson, demoStreamLines } = await import('../demo-output.js');
      if (f.json) {
        ctx.out.json({
          show: show.plan.show.id,
          dataDir: dir,
          channels: s.byChannel,
          sales: s.sales.length,
          oversells: s.sales.filter((x) => x.oversell).map((x) => ({ sku: x.sku, channel: x.channel })),
          giveaways: s.giveaways.length,
          stream: relaySummary ? demoStreamJson(relaySummary) : null,
        });
      } else {
        const { summaryLines } = await import('../../ui/live-format.js');
        for (const l of summaryLines(show.plan, s)) ctx.out.line(l);
        if (relaySummary) for (const l of demoStreamLines(relaySummary)) ctx.out.line(l);
        ctx.out.line(
          ctx.out.color.dim(
            `Explore it: lotcast --data-dir ${dir} show status demo   (or: inventory list, show view demo --format html --out cue-sheet.html)`,
          ),
        );
      }
      store.close();
    });
}

/** Resolves when the demo's time is up, or early on Ctrl-C / SIGTERM (the summary still prints). */
function endAfter(ms: number): { done: Promise<void>; cancel(): void } {
  let cancel = () => {};
  const done = new Promise<void>((resolve) => {
    const finish = () => {
      cancel();
      resolve();
    };
    const timer = setTimeout(finish, ms);
    cancel = () => {
      clearTimeout(timer);
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
    };
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  return { done, cancel };
}
