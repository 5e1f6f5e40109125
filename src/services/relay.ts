import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DestinationStatus, RelayEvent, RelayHandle, RelaySnapshot } from '../core/relay-types.js';
import type { RelayFrame } from '../core/relay/frames.js';
import { NotFoundError, UsageError } from '../core/errors.js';
import { Ingest, type PublishEvent } from '../adapters/relay/ingest.js';
import { FlvWriter } from '../adapters/relay/flv.js';
import { parseRtmpUrl } from '../adapters/relay/rtmp-url.js';
import { Destination } from './relay-destination.js';
import { RelayFeed } from './relay-feed.js';
import { UplinkWatch } from './relay-uplink.js';
import { TransformLeg } from './relay-transform.js';
import { parseTransform } from '../core/relay/transform.js';
import { checkFeed } from '../core/relay/feed-check.js';
import { READ_EVERY_MS } from '../core/relay/presets.js';
import type { SlateOptions } from './relay-slate.js';

export interface RelayOptions {
  /** Where the encoder publishes; with `tls` the ingest serves RTMPS (PEM files). */
  listen: { host: string; port: number; app: string; tls?: { certFile: string; keyFile: string } };
  key: string;
  destinations: Array<{
    name: string;
    url: string;
    enabled?: boolean;
    /** Re-encode this leg alone (`vertical,bitrate=2500`); needs ffmpeg. */
    transform?: string | undefined;
    /** The platform preset (tiktok, twitch, ...): the feed checks know its limits. */
    preset?: string | undefined;
  }>;
  /** Where to keep what the feed was and what to change in OBS, for `lotcast doctor`. */
  feedReportFile?: string;
  /** The ffmpeg transforms run (default `ffmpeg`). */
  ffmpeg?: string;
  recordDir?: string;
  /** How often the ingest reads a live encoder's feed (ms; 0: as bytes arrive). See PolledReads. */
  readEveryMs?: number;
  /** Max stream a destination may fall behind before it drops whole GOPs. */
  maxLagMs?: number;
  /** "Connected but nothing flowing" after this long (ingest and destinations). */
  stallMs?: number;
  /** How long an encoder may be gone before the stream end is passed on. */
  encoderGraceMs?: number;
  /** The "be right back" slate while the encoder is gone (needs ffmpeg); off when absent. */
  slate?: SlateOptions | null;
  reconnectBaseMs?: number;
  reconnectCapMs?: number;
  log?: (line: string) => void;
  now?: () => number;
  random?: () => number;
}

export interface RunningRelay extends RelayHandle {
  ingestUrl: string;
  recordingFile(): string | null;
  /** The transform legs' ffmpeg process ids by destination (running ones only). */
  transformPids(): Record<string, number>;
}

/**
 * Starts the relay: the local ingest and every destination. One process, no re-encoding:
 * each frame's payload Buffer goes to every destination as is.
 */
export async function startRelay(o: RelayOptions): Promise<RunningRelay> {
  const now = o.now ?? Date.now;
  const listeners = new Set<(e: RelayEvent) => void>();
  const emit = (e: RelayEvent) => {
    for (const l of listeners) l(e);
  };
  const iso = () => new Date(now()).toISOString();
  const names = new Set<string>();
  for (const d of o.destinations) {
    if (names.has(d.name)) throw new UsageError(`Two destinations are named "${d.name}".`);
    names.add(d.name);
    try {
      parseRtmpUrl(d.url);
    } catch (err) {
      throw new UsageError(`Destination ${d.name}: ${(err as Error).message}.`, {
        hint: 'Write it like rtmp://host/app/STREAM-KEY or rtmps://host:443/app/STREAM-KEY.',
      });
    }
  }
  const lastStates = new Map<string, string>();
  const destinations: Destination[] = o.destinations.map(
    (d, i) =>
      new Destination({
        index: i + 1,
        name: d.name,
        url: d.url,
        enabled: d.enabled ?? true,
        maxLagMs: o.maxLagMs ?? 1500,
        batchMs: o.readEveryMs ?? READ_EVERY_MS,
        stallMs: o.stallMs ?? 5000,
        reconnectBaseMs: o.reconnectBaseMs ?? 1000,
        reconnectCapMs: o.reconnectCapMs ?? 30_000,
        socketHighWater: 256 * 1024,
        random: o.random ?? Math.random,
        now,
        onChange: (dest) => {
          const st = dest.status();
          const key = `${st.state}|${st.source}|${st.lastError ?? ''}`;
          if (lastStates.get(dest.name) !== key) {
            lastStates.set(dest.name, key);
            emit({ type: 'destination', at: iso(), destination: st });
          }
        },
      }),
  );

  // Destinations with a transform get their own ffmpeg; the others share the feed's bytes.
  const legs = new Map<Destination, TransformLeg>();
  o.destinations.forEach((spec, i) => {
    if (!spec.transform) return;
    const t = parseTransform(spec.transform);
    if (typeof t === 'string') throw new UsageError(`Destination ${spec.name}: transform ${t}.`);
    legs.set(
      destinations[i]!,
      new TransformLeg(destinations[i]!, t, {
        ffmpeg: o.ffmpeg ?? 'ffmpeg',
        now,
        feedKbps: () => feed.kbps() ?? ingest.bitrateKbps,
        feedFps: () => ingest.video?.fps ?? 30,
        log: (line) => o.log?.(line),
      }),
    );
  });
  const { tls, ...address } = o.listen;
  const ingestUrl = `${tls ? 'rtmps' : 'rtmp'}://${address.host}:${address.port}/${address.app}`;
  const server = new Ingest({
    ...address,
    key: o.key,
    ...(o.readEveryMs !== undefined ? { readEveryMs: o.readEveryMs } : {}),
    held: () => Math.min(...destinations.map((d) => d.oldestHeld())),
    ...(tls ? { tls: { certFile: tls.certFile, keyFile: tls.keyFile } } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  let lastBytesIn = 0;
  let recorder: FlvWriter | null = null;
  let recordingFile: string | null = null;
  const feed = new RelayFeed(
    {
      encoderGraceMs: o.encoderGraceMs ?? 10_000,
      slate: o.slate ?? null,
      now,
      log: (line) => o.log?.(line),
    },
    {
      header: (kind, f) => {
        recorder?.write(f);
        for (const d of destinations) {
          const leg = legs.get(d);
          if (leg) leg.header(kind, f);
          else d.setHeader(kind, f);
        }
      },
      media: (f) => {
        recorder?.write(f);
        for (const d of destinations) {
          const leg = legs.get(d);
          if (leg) leg.media(f);
          else d.push(f);
        }
      },
      switchSource: (source, h) => {
        // The recording switches too: it stays one decodable stream, like the platforms'.
        for (const f of [h.meta, h.audio, h.video]) if (f && recorder) recorder.write(f);
        for (const d of destinations) {
          const leg = legs.get(d);
          if (leg) leg.switchSource(source, h);
          else d.switchSource(source, h);
        }
      },
      ended: () => {
        for (const d of destinations) d.ingestEnded();
        emitIngest();
      },
      changed: () => emitIngest(),
    },
  );
  const ingest = feed.status;
  const emitIngest = () => emit({ type: 'ingest', at: iso(), ingest: { ...ingest } });

  let feedReported = false;
  server.on('publish', (p: PublishEvent) => {
    if (p.takeover) o.log?.(`ingest: a new publisher from ${p.ip} took over; the destinations carry on`);
    feed.published();
    feedReported = false;
    if (o.recordDir && !recorder) {
      mkdirSync(o.recordDir, { recursive: true });
      const stamp = iso()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
      recordingFile = join(o.recordDir, `${o.listen.app}-${stamp}.flv`);
      recorder = new FlvWriter(recordingFile);
      writeFileSync(
        recordingFile.replace(/\.flv$/, '.json'),
        `${JSON.stringify({ file: recordingFile, startedAt: iso(), streamPath: `/${o.listen.app}/****` }, null, 2)}\n`,
      );
    }
    for (const d of destinations) d.ingestStarted();
    emitIngest();
  });
  server.on('unpublish', () => {
    feed.unpublished();
    emitIngest();
  });
  server.on('frame', (raw: RelayFrame) => feed.frame(raw));
  await server.start();

  const uplink = new UplinkWatch();
  const checked = o.destinations.map((d) => ({
    name: d.name,
    preset: d.preset ?? 'custom',
    transform: Boolean(d.transform),
  }));
  const ticker = setInterval(() => {
    ingest.bitrateKbps = Math.round(((feed.bytesIn - lastBytesIn) * 8) / 1000);
    lastBytesIn = feed.bytesIn;
    if (ingest.state === 'live' && feed.lastFrameAt && now() - feed.lastFrameAt > (o.stallMs ?? 5000)) {
      o.log?.('ingest: the encoder is connected but sends nothing');
    }
    for (const d of destinations) d.tick();
    server.batchReads(!destinations.some((d) => d.unsettled));
    // The feed checks: a line when what to change in OBS changes.
    const warnings = ingest.state === 'live' ? checkFeed(ingest, feed.kbps(), checked) : ingest.warnings;
    const changed = warnings.map((w) => w.message).join('|') !== ingest.warnings.map((w) => w.message).join('|');
    if (changed) {
      ingest.warnings = warnings;
      emitIngest();
    }
    // doctor's copy: on every change, and once a feed is measured (it replaces the last feed's).
    const measured = ingest.state === 'live' && ingest.keyframeIntervalMs !== null;
    if (changed || (measured && !feedReported)) {
      feedReported = measured;
      try {
        if (o.feedReportFile)
          writeFileSync(
            o.feedReportFile,
            `${JSON.stringify({ at: iso(), video: ingest.video, audio: ingest.audio, keyframeIntervalMs: ingest.keyframeIntervalMs, warnings })}\n`,
          );
      } catch {
        // Only doctor reads it; the relay goes on without it.
      }
    }
    const change = uplink.tick(feed.kbps() ?? ingest.bitrateKbps, destinations);
    if (change) emit({ type: 'uplink', at: iso(), uplink: change });
  }, 1000);
  ticker.unref?.();

  const find = (nameOrIndex: string | number) =>
    destinations.find((d) =>
      typeof nameOrIndex === 'number' ? d.status().index === nameOrIndex : d.name === nameOrIndex,
    );

  let stopped: Promise<DestinationStatus[]> | null = null;
  return {
    ingestUrl,
    recordingFile: () => recordingFile,
    transformPids: () =>
      Object.fromEntries(
        [...legs.values()].flatMap((l) => (l.pid ? [[l.destination.name, l.pid] as [string, number]] : [])),
      ),
    snapshot: (): RelaySnapshot => ({
      ingest: { ...ingest },
      destinations: destinations.map((d) => d.status()),
      uplink: uplink.visible,
    }),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    setEnabled: (nameOrIndex, enabled) => {
      const d = find(nameOrIndex);
      if (!d) throw new NotFoundError(`No destination ${nameOrIndex}.`);
      d.setEnabled(enabled);
    },
    retry: (nameOrIndex) => {
      const d = find(nameOrIndex);
      if (!d) throw new NotFoundError(`No destination ${nameOrIndex}.`);
      return d.retryNow();
    },
    stop: () => {
      stopped ??= (async () => {
        clearInterval(ticker);
        feed.stop();
        for (const leg of legs.values()) leg.stop();
        for (const d of destinations) d.stop();
        server.stop();
        recorder?.close();
        // Give the FCUnpublish/deleteStream a moment to leave before the process exits.
        await new Promise((r) => setTimeout(r, 200));
        const summary = destinations.map((d) => d.status());
        ingest.state = 'ended';
        emit({ type: 'stopped', at: iso(), summary });
        return summary;
      })();
      return stopped;
    },
  };
}
