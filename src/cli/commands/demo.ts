import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { parseDuration } from '../../core/plan/duration.js';
import { contextOf } from '../context.js';
import { jsonOption } from '../program.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the whole flow on embedded defaults: sample haul, planned show, simulated buyers on both channels, live dashboard, summary')
    .option('--duration <length>', 'how long the demo runs (e.g. 30s, 2m)', '45s')
    .option('--plain', 'one line per event instead of the dashboard (automatic when not a terminal)')
    .option('--no-relay', 'leave out the stream part (stand-in ingests, relay, bundled test feed)')
    .addOption(jsonOption())
    .action(async (f: { duration: string; plain?: boolean; json?: boolean; relay: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const d = parseDuration(f.duration);
      if (!d.ok) throw new UsageError(`--duration ${d.message}.`);
      const dir = join(ctx.paths.dataDir, 'demo');
      const { prepareDemo, startDemoBuyers } = await import('../../services/demo.js');
      const { summaryLines, eventLine } = await import('../../ui/live-format.js');
      const { store, show } = await prepareDemo(dir, new Date().toISOString());
      const plain = f.plain || f.json || !process.stdout.isTTY;
      let demoRelay: import('../../services/demo-relay.js').DemoRelay | null = null;
      let unbridge = () => {};
      if (f.relay) {
        const { startDemoRelay } = await import('../../services/demo-relay.js');
        const { bridgeShowToRelay } = await import('../../services/live-relay.js');
        demoRelay = await startDemoRelay({ durationS: d.seconds });
        unbridge = bridgeShowToRelay(show, demoRelay.relay);
      }
      const stepMs = Math.max(150, Math.min(1500, (d.seconds * 1000) / 30));
      const stop = startDemoBuyers(show, { stepMs });
      let relaySummary: import('../../services/demo-relay.js').DemoRelaySummary | null = null;
      const stopRelay = async () => {
        unbridge();
        if (demoRelay && !relaySummary) relaySummary = await demoRelay.stop();
      };
      try {
        if (plain) {
          if (!f.json) ctx.out.line(`lotcast demo: ${show.plan.show.name}, ${show.plan.summary.lotCount} lots on Whatnot + TikTok, data in ${dir}`);
          if (demoRelay && !f.json) ctx.out.line(`stream: bundled test feed -> lotcast relay ${demoRelay.ingestUrl} -> stand-in TikTok and Whatnot ingests on 127.0.0.1`);
          const offRelay = f.json ? undefined : demoRelay?.relay.subscribe((e) => {
            if (e.type === 'destination') ctx.out.line(`stream ${e.destination.index}. ${e.destination.name} ${e.destination.state}${e.destination.lastError ? `: ${e.destination.lastError}` : ''}`);
          });
          let printed = 0;
          const print = () => {
            for (const e of show.getSnapshot().recent) if (e.id > printed) {
              if (!f.json) ctx.out.line(eventLine(show.plan, show.current, e));
              printed = e.id;
            }
          };
          print();
          const off = show.subscribe(print);
          await new Promise((r) => setTimeout(r, d.seconds * 1000));
          stop();
          show.end();
          off();
          await stopRelay();
          offRelay?.();
        } else {
          const { render } = await import('ink');
          const { createElement } = await import('react');
          const { LiveApp } = await import('../../ui/live-ink.js');
          let endedByHost = false;
          const app = render(createElement(LiveApp, { show, destinations: demoRelay ? ['tiktok', 'whatnot'] : [], relay: demoRelay?.relay ?? null, pollMs: 250, onEnd: () => (endedByHost = true) }), { exitOnCtrlC: true, maxFps: 30, interactive: true });
          const timer = setTimeout(() => app.unmount(), d.seconds * 1000);
          await app.waitUntilExit();
          clearTimeout(timer);
          stop();
          if (!endedByHost) show.end();
        }
      } finally {
        stop();
        await stopRelay();
      }
      const s = show.current;
      const stream = relaySummary as import('../../services/demo-relay.js').DemoRelaySummary | null;
      if (f.json) {
        ctx.out.json({ show: show.plan.show.id, dataDir: dir, channels: s.byChannel, sales: s.sales.length, oversells: s.sales.filter((x) => x.oversell).map((x) => ({ sku: x.sku, channel: x.channel })), giveaways: s.giveaways.length,
          stream: stream ? { framesPublished: stream.framesPublished, destinations: stream.destinations.map((x) => ({ name: x.name, state: x.state, framesSent: x.framesSent, framesDropped: x.framesDropped, bytesSent: x.bytesSent, reconnects: x.reconnects, received: x.received })) } : null });
      } else {
        for (const l of summaryLines(show.plan, s)) ctx.out.line(l);
        if (stream) {
          ctx.out.line(`  Stream: ${stream.framesPublished} frames published by the test feed`);
          for (const x of stream.destinations) ctx.out.line(`    ${x.name.padEnd(8)} sent ${x.framesSent} video frames (${(x.bytesSent / 1e6).toFixed(1)} MB), dropped ${x.framesDropped}, reconnects ${x.reconnects}; stand-in received ${x.received.videoFrames} video + ${x.received.audioFrames} audio frames`);
        }
        ctx.out.line(ctx.out.color.dim(`Explore it: lotcast --data-dir ${dir} show status demo   (or: inventory list, show view demo --format html --out cue-sheet.html)`));
      }
      store.close();
    });
}
