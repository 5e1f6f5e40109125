import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DestinationStatus, IngestStatus, RelayEvent, RelayHandle, RelaySnapshot } from '../core/relay-types.js';
import type { RelayFrame } from '../core/relay/frames.js';
import { UsageError } from '../core/errors.js';
import { Ingest, type PublishEvent } from '../adapters/relay/ingest.js';
import { FlvWriter } from '../adapters/relay/flv.js';
import { parseRtmpUrl } from '../adapters/relay/rtmp-publisher.js';
import { Destination } from './relay-destination.js';

export interface RelayOptions {
  listen: { host: string; port: number; app: string };
  key: string;
  destinations: Array<{ name: string; url: string; enabled?: boolean }>;
  recordDir?: string;
  /** Max stream a destination may fall behind before it drops whole GOPs. */
  maxLagMs?: number;
  /** "Connected but nothing flowing" after this long (ingest and destinations). */
  stallMs?: number;
  /** How long an encoder may be gone before the stream end is passed on. */
  encoderGraceMs?: number;
  reconnectBaseMs?: number;
  reconnectCapMs?: number;
  log?: (line: string) => void;
  now?: () => number;
  random?: () => number;
}

export interface RunningRelay extends RelayHandle {
  ingestUrl: string;
  recordingFile(): string | null;
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
        stallMs: o.stallMs ?? 5000,
        reconnectBaseMs: o.reconnectBaseMs ?? 1000,
        reconnectCapMs: o.reconnectCapMs ?? 30_000,
        socketHighWater: 256 * 1024,
        random: o.random ?? Math.random,
        now,
        onChange: (dest) => {
          const st = dest.status();
          const key = `${st.state}|${st.lastError ?? ''}`;
          if (lastStates.get(dest.name) !== key) {
            lastStates.set(dest.name, key);
            emit({ type: 'destination', at: iso(), destination: st });
          }
        },
      }),
  );

  const ingest: IngestStatus = { state: 'waiting', bitrateKbps: 0, framesIn: 0, video: null, audio: null, since: null };
  const ingestUrl = `rtmp://${o.listen.host}:${o.listen.port}/${o.listen.app}`;
  const server = new Ingest({ ...o.listen, key: o.key, ...(o.log ? { log: o.log } : {}) });
  let tsOffset = 0;
  let lastTs = 0;
  let firstTsOfPublish: number | null = null;
  // After a takeover or a reconnect the stream resumes on the new publisher's first keyframe.
  let awaitingKeyframe = false;
  // The codec headers the destinations have: a new publisher's are passed on only if they differ.
  let headersSent = new Map<string, Buffer>();
  let lastFrameAt = 0;
  let bytesIn = 0;
  let lastBytesIn = 0;
  let graceTimer: NodeJS.Timeout | null = null;
  let recorder: FlvWriter | null = null;
  let recordingFile: string | null = null;
  const emitIngest = () => emit({ type: 'ingest', at: iso(), ingest: { ...ingest } });

  server.on('publish', (p: PublishEvent) => {
    if (graceTimer) clearTimeout(graceTimer);
    graceTimer = null;
    // Timestamps continue across encoder reconnects and takeovers: platforms reject a stream
    // that jumps back.
    tsOffset = lastTs > 0 ? lastTs + 33 : 0;
    firstTsOfPublish = null;
    awaitingKeyframe = lastTs > 0 && ingest.video !== null;
    if (p.takeover) o.log?.(`ingest: a new publisher from ${p.ip} took over; the destinations carry on`);
    ingest.state = 'live';
    ingest.since = iso();
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
    ingest.state = 'waiting';
    emitIngest();
    graceTimer = setTimeout(() => {
      graceTimer = null;
      ingest.state = 'ended';
      headersSent = new Map();
      for (const d of destinations) d.ingestEnded();
      emitIngest();
    }, o.encoderGraceMs ?? 10_000);
  });
  server.on('frame', (raw: RelayFrame) => {
    if (firstTsOfPublish === null) firstTsOfPublish = raw.timestamp;
    const f: RelayFrame = { ...raw, timestamp: Math.max(0, tsOffset + raw.timestamp - firstTsOfPublish) };
    if (f.header) {
      const kind = f.type === 18 ? 'meta' : f.type === 8 ? 'audio' : 'video';
      const before = headersSent.get(kind);
      if (before?.equals(f.payload)) return;
      headersSent.set(kind, f.payload as Buffer);
    } else if (awaitingKeyframe) {
      if (f.type !== 9 || !f.keyframe) return;
      awaitingKeyframe = false;
    }
    if (!f.header) lastTs = Math.max(lastTs, f.timestamp);
    lastFrameAt = now();
    bytesIn += f.payload.length;
    if (f.type === 9 && !f.header) ingest.framesIn++;
    recorder?.write(f);
    if (f.header) {
      const kind = f.type === 18 ? 'meta' : f.type === 8 ? 'audio' : 'video';
      if (kind === 'video')
        ingest.video = {
          codec: (f.payload[0]! & 0x0f) === 7 ? 'h264' : (f.payload[0]! & 0x0f) === 12 ? 'hevc' : 'other',
        };
      if (kind === 'audio') ingest.audio = { codec: 'aac' };
      for (const d of destinations) d.setHeader(kind, f);
      return;
    }
    for (const d of destinations) d.push(f);
  });
  await server.start();

  const ticker = setInterval(() => {
    ingest.bitrateKbps = Math.round(((bytesIn - lastBytesIn) * 8) / 1000);
    lastBytesIn = bytesIn;
    if (ingest.state === 'live' && lastFrameAt && now() - lastFrameAt > (o.stallMs ?? 5000)) {
      o.log?.('ingest: the encoder is connected but sends nothing');
    }
    for (const d of destinations) d.tick();
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
    snapshot: (): RelaySnapshot => ({ ingest: { ...ingest }, destinations: destinations.map((d) => d.status()) }),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    setEnabled: (nameOrIndex, enabled) => {
      const d = find(nameOrIndex);
      if (!d) throw new UsageError(`No destination ${nameOrIndex}.`);
      d.setEnabled(enabled);
    },
    stop: () => {
      stopped ??= (async () => {
        clearInterval(ticker);
        if (graceTimer) clearTimeout(graceTimer);
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
