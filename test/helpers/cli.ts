import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const binPath = join(repoRoot, 'bin', 'lotcast.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
  nodePath?: string;
}

/** Runs the built `bin/lotcast.js` as a real process (no TTY), like a user's script would. */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      LOTCAST_DATA_DIR: opts.dataDir ?? process.env.LOTCAST_DATA_DIR,
      ...opts.env,
    };
    if (env.LOTCAST_DATA_DIR === undefined) delete env.LOTCAST_DATA_DIR;
    const child = spawn(opts.nodePath ?? process.execPath, [binPath, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'lotcast-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StartOptions {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The built `bin/lotcast.js` left running (relay, live): stdin to type into, stdout and stderr
 * read together. Tests that start one kill it in their afterAll, so a failed assertion never
 * leaves a process holding its ports.
 */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private output = '';
  private closed = false;
  private readonly exit: Promise<number | null>;
  constructor(args: string[], opts: StartOptions = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
    if (opts.dataDir !== undefined) env.LOTCAST_DATA_DIR = opts.dataDir;
    this.child = spawn(process.execPath, [binPath, ...args], { cwd: repoRoot, env });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.output += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.output += d));
    // 'close' comes after the last output: once it has, out() is complete and waitFor gives up.
    this.exit = new Promise((r) =>
      this.child.once('close', (code) => {
        this.closed = true;
        r(code);
      }),
    );
  }
  /** stdout and stderr so far. */
  out(): string {
    return this.output;
  }
  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }
  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
  /** Waits until the output after `from` matches `re` (or the process is gone); returns the match. */
  async waitFor(re: RegExp, ms = 15_000, from = 0): Promise<RegExpMatchArray> {
    const until = Date.now() + ms;
    for (;;) {
      const m = this.output.slice(from).match(re);
      if (m) return m;
      if (Date.now() > until || this.closed) throw new Error(`no ${re} in:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  /** The exit code once it has exited and its output is all in (null after a signal). */
  exited(): Promise<number | null> {
    return this.exit;
  }
  /** SIGTERM (a clean stop), then the exit code. */
  stop(): Promise<number | null> {
    if (this.alive()) this.child.kill('SIGTERM');
    return this.exit;
  }
  /** SIGKILL, for afterAll: nothing left running whatever happened. */
  kill(): Promise<number | null> {
    if (this.alive()) this.child.kill('SIGKILL');
    return this.exit;
  }
}
