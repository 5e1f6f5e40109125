// A hand-driven RTMP client for hostile-input tests: exact bytes, no library in between.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { encodeAmf0, type Amf0Value } from '../../../src/adapters/relay/amf0.js';
import { readFlv } from '../../../src/adapters/relay/flv.js';

/** One chunk stream message as bytes: a type 0 header, type 3 continuations every `chunkSize`. */
export function chunkMessage(
  csid: number,
  type: number,
  streamId: number,
  timestamp: number,
  payload: Buffer,
  chunkSize = 128,
): Buffer {
  const h = Buffer.alloc(12);
  h[0] = csid;
  h.writeUIntBE(Math.min(timestamp, 0xffffff), 1, 3);
  h.writeUIntBE(payload.length, 4, 3);
  h[7] = type;
  h.writeUInt32LE(streamId, 8);
  const parts: Buffer[] = [h];
  for (let o = 0; o < payload.length; o += chunkSize) {
    if (o > 0) parts.push(Buffer.from([0xc0 | csid]));
    parts.push(payload.subarray(o, o + chunkSize));
  }
  return Buffer.concat(parts);
}

export const command = (values: Amf0Value[], streamId = 0) => chunkMessage(3, 20, streamId, 0, encodeAmf0(values));

/** C0+C1: version 3, then 1536 bytes (time, zero, anything). */
export const c0c1 = () => Buffer.concat([Buffer.from([3]), Buffer.alloc(1536, 7)]);

/** What an encoder sends after the handshake to publish at `app/key` (before any media), at `chunkSize`. */
export function publishCommands(app: string, key: string, chunkSize = 4096): Buffer[] {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(chunkSize);
  return [
    chunkMessage(2, 1, 0, 0, size),
    command(['connect', 1, { app, type: 'nonprivate', tcUrl: `rtmp://127.0.0.1/${app}` }]),
    command(['releaseStream', 2, null, key]),
    command(['FCPublish', 3, null, key]),
    command(['createStream', 4, null]),
    command(['publish', 5, null, key, 'live'], 1),
  ];
}

/** Everything an encoder sends to publish `file` at `app/key`, after the handshake, at `chunkSize`. */
export function publishSession(app: string, key: string, file: string, chunkSize = 4096): Buffer {
  const parts = publishCommands(app, key, chunkSize);
  for (const f of readFlv(file))
    parts.push(chunkMessage(f.type === 9 ? 6 : 4, f.type, 1, f.timestamp, Buffer.from(f.payload), chunkSize));
  return Buffer.concat(parts);
}

/**
 * Connects, does the handshake (unless `handshake` is false) and writes `bytes`; resolves when
 * the server closes the connection or `waitMs` passes, with what it sent back.
 */
export function rawSession(
  port: number,
  bytes: Buffer,
  opts: { handshake?: boolean; waitMs?: number } = {},
): Promise<{ closedByServer: boolean; received: number }> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let received = 0;
    let handshaken = opts.handshake === false;
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ closedByServer, received });
    };
    const timer = setTimeout(() => finish(false), opts.waitMs ?? 3000);
    s.on('error', () => finish(true));
    s.on('close', () => finish(true));
    s.on('connect', () => {
      if (handshaken) s.write(bytes);
      else s.write(c0c1());
    });
    s.on('data', (d: Buffer) => {
      received += d.length;
      if (!handshaken && received >= 3073) {
        handshaken = true;
        s.write(Buffer.alloc(1536, 9)); // C2
        s.write(bytes);
      }
    });
  });
}

/** Resident and peak resident memory of a process, MB. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
