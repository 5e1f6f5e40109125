import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../adapters/store/database.js';
import { templatesDir } from '../adapters/templates.js';
import { WriteLimiter } from '../adapters/web/guards.js';
import { listenOn, PortInUseError } from '../adapters/web/http-listener.js';
import { overlayApp } from '../adapters/web/overlay-app.js';
import { clearServerInfo, showToken, writeServerInfo } from '../adapters/web/overlay-files.js';
import { OVERLAY_PAGES, type OverlayPage } from '../core/overlay/obs-scenes.js';
import type { BuyerDisplay } from '../core/overlay/overlay-state.js';
import { LiveShow } from './live-show.js';
import { ShowFeed } from './show-feed.js';

/** What the seller chose (flags and settings). */
export interface ShowOverlayChoice {
  port: number;
  /** Also serve the LAN addresses (then the producer page is reachable from a phone). */
  lan: boolean;
  buyers?: BuyerDisplay;
  goalCents?: number | null;
  customCssFile?: string | null;
}

export interface ShowOverlayOptions extends ShowOverlayChoice {
  store: Store;
  /** The LiveShow the dashboard (or the demo) drives. */
  show: LiveShow;
  dataDir: string;
  /** When the port is taken: use a free one (true: the show must go on) or fail. */
  fallbackPort?: boolean;
  pollMs?: number;
}

export interface OverlayUrls {
  overlays: Record<OverlayPage, string>;
  producer: string;
  /** The producer page on each LAN address (with --producer-lan). */
  lanProducer: string[];
  api: string;
}

export interface RunningShowOverlay {
  port: number;
  /** The configured port was taken and another one was used. */
  movedFrom: number | null;
  /** --producer-lan was asked for (lanProducer is empty when there is no LAN address). */
  lanAsked: boolean;
  urls: OverlayUrls;
  feed: ShowFeed;
  stop(): Promise<void>;
}

/** IPv4 addresses of this computer's network interfaces, loopback left out. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

export function overlayUrls(port: number, token: string, lanHosts: string[] = []): OverlayUrls {
  const base = `http://127.0.0.1:${port}`;
  return {
    overlays: Object.fromEntries(OVERLAY_PAGES.map((p) => [p, `${base}/overlay/${p}`])) as Record<OverlayPage, string>,
    producer: `${base}/producer?token=${token}`,
    lanProducer: lanHosts.map((h) => `http://${h}:${port}/producer?token=${token}`),
    api: `${base}/api/state`,
  };
}

/**
 * The web side of a live show: overlays for OBS and the producer page, served next to the
 * dashboard from the same journal and ledger.
 */
export async function startShowOverlay(opts: ShowOverlayOptions): Promise<RunningShowOverlay> {
  const showId = opts.show.plan.show.id;
  const token = showToken(opts.dataDir, showId);
  const actor = LiveShow.open(opts.store, showId, { source: 'producer' });
  const feed = new ShowFeed({
    view: opts.show,
    actor,
    store: opts.store,
    buyers: opts.buyers ?? 'full',
    goalCents: opts.goalCents ?? null,
    ...(opts.pollMs ? { pollMs: opts.pollMs } : {}),
  });
  const lanHosts = opts.lan ? lanAddresses() : [];
  const hosts = ['127.0.0.1', ...lanHosts];
  let port = opts.port;
  const allowed = new Set<string>();
  const app = overlayApp({
    feed,
    webDir: join(templatesDir(), 'web'),
    token,
    allowedHosts: () => allowed,
    customCssFile: opts.customCssFile ?? null,
    limiter: new WriteLimiter(),
  });
  let listening: Awaited<ReturnType<typeof listenOn>>;
  let movedFrom: number | null = null;
  try {
    listening = await listenOn(app, hosts, port);
  } catch (err) {
    if (!(err instanceof PortInUseError) || opts.fallbackPort === false || port === 0) throw err;
    movedFrom = port;
    listening = await listenOn(app, hosts, 0);
  }
  port = listening.port;
  for (const h of ['127.0.0.1', 'localhost', '[::1]', ...lanHosts]) allowed.add(`${h}:${port}`);
  feed.start();
  writeServerInfo(opts.dataDir, { pid: process.pid, showId, port, lanHosts });
  return {
    port,
    movedFrom,
    lanAsked: opts.lan,
    urls: overlayUrls(port, token, lanHosts),
    feed,
    stop: async () => {
      feed.stop();
      await listening.stop();
      clearServerInfo(opts.dataDir, process.pid);
    },
  };
}
