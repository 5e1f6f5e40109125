import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DestinationStatus } from '../core/relay-types.js';
import { templatesDir } from '../adapters/templates.js';
import { publishFlvFile } from '../adapters/relay/publish-file.js';
import { freePort, startStandIn, type StandIn, type StandInReport } from '../adapters/relay/stand-in.js';
import { startRelay, type RunningRelay } from './relay.js';

/**
 * The demo's stream: stand-in TikTok and Whatnot ingests on 127.0.0.1, lotcast's relay to
 * both, and the bundled test feed published into the relay's ingest on a loop, as OBS would.
 * No ffmpeg, no accounts, nothing leaves the machine.
 */
export interface DemoRelay {
  relay: RunningRelay;
  ingestUrl: string;
  stop(): Promise<DemoRelaySummary>;
}

export interface DemoRelaySummary {
  destinations: Array<DestinationStatus & { received: StandInReport }>;
  framesPublished: number;
}

export async function startDemoRelay(o: { durationS: number; log?: (line: string) => void }): Promise<DemoRelay> {
  const standIns: StandIn[] = [];
  try {
    standIns.push(await startStandIn('tiktok'), await startStandIn('whatnot'));
    const port = await freePort();
    const key = `demo_${randomBytes(8).toString('hex')}`;
    const relay = await startRelay({
      listen: { host: '127.0.0.1', port, app: 'live' },
      key,
      destinations: standIns.map((s) => ({ name: s.name, url: s.url })),
      reconnectBaseMs: 300,
      reconnectCapMs: 2000,
      ...(o.log ? { log: o.log } : {}),
    });
    const abort = new AbortController();
    const feed = join(templatesDir(), 'demo-feed.flv');
    // The 12 s feed loops for the whole demo, paced in real time like an encoder.
    const publishing = publishFlvFile(`${relay.ingestUrl}/${key}`, feed, { realtime: true, loops: Math.ceil(o.durationS / 12) + 1, signal: abort.signal }).catch((err: Error) => {
      o.log?.(`demo feed: ${err.message}`);
      return { frames: 0 };
    });
    return {
      relay,
      ingestUrl: relay.ingestUrl,
      stop: async () => {
        abort.abort();
        const { frames } = await publishing;
        const final = await relay.stop();
        const received = await Promise.all(standIns.map((s) => s.report()));
        await Promise.all(standIns.map((s) => s.stop()));
        return { framesPublished: frames, destinations: final.map((d, i) => ({ ...d, received: received[i]! })) };
      },
    };
  } catch (err) {
    await Promise.all(standIns.map((s) => s.stop()));
    throw err;
  }
}
