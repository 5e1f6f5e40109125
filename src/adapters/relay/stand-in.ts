import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RelayError } from '../../core/errors.js';

export interface StandInReport {
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
  report(): Promise<StandInReport>;
  stop(): Promise<void>;
}

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

/** Starts a stand-in platform ingest on 127.0.0.1 in a child process. */
export async function startStandIn(name: string): Promise<StandIn> {
  const port = await freePort();
  const key = `standin_${randomBytes(8).toString('hex')}`;
  const main = fileURLToPath(new URL('./stand-in-main.js', import.meta.url));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [main, String(port), key], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(r: StandInReport) => void> = [];
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RelayError(`The ${name} stand-in ingest did not start: ${stderr.trim() || 'no answer'}`)), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new RelayError(`The ${name} stand-in ingest exited (${code}): ${stderr.trim()}`));
    });
    lines.on('line', (l) => {
      const msg = JSON.parse(l) as { event: string } & StandInReport;
      if (msg.event === 'listening') {
        clearTimeout(timer);
        resolve();
      } else if (msg.event === 'report') {
        const { event: _e, ...report } = msg;
        waiting.shift()?.(report);
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    name,
    port,
    key,
    url: `rtmp://127.0.0.1:${port}/live/${key}`,
    report: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve({ publishes: 0, videoFrames: 0, audioFrames: 0, bytes: 0, firstVideoKeyframe: null });
        waiting.push(resolve);
        child.stdin.write('report\n');
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
