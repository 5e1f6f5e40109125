// Stand-in platform ingests and a throttling proxy, shared by the relay tests and bench:relay
// (plain JS so the bench runs on plain Node).
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const sinkScript = fileURLToPath(new URL('./rtmp-sink.mjs', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

// lotcast's own free-port helper (the demo's stand-ins use it too).
export { freePort } from '../../../dist/adapters/relay/stand-in.js';

/** A stand-in platform ingest (lotcast's Ingest) in its own process. */
export class Sink {
  constructor(port, key, tls) {
    this.port = port;
    this.key = key;
    this.tls = tls;
    this.out = '';
  }

  async start() {
    this.out = '';
    this.child = spawn(
      process.execPath,
      [sinkScript, String(this.port), this.key, ...(this.tls ? [this.tls.keyFile, this.tls.certFile] : [])],
      { cwd: repoRoot },
    );
    this.child.stdout.setEncoding('utf8').on('data', (d) => (this.out += d));
    this.child.stderr.setEncoding('utf8').on('data', (d) => (this.out += d));
    await this.waitFor(/"listening"/);
    return this;
  }

  async waitFor(re, ms = 10_000) {
    const until = Date.now() + ms;
    while (!re.test(this.out)) {
      if (Date.now() > until) throw new Error(`sink ${this.port}: no ${re} in:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async report() {
    const count = () => (this.out.match(/"report"/g) ?? []).length;
    const before = count();
    this.child.stdin.write('report\n');
    const until = Date.now() + 5000;
    while (count() <= before) {
      if (Date.now() > until) throw new Error('no report');
      await new Promise((r) => setTimeout(r, 20));
    }
    return JSON.parse(
      this.out
        .trim()
        .split('\n')
        .filter((l) => l.includes('"report"'))
        .at(-1),
    );
  }

  stop() {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

/** A TCP proxy that forwards at most `bytesPerSecond` towards the server: a slow uplink. */
export function throttlingProxy(targetPort, bytesPerSecond) {
  return new Promise((resolve) => {
    const sockets = new Set();
    const server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      sockets.add(client).add(upstream);
      upstream.pipe(client);
      const queue = [];
      let queued = 0;
      const timer = setInterval(() => {
        let budget = bytesPerSecond / 20;
        while (queue.length && budget > 0) {
          const b = queue[0];
          const n = Math.min(b.length, budget);
          upstream.write(b.subarray(0, n));
          budget -= n;
          queued -= n;
          if (n === b.length) queue.shift();
          else queue[0] = b.subarray(n);
        }
        if (queued < 16 * 1024) client.resume();
      }, 50);
      client.on('data', (d) => {
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
        port: server.address().port,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    );
  });
}
