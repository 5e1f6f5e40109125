// The built `lotcast relay` as a process, for tests that attack or fuzz it from outside.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { binPath, repoRoot } from '../cli.js';
import { freePort } from './helpers.js';

export interface RelayProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** stdout and stderr so far. */
  out(): string;
  waitFor(re: RegExp, ms?: number): Promise<void>;
  alive(): boolean;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startRelayProcess(
  dataDir: string,
  key: string,
  to: string[],
  extra: string[] = [],
  listen?: string,
): Promise<RelayProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      binPath,
      'relay',
      '--listen',
      listen ?? `rtmp://127.0.0.1:${port}/live`,
      '--key',
      key,
      ...to.flatMap((u) => ['--to', u]),
      // Frame counts are exact: no slate after the publish ends.
      '--no-slate',
      ...extra,
    ],
    // LOTCAST_DEBUG prints the ingest's log lines (refused and failed connections).
    {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', LOTCAST_DEBUG: '1', LOTCAST_DATA_DIR: join(dataDir, 'data') },
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const waitFor = async (re: RegExp, ms = 15_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until || !alive()) throw new Error(`no ${re} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const p: RelayProcess = {
    child,
    port,
    out: () => out,
    waitFor,
    alive,
    stop: async () => {
      if (!alive()) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
  await waitFor(/Relay ready/);
  return p;
}
