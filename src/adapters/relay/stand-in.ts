import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RelayError } from '../../core/errors.js';

export interface StandInReport {
  /** How many times a stream was published to it (the relay's first connect plus reconnects). */
  publishes: number;
  videoFrames: number;
  audioFrames: number;
  bytes: number;
  firstVideoKeyframe: boolean | null;
}

export interface StandIn {
  name: string;
  port: number;
  /** Publish URL including the stand-in's key (a secret like any stream key). */
  url: string;
  key: string;
  /** What reached it so far; zeros when it is gone or does not answer in time. */
  report(): Promise<StandInReport>;
  /** Ends the process and waits for it, so its port is closed when this resolves. */
  stop(): Promise<void>;
}

const NOTHING: StandInReport = { publishes: 0, videoFrames: 0, audioFrames: 0, bytes: 0, firstVideoKeyframe: null };

/** A free port on 127.0.0.1 (asked of the OS, then released for the caller to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a stand-in platform ingest on 127.0.0.1 in a child process, on a free port. The port
 * is free when asked for but may be taken before the child binds it: then a new one is tried.
 */
export async function startStandIn(name: string, attempts = 3): Promise<StandIn> {
  for (let i = 1; ; i++) {
    try {
      return await spawnStandIn(name, await freePort());
    } catch (err) {
      if (i >= attempts || !(err instanceof PortTaken)) throw err;
    }
  }
}

class PortTaken extends RelayError {}

async function spawnStandIn(name: string, port: number): Promise<StandIn> {
  const key = `standin_${randomBytes(8).toString('hex')}`;
  const main = fileURLToPath(new URL('./stand-in-main.js', import.meta.url));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [main, String(port), key], {
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  // Writing to a child that just died must not take lotcast down with an EPIPE.
  child.stdin.on('error', () => {});
  const waiting: Array<(r: StandInReport) => void> = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const w of waiting.splice(0)) w(NOTHING);
  });
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new RelayError(`The ${name} stand-in ingest did not start: ${stderr.trim() || 'no answer in 10 s'}`)),
      10_000,
    );
    child.once('error', fail);
    void exited.then(() => {
      const why = stderr.trim() || `exit code ${child.exitCode}`;
      fail(
        /in use|EADDRINUSE/i.test(why)
          ? new PortTaken(why)
          : new RelayError(`The ${name} stand-in ingest exited: ${why}`),
      );
    });
    createInterface({ input: child.stdout }).on('line', (l) => {
      let msg: { event?: string } & StandInReport;
      try {
        msg = JSON.parse(l) as typeof msg;
      } catch {
        return;
      }
      if (msg.event === 'listening' && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve();
      } else if (msg.event === 'report') {
        const { publishes, videoFrames, audioFrames, bytes, firstVideoKeyframe } = msg;
        waiting.shift()?.({ publishes, videoFrames, audioFrames, bytes, firstVideoKeyframe });
      }
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    port,
    key,
    url: `rtmp://127.0.0.1:${port}/live/${key}`,
    report: () =>
      new Promise((resolve) => {
        if (gone()) return resolve(NOTHING);
        const timer = setTimeout(() => {
          const i = waiting.indexOf(answer);
          if (i >= 0) waiting.splice(i, 1);
          resolve(NOTHING);
        }, 3000);
        const answer = (r: StandInReport) => {
          clearTimeout(timer);
          resolve(r);
        };
        waiting.push(answer);
        child.stdin.write('report\n');
      }),
    stop: async () => {
      if (gone()) return;
      child.stdin.end();
      const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(kill);
    },
  };
}
