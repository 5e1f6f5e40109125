import { join } from 'node:path';
import type { DestinationStatus } from '../core/relay-types.js';
import { RelayError } from '../core/errors.js';
import { maskStreamUrl } from '../core/redact.js';
import { templatesDir } from '../adapters/templates.js';
import { publishFlvFile } from '../adapters/relay/publish-file.js';
import { freePort, startStandIn, type StandIn, type StandInReport } from '../adapters/relay/stand-in.js';
import { newStreamKey } from './ingest-key.js';
import { startRelay, type RunningRelay } from './relay.js';

/**
 * The demo's stream: stand-in TikTok and Whatnot ingests on 127.0.0.1, lotcast's relay to
 * both, and the bundled test feed published into the relay's ingest on a loop, as OBS would.
 * No ffmpeg, no accounts, nothing leaves the machine.
 */
export interface DemoRelay {
  relay: RunningRelay;
  /** The relay's local ingest, without its key. */
  ingestUrl: string;
  /** Where each stand-in listens, keys masked. */
  standIns: Array<{ name: string; url: string; port: number }>;
  /** The keys generated for this run, for the output's redactor (they must never be printed). */
  secrets: string[];
  stop(): Promise<DemoRelaySummary>;
}

export interface DemoDestinationSummary extends DestinationStatus {
  /** Average over the whole demo, off periods included. */
  avgKbps: number;
  /** What the stand-in ingest says reached it. */
  received: StandInReport;
}

export interface DemoRelaySummary {
  ingestUrl: string;
  seconds: number;
  framesPublished: number;
  destinations: DemoDestinationSummary[];
}

export const DEMO_DESTINATIONS = ['tiktok', 'whatnot'] as const;
const FEED_SECONDS = 12;

export async function startDemoRelay(o: { durationS: number; log?: (line: string) => void }): Promise<DemoRelay> {
  const standIns = await startStandIns([...DEMO_DESTINATIONS]);
  const key = newStreamKey('demo', 8);
  let relay: RunningRelay;
  try {
    relay = await startRelayOnFreePort(key, standIns, o.log);
  } catch (err) {
    await Promise.all(standIns.map((s) => s.stop()));
    throw err;
  }
  const startedAt = Date.now();
  const abort = new AbortController();
  const feed = join(templatesDir(), 'demo-feed.flv');
  // The feed loops for the whole demo, paced in real time like an encoder.
  const publishing = publishFlvFile(`${relay.ingestUrl}/${key}`, feed, {
    realtime: true,
    loops: Math.ceil(o.durationS / FEED_SECONDS) + 1,
    signal: abort.signal,
  }).catch((err: Error) => {
    o.log?.(`demo feed: ${err.message.split(key).join('****')}`);
    return { frames: 0 };
  });
  let stopped: Promise<DemoRelaySummary> | null = null;
  return {
    relay,
    ingestUrl: relay.ingestUrl,
    standIns: standIns.map((s) => ({ name: s.name, url: maskStreamUrl(s.url), port: s.port })),
    secrets: [key, ...standIns.map((s) => s.key)],
    stop: () =>
      (stopped ??= (async () => {
        abort.abort();
        const { frames } = await publishing;
        const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
        const final = await relay.stop();
        const received = await Promise.all(standIns.map((s) => s.report()));
        await Promise.all(standIns.map((s) => s.stop()));
        return {
          ingestUrl: relay.ingestUrl,
          seconds: Math.round(seconds * 10) / 10,
          framesPublished: frames,
          destinations: final.map((d, i) => ({
            ...d,
            avgKbps: Math.round((d.bytesSent * 8) / 1000 / seconds),
            received: received[i]!,
          })),
        };
      })()),
  };
}

/** Both at once (each is a node process starting up); none left running if one fails. */
async function startStandIns(names: string[]): Promise<StandIn[]> {
  const results = await Promise.allSettled(names.map((n) => startStandIn(n)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => s.stop()));
    throw failed.reason;
  }
  return started;
}

/** A port asked of the OS may be taken again before the relay binds it: then try another. */
async function startRelayOnFreePort(
  key: string,
  standIns: StandIn[],
  log?: (line: string) => void,
): Promise<RunningRelay> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRelay({
        listen: { host: '127.0.0.1', port: await freePort(), app: 'live' },
        key,
        destinations: standIns.map((s) => ({ name: s.name, url: s.url })),
        reconnectBaseMs: 300,
        reconnectCapMs: 2000,
        ...(log ? { log } : {}),
      });
    } catch (err) {
      if (attempt >= 3 || !(err instanceof RelayError && /already in use/.test(err.message))) throw err;
    }
  }
}
