import type { Channel } from '../core/channel-types.js';
import { UsageError } from '../core/errors.js';
import type { Redactor } from '../core/redact.js';
import type { ConfigStore } from '../adapters/config-store.js';
import type { Store } from '../adapters/store/database.js';
import type { RunningChannelSync } from './channel-sync.js';
import { ensureIngestKey } from './ingest-key.js';
import { prepareLiveChannels } from './live-channels.js';
import { bridgeShowToRelay } from './live-relay.js';
import { LiveShow } from './live-show.js';
import type { RelayOptions, RunningRelay } from './relay.js';
import type { RunningShowOverlay, ShowOverlayChoice } from './show-overlay.js';
import { configuredDestinations } from './relay-setup.js';

export interface LiveSessionOptions {
  /** Run the relay to the configured destinations (`live --relay`), on this ingest or the configured one. */
  relay: { listen?: RelayOptions['listen'] | undefined } | null;
  /** Pull orders from and sync stock to the connected channels (`live`, unless --no-channels). */
  channels: { pollSeconds?: number | undefined; onLog?: (line: string) => void } | null;
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  /** Serve the overlays and the producer page (unless --no-overlay), with the data folder for the show token. */
  overlay: (ShowOverlayChoice & { dataDir: string }) | null;
  /** What the seller should know before going live (no ffmpeg for the slate, ...). */
  onNote?: (line: string) => void;
}

/** Everything running beside a live show's screen; `stop()` ends it all, in order. */
export interface LiveSession {
  show: LiveShow;
  /** Destination names, for the host's keys 1-9. */
  destinations: string[];
  relay: RunningRelay | null;
  /** The key OBS publishes with, when the relay runs. */
  ingestKey: string | null;
  /** The channels orders are pulled from (none connected: an empty list). */
  channels: Channel[];
  /** The overlay server, when it runs. */
  overlay: RunningShowOverlay | null;
  stop(): Promise<void>;
}

/**
 * `lotcast live`: opens the show and wires what runs beside it: the relay (its destinations
 * switched by the show's journal), channel sync (started once the show is live, since
 * orders become sales) and the overlay server (OBS overlays and the producer page).
 */
export async function startLiveSession(
  store: Store,
  config: ConfigStore,
  showRef: string,
  o: LiveSessionOptions,
): Promise<LiveSession> {
  const show = LiveShow.open(store, showRef, { source: 'dashboard' });
  const settings = config.settings();
  const stops: Array<() => unknown> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    let relay: RunningRelay | null = null;
    let ingestKey: string | null = null;
    if (o.relay) {
      ingestKey = ensureIngestKey(config);
      if (!settings.destinations.length)
        throw new UsageError('No stream destinations configured.', {
          hint: 'Add one with `lotcast destination add <name> --preset tiktok --server ... --key-stdin`.',
        });
      const { startRelay } = await import('./relay.js');
      const { slateFromSettings } = await import('./relay-slate-setup.js');
      const { slate, note } = slateFromSettings(settings, { env: o.env, title: show.plan.show.name });
      if (note) o.onNote?.(note);
      const running = await startRelay({
        slate,
        listen: o.relay.listen ?? settings.ingest,
        key: ingestKey,
        destinations: configuredDestinations(config),
      });
      relay = running;
      stops.push(() => running.stop());
      stops.push(bridgeShowToRelay(show, running));
    }
    const channels = o.channels ? startChannels(show, store, config, o, o.channels) : null;
    if (channels) stops.push(channels.stop);
    let overlay: RunningShowOverlay | null = null;
    if (o.overlay) {
      const { startShowOverlay } = await import('./show-overlay.js');
      const running = await startShowOverlay({ store, show, ...o.overlay });
      overlay = running;
      stops.push(() => running.stop());
    }
    return {
      show,
      destinations: settings.destinations.map((d) => d.name),
      relay,
      ingestKey,
      channels: channels?.channels ?? [],
      overlay,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function startChannels(
  show: LiveShow,
  store: Store,
  config: ConfigStore,
  o: LiveSessionOptions,
  c: NonNullable<LiveSessionOptions['channels']>,
): { channels: Channel[]; stop: () => Promise<void> } | null {
  const linked = prepareLiveChannels(show, store, config, {
    env: o.env,
    pollSeconds: c.pollSeconds,
    redactor: o.redactor,
    ...(c.onLog ? { onLog: c.onLog } : {}),
  });
  if (!linked) return null;
  let sync: RunningChannelSync | null = null;
  let started = false;
  const startWhenLive = () => {
    // Starting the sync changes the show (channel health), which calls this again: flag first.
    if (started || !show.current.started || show.current.ended) return;
    started = true;
    sync = linked.start();
  };
  // The screen starts the show; the sync follows.
  const off = show.subscribe(startWhenLive);
  startWhenLive();
  return {
    channels: linked.channels,
    stop: async () => {
      off();
      await sync?.stop();
    },
  };
}
