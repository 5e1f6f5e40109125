import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, repoRoot, runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

/** A fresh store with a small inventory and a planned show; returns its data dir. */
async function showWith(csv: string, id = 'show'): Promise<string> {
  const dataDir = join(tmp.dir, `d${++n}`);
  const file = join(tmp.dir, `inv${n}.csv`);
  writeFileSync(file, csv);
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
      join(tmp.dir, 'p.yaml'),
    ],
    { dataDir },
  );
  expect(plan.code, plan.stderr).toBe(0);
  return dataDir;
}

beforeAll(() => {
  // No flash sales or giveaways: every item is a plain lot, in sheet order.
  writeFileSync(
    join(tmp.dir, 'p.yaml'),
    'name: test\nflashSales:\n  count: 0\ngiveaways:\n  everyMinutes: 0\n  buyerAppreciationMinutesBeforeEnd: 0\n',
  );
});

/** `lotcast live --plain` as a live process we can type into and read from. */
class LiveProc {
  readonly child: ChildProcessWithoutNullStreams;
  out = '';
  constructor(dataDir: string, show: string) {
    this.child = spawn(process.execPath, [binPath, 'live', show, '--plain'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', LOTCAST_DATA_DIR: dataDir },
    });
    this.child.stdout.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.out += d));
  }
  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }
  async waitFor(re: RegExp, ms = 5000): Promise<void> {
    const until = Date.now() + ms;
    while (!re.test(this.out)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; output:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  exited(): Promise<number | null> {
    return new Promise((r) =>
      this.child.exitCode !== null ? r(this.child.exitCode) : this.child.on('exit', (c) => r(c)),
    );
  }
}

describe('lotcast live --plain, sale and show status (built CLI)', () => {
  it('runs a show from typed commands; stock moves in the inventory too', async () => {
    const dataDir = await showWith('SKU,Title,Qty,Price\nA,Tee,1,20\nB,Packs,3,5\n');
    const live = new LiveProc(dataDir, 'show');
    await live.waitFor(/show started/);
    live.type('n');
    await live.waitFor(/now: L01 Tee \[A/);
    live.type('t jane 18');
    await live.waitFor(/SALE TikTok A \$18\.00 jane; SOLD OUT/);
    live.type('w');
    await live.waitFor(/OVERSELL: cancel this order on Whatnot/);
    live.type('q');
    await live.waitFor(/type y to confirm/);
    live.type('y');
    await live.waitFor(/OVERSOLD 1: cancel A on Whatnot/);
    expect(await live.exited()).toBe(0);
    const inv = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items as Array<{
      sku: string;
      quantity: number;
    }>;
    expect(inv.find((i) => i.sku === 'A')?.quantity).toBe(0);
    expect(inv.find((i) => i.sku === 'B')?.quantity).toBe(3);
    const status = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(status.channels.tiktok).toEqual({ orders: 1, units: 1, grossCents: 1800, oversold: 0 });
    // The oversold Whatnot sale is not money: counted as an oversell only.
    expect(status.channels.whatnot).toEqual({ orders: 0, units: 0, grossCents: 0, oversold: 1 });
    expect(status.totals).toMatchObject({ orders: 1, units: 1, grossCents: 1800, oversells: 1 });
    expect(status.show.ended).toBe(true);
  });

  it('shows a sale made by another process within a second, and resumes after kill -9', async () => {
    const dataDir = await showWith('SKU,Title,Qty,Price\nA,Tee,1,20\nB,Packs,3,5\nC,Mug,1,8\n');
    const live = new LiveProc(dataDir, 'show');
    await live.waitFor(/show started/);
    live.type('n');
    live.type('n');
    await live.waitFor(/now: L02 Packs/);
    const t0 = Date.now();
    const sale = await runCli(['sale', '--show', 'show', '--channel', 'whatnot', '--buyer', 'bob', '--price', '4'], {
      dataDir,
    });
    expect(sale.code, sale.stderr).toBe(0);
    await live.waitFor(/SALE Whatnot B \$4\.00 bob; only 2 left/, 1000 + (Date.now() - t0));
    live.child.kill('SIGKILL');
    await live.exited();
    const again = new LiveProc(dataDir, 'show');
    await again.waitFor(/resumed; now L02 Packs/);
    again.type('t amy');
    await again.waitFor(/SALE TikTok B \$5\.00 amy; LAST ONE/);
    again.child.stdin.end();
    await again.waitFor(/stays live/);
    const status = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(status.current).toMatchObject({ label: 'L02', sku: 'B', stock: 1 });
    expect(status.totals.orders).toBe(2);
  });

  it('concurrent `lotcast sale` processes never sell the same unit twice', async () => {
    const dataDir = await showWith('SKU,Title,Qty,Price\nHOT,Hot item,5,10\n');
    const live = new LiveProc(dataDir, 'show');
    await live.waitFor(/show started/);
    live.child.stdin.end();
    await live.exited();
    const sellers = Array.from({ length: 4 }, (_, p) =>
      (async () => {
        for (let i = 0; i < 3; i++) {
          const r = await runCli(
            ['sale', '--show', 'show', '--channel', p % 2 ? 'tiktok' : 'whatnot', '--sku', 'HOT', '--json'],
            { dataDir },
          );
          expect(r.code, r.stderr).toBe(0);
        }
      })(),
    );
    await Promise.all(sellers);
    const status = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(status.totals.orders).toBe(5);
    expect(status.totals.oversells).toBe(7);
    expect(status.stock.HOT).toBe(0);
    const inv = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items;
    expect(inv[0].quantity).toBe(0);
  });

  it('refuses a sale on a show that is not live, with a hint', async () => {
    const dataDir = await showWith('SKU,Title,Qty,Price\nA,Tee,1,20\n');
    const r = await runCli(['sale', '--show', 'show', '--channel', 'tiktok', '--sku', 'A'], { dataDir });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/has not started/);
    expect(r.stderr).toMatch(/lotcast live show/);
  });
});
