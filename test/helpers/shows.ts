import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { binPath, repoRoot, runCli } from './cli.js';

let n = 0;

/**
 * A fresh data folder under `root` holding `csv` as inventory and a planned show `id` (plain
 * lots in sheet order, no flash sales or giveaways); returns the data folder.
 */
export async function plannedShow(root: string, csv: string, id = 'show', dataDir?: string): Promise<string> {
  const dir = dataDir ?? join(root, `d${++n}`);
  const file = join(root, `inv${++n}.csv`);
  const profile = join(root, `p${n}.yaml`);
  writeFileSync(file, csv);
  writeFileSync(
    profile,
    'name: test\nflashSales:\n  count: 0\ngiveaways:\n  everyMinutes: 0\n  buyerAppreciationMinutesBeforeEnd: 0\n',
  );
  const imported = await runCli(['inventory', 'import', file], { dataDir: dir });
  expect(imported.code, imported.stderr).toBe(0);
  const plan = await runCli(
    ['show', 'plan', '--name', 'Test', '--id', id, '--strategy', 'as-listed', '--duration', '1h', '--seed', '1'].concat(
      ['--profile', profile],
    ),
    { dataDir: dir },
  );
  expect(plan.code, plan.stderr).toBe(0);
  return dir;
}

/** `lotcast live --plain` as a process to type into and read from. */
export class PlainLive {
  readonly child: ChildProcessWithoutNullStreams;
  out = '';
  constructor(dataDir: string, show: string, env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [binPath, 'live', show, '--plain'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', LOTCAST_DATA_DIR: dataDir, ...env },
    });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.out += d));
  }
  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }
  /** Waits until the output after `from` matches; returns that part of the output. */
  async waitFor(re: RegExp, ms = 8000, from = 0): Promise<string> {
    const until = Date.now() + ms;
    while (!re.test(this.out.slice(from))) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; output:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.out.slice(from);
  }
  exited(): Promise<number | null> {
    return new Promise((r) =>
      this.child.exitCode !== null ? r(this.child.exitCode) : this.child.on('exit', (c) => r(c)),
    );
  }
}
