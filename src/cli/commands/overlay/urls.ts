import type { Command } from 'commander';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { overlayUrlLines, qrLines } from '../../overlay-output.js';
import { group } from '../groups.js';

export function registerOverlayUrls(program: Command): void {
  group(program, 'overlay')
    .command('urls [show]')
    .description('print the overlay URLs to paste into OBS and the producer page URL (default: the live show)')
    .option('--qr', 'also draw the producer URL as a QR code (the LAN one when served on the LAN)')
    .addOption(jsonOption())
    .action(async (ref: string | undefined, f: { qr?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { overlayAddress } = await import('../../../services/overlay-setup.js');
      const a = overlayAddress(ctx.store(), ctx.paths.dataDir, ctx.config().settings(), ref);
      if (f.json) return ctx.out.json(a);
      ctx.out.line(
        `${a.showName} (${a.showId}): ${a.running ? `served now on port ${a.port}` : `not served now; \`lotcast live ${a.showId}\` serves it on port ${a.port}`}`,
      );
      for (const l of overlayUrlLines(a.urls)) ctx.out.line(l);
      if (f.qr) for (const l of await qrLines(a.urls.lanProducer[0] ?? a.urls.producer, ctx.out)) ctx.out.line(l);
    });
}
