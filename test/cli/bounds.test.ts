import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { PlainLive, plannedShow } from '../helpers/shows.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('numbers beyond what lotcast takes are refused, not stored as floats (built CLI)', () => {
  it('lotcast sale --quantity and --price', async () => {
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,5,20\n');
    const live = new PlainLive(dataDir, 'show');
    await live.waitFor(/show started/);
    live.child.stdin.end();
    await live.exited();
    const sale = (...extra: string[]) =>
      runCli(['sale', '--show', 'show', '--channel', 'tiktok', '--sku', 'A', ...extra], { dataDir });
    for (const q of ['1e9', '99999999999999999999', '1000001', '0', '2.5', '0x10']) {
      const r = await sale('--quantity', q);
      expect(r.code, `--quantity ${q}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/--quantity: .*(whole number|too many|1 or more)/);
      expect(r.stderr).not.toMatch(/bug in lotcast/);
    }
    const price = await sale('--price', '99999999999999999999');
    expect(price.code).toBe(2);
    expect(price.stderr).toMatch(/too large \(the most lotcast takes is \$100,000,000\.00\)/);
    const ok = await sale('--quantity', '2', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).sale.quantity).toBe(2);
    const status = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(status.totals).toMatchObject({ orders: 1, units: 2 });
  });

  it('config numbers past what a setting means are refused and not stored', async () => {
    const dataDir = `${tmp.dir}/config-bounds`;
    for (const [key, value] of [
      ['ingest.port', '99999999999999999999'],
      ['live.orderPollSeconds', '1e9'],
      ['overlay.goal', '99999999999999999999'],
    ]) {
      const r = await runCli(['config', 'set', key!, value!], { dataDir });
      expect(r.code, `${key} ${value}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${key!.replace('.', '\\.')}`));
      expect(r.stderr).not.toMatch(/bug in lotcast/);
    }
    const list = JSON.parse((await runCli(['config', 'list', '--json'], { dataDir })).stdout);
    expect(JSON.stringify(list)).not.toMatch(/e\+|99999999999/);
  });

  it('a sheet with a quantity or price past the bounds is a row problem', async () => {
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,1,20\n');
    const { writeFileSync } = await import('node:fs');
    const file = `${tmp.dir}/big.csv`;
    writeFileSync(file, 'SKU,Title,Qty,Price\nB,Big,99999999999999999999,5\nC,Dear,1,99999999999999999999\n');
    const r = await runCli(['inventory', 'import', file], { dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('big.csv:2: Qty: 99999999999999999999 is too many units');
    expect(r.stderr).toContain('big.csv:3: Price: "99999999999999999999" is too large');
  });
});
