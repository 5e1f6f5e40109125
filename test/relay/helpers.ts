import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { join } from 'node:path';
import { readFlv } from '../../src/adapters/relay/flv.js';
import { repoRoot } from '../helpers/cli.js';

export const FEED = join(repoRoot, 'test/fixtures/feed-4s.flv');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface SinkReport {
  publishes: number;
  unpublishes: number;
  videoFrames: number;
  audioFrames: number;
  headers: number;
  firstMediaIsKeyframe: boolean[];
  headersBeforeMedia: number[];
  lastQuery: Record<string, string> | null;
  digest: string;
}

/** A stand-in platform ingest (node-media-server) in its own process. */
export class Sink {
  child!: ChildProcessWithoutNullStreams;
  out = '';
  constructor(readonly port: number, readonly key: string, readonly tls?: { keyFile: string; certFile: string }) {}

  async start(): Promise<this> {
    this.out = '';
    this.child = spawn(process.execPath, [join(repoRoot, 'test/relay/rtmp-sink.mjs'), String(this.port), this.key, ...(this.tls ? [this.tls.keyFile, this.tls.certFile] : [])], { cwd: repoRoot });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    await this.waitFor(/"listening"/);
    return this;
  }

  async waitFor(re: RegExp, ms = 10_000): Promise<void> {
    const until = Date.now() + ms;
    while (!re.test(this.out)) {
      if (Date.now() > until) throw new Error(`sink ${this.port}: no ${re} in:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async report(): Promise<SinkReport> {
    const before = (this.out.match(/"report"/g) ?? []).length;
    this.child.stdin.write('report\n');
    const until = Date.now() + 5000;
    while ((this.out.match(/"report"/g) ?? []).length <= before) {
      if (Date.now() > until) throw new Error('no report');
      await new Promise((r) => setTimeout(r, 20));
    }
    const line = this.out.trim().split('\n').filter((l) => l.includes('"report"')).at(-1)!;
    return JSON.parse(line) as SinkReport;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

/** What a destination must receive: every media frame of the feed, byte for byte. */
export function feedDigest(file = FEED): { digest: string; videoFrames: number; audioFrames: number } {
  const h = createHash('sha256');
  let videoFrames = 0;
  let audioFrames = 0;
  for (const f of readFlv(file)) {
    if (f.header) continue;
    if (f.type === 9) videoFrames++;
    else audioFrames++;
    h.update(Buffer.from([f.type]));
    h.update(f.payload);
  }
  return { digest: h.digest('hex'), videoFrames, audioFrames };
}

/** A TCP proxy that forwards at most `bytesPerSecond` towards the server: a slow uplink. */
export function throttlingProxy(targetPort: number, bytesPerSecond: number): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      sockets.add(client).add(upstream);
      upstream.pipe(client);
      const queue: Buffer[] = [];
      let queued = 0;
      const timer = setInterval(() => {
        let budget = bytesPerSecond / 20;
        while (queue.length && budget > 0) {
          const b = queue[0]!;
          const n = Math.min(b.length, budget);
          upstream.write(b.subarray(0, n));
          budget -= n;
          queued -= n;
          if (n === b.length) queue.shift();
          else queue[0] = b.subarray(n);
        }
        if (queued < 16 * 1024) client.resume();
      }, 50);
      client.on('data', (d: Buffer) => {
        queue.push(d);
        queued += d.length;
        if (queued > 32 * 1024) client.pause();
      });
      const end = () => {
        clearInterval(timer);
        client.destroy();
        upstream.destroy();
      };
      for (const s of [client, upstream]) {
        s.on('close', end);
        s.on('error', end);
      }
    });
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    );
  });
}
