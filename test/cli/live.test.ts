import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { PlainLive, plannedShow } from '../helpers/shows.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
describe('lotcast live --plain, sale and show status (built CLI)', () => {
  it('runs a show from typed commands; stock moves in the inventory too', async () => {
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,1,20\nB,Packs,3,5\n');
    const live = new PlainLive(dataDir, 'show');
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
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,1,20\nB,Packs,3,5\nC,Mug,1,8\n');
    const live = new PlainLive(dataDir, 'show');
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
    const again = new PlainLive(dataDir, 'show');
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
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nHOT,Hot item,5,10\n');
    const live = new PlainLive(dataDir, 'show');
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
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,1,20\n');
    const r = await runCli(['sale', '--show', 'show', '--channel', 'tiktok', '--sku', 'A'], { dataDir });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/has not started/);
    expect(r.stderr).toMatch(/lotcast live show/);
  });
});
