import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CliProcess, runCli } from './cli.js';

let n = 0;

/**
 * A data folder (a fresh one under `root` unless given) holding `csv` as inventory and a planned
 * one-hour show `id` named `name` (plain lots in sheet order, no flash sales or giveaways);
 * returns the data folder.
 */
export async function plannedShow(
  root: string,
  csv: string,
  id = 'show',
  opts: { dataDir?: string; name?: string } = {},
): Promise<string> {
  const dir = opts.dataDir ?? join(root, `d${++n}`);
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
    [
      'show',
      'plan',
      '--name',
      opts.name ?? 'Test',
      '--id',
      id,
      '--strategy',
      'as-listed',
      '--duration',
      '1h',
      '--seed',
      '1',
    ].concat(['--profile', profile]),
    { dataDir: dir },
  );
  expect(plan.code, plan.stderr).toBe(0);
  return dir;
}

/** `lotcast live SHOW --plain [args]` as a process to type into and read from. */
export class PlainLive extends CliProcess {
  constructor(dataDir: string, show: string, env: NodeJS.ProcessEnv = {}, args: string[] = []) {
    super(['live', show, '--plain', ...args], { dataDir, env });
  }
}
