import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';

/**
 * A fresh data folder with a small inventory and a planned show (plain lots in sheet order:
 * no flash sales or giveaways), made with the built CLI. Returns the data folder.
 */
export async function plannedShow(dir: string, csv: string, id = 'show'): Promise<string> {
  const dataDir = join(dir, `data-${id}`);
  const file = join(dir, `inv-${id}.csv`);
  const profile = join(dir, `profile-${id}.yaml`);
  writeFileSync(file, csv);
  writeFileSync(
    profile,
    'name: test\nflashSales:\n  count: 0\ngiveaways:\n  everyMinutes: 0\n  buyerAppreciationMinutesBeforeEnd: 0\n',
  );
  expect((await runCli(['inventory', 'import', file], { dataDir })).code).toBe(0);
  const plan = await runCli(
    [
      'show',
      'plan',
      '--name',
      'Test',
      '--id',
      id,
      '--strategy',
      'as-listed',
      '--duration',
      '1h',
      '--seed',
      '1',
      '--profile',
      profile,
    ],
    { dataDir },
  );
  expect(plan.code, plan.stderr).toBe(0);
  return dataDir;
}
