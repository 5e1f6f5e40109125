import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';
import { overlayUrlLines, qrLines } from '../overlay-output.js';

export function registerOverlay(program: Command): void {
  const overlay = program
    .command('overlay')
    .description('OBS overlays and the producer page of a live show (served by `lotcast live`)');

  overlay
    .command('urls [show]')
    .description('print the overlay URLs to paste into OBS and the producer page URL (default: the live show)')
    .option('--qr', 'also draw the producer URL as a QR code (the LAN one when served on the LAN)')
    .addOption(jsonOption())
    .action(async (ref: string | undefined, f: { qr?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { overlayAddress } = await import('../../services/overlay-setup.js');
      const a = overlayAddress(ctx.store(), ctx.paths.dataDir, ctx.config().settings(), ref);
      if (f.json) return ctx.out.json(a);
      ctx.out.line(
        `${a.showName} (${a.showId}): ${a.running ? `served now on port ${a.port}` : `not served now; \`lotcast live ${a.showId}\` serves it on port ${a.port}`}`,
      );
      for (const l of overlayUrlLines(a.urls)) ctx.out.line(l);
      if (f.qr) for (const l of await qrLines(a.urls.lanProducer[0] ?? a.urls.producer)) ctx.out.line(l);
    });

  overlay
    .command('obs')
    .description('write an OBS scene collection with the overlays as Browser Sources (Scene Collection > Import)')
    .requiredOption('--out <file>', 'where to write the collection, e.g. lotcast-scenes.json')
    .addOption(
      new Option('--canvas <canvas>', 'OBS canvas: vertical 1080x1920 or landscape 1920x1080')
        .choices(['vertical', 'landscape'])
        .default('vertical'),
    )
    .option('--port <port>', 'overlay port (default: config overlay.port)')
    .action(async (f: { out: string; canvas: 'vertical' | 'landscape'; port?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const port = f.port === undefined ? ctx.config().settings().overlay.port : Number(f.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new UsageError(`--port ${f.port}: give a port from 1 to 65535.`);
      const { writeObsScenes } = await import('../../services/overlay-setup.js');
      const r = writeObsScenes(f.out, { port, canvas: f.canvas });
      ctx.out.line(
        `Wrote ${f.out}: scene "lotcast overlays" with ${r.sources} Browser Sources for a ${f.canvas} canvas.`,
      );
      ctx.out.line('In OBS: Scene Collection > Import, pick the file, then Scene Collection > choose it.');
      ctx.out.line('"lotcast all" is visible; the single overlays are hidden in the same scene, to place one by one.');
    });
}
