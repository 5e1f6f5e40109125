import type { Command } from 'commander';
import type { Settings } from '../adapters/config-store.js';
import { UsageError } from '../core/errors.js';
import type { RunningShowOverlay, ShowOverlayChoice } from '../services/show-overlay.js';
import type { Output } from '../ui/output.js';
import { overlayUrlLines, qrLines } from './overlay-output.js';

export interface OverlayFlags {
  overlay: boolean;
  overlayPort?: string;
  producerLan?: boolean;
}

/** The web server's options on `lotcast live` and `lotcast demo`. */
export function addOverlayOptions(cmd: Command): Command {
  return cmd
    .option('--overlay-port <port>', 'port of the OBS overlays and producer page (default: config overlay.port, 4477)')
    .option('--no-overlay', 'do not serve the overlays and producer page')
    .option(
      '--producer-lan',
      'also serve the producer page on the LAN (for a phone); every write needs the show token',
    );
}

/** Flags and settings into what the server needs, or null for --no-overlay. */
export function overlayChoice(f: OverlayFlags, settings: Settings): ShowOverlayChoice | null {
  if (!f.overlay) return null;
  const port = f.overlayPort === undefined ? settings.overlay.port : Number(f.overlayPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--overlay-port ${f.overlayPort}: give a port from 1 to 65535.`, {
      hint: 'Or --no-overlay to run without the overlays.',
    });
  return {
    port,
    lan: Boolean(f.producerLan),
    buyers: settings.overlay.buyers,
    goalCents: settings.overlay.goal > 0 ? Math.round(settings.overlay.goal * 100) : null,
    customCssFile: settings.overlay.css ?? null,
  };
}

/** What the host sees when the show starts: the URLs for OBS, the producer page, the QR for a phone. */
export async function printOverlayStart(out: Output, o: RunningShowOverlay): Promise<void> {
  if (o.movedFrom !== null)
    out.line(
      `Overlay port ${o.movedFrom} is in use: serving on ${o.port} instead (OBS sources need this port; \`lotcast overlay obs --port ${o.port}\` or --overlay-port).`,
    );
  for (const l of overlayUrlLines(o.urls)) out.line(l);
  const lan = o.urls.lanProducer[0];
  if (lan) for (const l of await qrLines(lan, out)) out.line(l);
  else if (o.lanAsked) out.line('--producer-lan: this computer has no LAN address (IPv4) right now; loopback only.');
}
