import type { Store } from '../adapters/store/database.js';
import { prepareDemo, startDemoBuyers } from './demo.js';
import type { DemoRelay, DemoRelaySummary } from './demo-relay.js';
import { bridgeShowToRelay } from './live-relay.js';
import type { LiveShow } from './live-show.js';
import type { RunningShowOverlay, ShowOverlayChoice } from './show-overlay.js';

export interface DemoSession {
  show: LiveShow;
  store: Store;
  /** The stream part (stand-in ingests, relay, test feed), unless left out. */
  relay: DemoRelay | null;
  /** The overlays and producer page of the demo show, unless left out. */
  overlay: RunningShowOverlay | null;
  /** Simulated buyers start selling, one step every `stepMs`. */
  startBuyers(): void;
  /** Buyers stop, the show ends, the stream stops; resolves with what the stream sent. Once. */
  stop(): Promise<DemoRelaySummary | null>;
}

/**
 * `lotcast demo`: a fresh store with the sample haul and a planned show, started; with the
 * stream part, stand-in ingests and the relay to them, whose destinations follow the show.
 */
export async function startDemoSession(o: {
  dir: string;
  durationS: number;
  relay: boolean;
  now: string;
  overlay: ShowOverlayChoice | null;
}): Promise<DemoSession> {
  // The stand-in ingests are node processes booting: they start while the sample haul is imported.
  const relayStarting = o.relay ? (await import('./demo-relay.js')).startDemoRelay({ durationS: o.durationS }) : null;
  relayStarting?.catch(() => {});
  const { store, show } = await prepareDemo(o.dir, o.now).catch(async (err: unknown) => {
    await relayStarting?.then(
      (r) => r.stop(),
      () => {},
    );
    throw err;
  });
  const relay = relayStarting ? await relayStarting : null;
  // The demo's port is the seller's overlay port when free (so OBS sources set up for it work), any free one otherwise.
  const overlay = o.overlay
    ? await (await import('./show-overlay.js')).startShowOverlay({ store, show, dataDir: o.dir, ...o.overlay })
    : null;
  const unbridge = relay ? bridgeShowToRelay(show, relay.relay) : () => {};
  let stopBuyers = () => {};
  let stopped: Promise<DemoRelaySummary | null> | null = null;
  return {
    show,
    store,
    relay,
    overlay,
    startBuyers() {
      const stepMs = Math.max(150, Math.min(1500, (o.durationS * 1000) / 30));
      stopBuyers = startDemoBuyers(show, { stepMs });
    },
    stop: () =>
      (stopped ??= (async () => {
        stopBuyers();
        if (!show.current.ended) show.end();
        await overlay?.stop();
        unbridge();
        return (await relay?.stop()) ?? null;
      })()),
  };
}
