import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { parseDuration } from '../../core/plan/duration.js';
import type { DemoRelaySummary } from '../../services/demo-relay.js';
import type { DemoSession } from '../../services/demo-session.js';
import type { Output } from '../../ui/output.js';
import { contextOf } from '../context.js';
import { stopOnInterrupt } from '../interrupt.js';
import { jsonOption } from '../options.js';
import { addOverlayOptions, overlayChoice, printOverlayStart, type OverlayFlags } from '../overlay-options.js';

interface DemoFlags extends OverlayFlags {
  duration: string;
  plain?: boolean;
  json?: boolean;
  relay: boolean;
}

async function printSummary(out: Output, s: DemoSession, stream: DemoRelaySummary | null, dir: string, json: boolean) {
  const state = s.show.current;
  const { demoStreamJson, demoStreamLines } = await import('../../ui/demo-format.js');
  if (json)
    return out.json({
      show: s.show.plan.show.id,
      dataDir: dir,
      channels: state.byChannel,
      sales: state.sales.length,
      oversells: state.sales.filter((x) => x.oversell).map((x) => ({ sku: x.sku, channel: x.channel })),
      giveaways: state.giveaways.length,
      stream: stream ? demoStreamJson(stream) : null,
    });
  const { summaryLines } = await import('../../ui/live-format.js');
  for (const l of summaryLines(s.show.plan, state)) out.line(l);
  if (stream) for (const l of demoStreamLines(stream)) out.line(l);
  out.line(
    out.color.dim(
      `Explore it: lotcast --data-dir ${dir} show status demo   (or: inventory list, show view demo --format html --out cue-sheet.html)`,
    ),
  );
}

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description(
      'the whole flow on embedded defaults: sample haul, planned show, simulated buyers on both channels, relay to stand-in ingests, live dashboard, summary',
    )
    .option('--duration <length>', 'how long the demo runs (e.g. 30s, 2m)', '45s')
    .option('--plain', 'one line per event instead of the dashboard (automatic when not a terminal)')
    .option('--no-relay', 'leave out the stream part (stand-in ingests, relay, bundled test feed)')
    .addOption(jsonOption());
  addOverlayOptions(demo).action(async (f: DemoFlags, cmd: Command) => {
    const ctx = contextOf(cmd);
    const d = parseDuration(f.duration);
    if (!d.ok) throw new UsageError(`--duration ${d.message}.`);
    const dir = join(ctx.paths.dataDir, 'demo');
    const plain = Boolean(f.plain || f.json || !ctx.out.interactive);
    const { startDemoSession } = await import('../../services/demo-session.js');
    const now = new Date().toISOString();
    const overlay = overlayChoice(f, ctx.config().settings());
    const session = await startDemoSession({ dir, durationS: d.seconds, relay: f.relay, now, overlay });
    if (session.relay) ctx.out.redactor.add(...session.relay.secrets);
    if (session.overlay && !f.json) await printOverlayStart(ctx.out, session.overlay);
    // Time up, Ctrl-C or SIGTERM ends the demo early; the summary still prints.
    const timeUp = stopOnInterrupt({ sigterm: true, afterMs: d.seconds * 1000 });
    let stream: DemoRelaySummary | null = null;
    try {
      session.startBuyers();
      if (plain) {
        const say = (l: string) => !f.json && ctx.out.line(l);
        await (await import('../../ui/demo-plain.js')).runPlainDemo(session, say, { dir, until: timeUp.requested });
      } else {
        const destinations = session.relay ? session.relay.standIns.map((s) => s.name) : [];
        const view = { destinations, relay: session.relay?.relay ?? null, until: timeUp.requested };
        await (await import('../../ui/live-ink.js')).runInkDemo(session.show, view);
      }
    } finally {
      timeUp.dispose();
      stream = await session.stop();
    }
    await printSummary(ctx.out, session, stream, dir, Boolean(f.json));
    session.store.close();
  });
}
