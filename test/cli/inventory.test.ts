import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, repoRoot, runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const sample = join(repoRoot, 'templates/sample-inventory.csv');
let n = 0;
const freshDir = () => join(tmp.dir, `store-${++n}`);

describe('lotcast inventory (built CLI)', () => {
  it('imports the sample, then reports everything unchanged on a second run (--json)', async () => {
    const dataDir = freshDir();
    const first = await runCli(['inventory', 'import', sample], { dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported: \d+ created, 0 updated, 0 unchanged, 0 rejected\./);
    const second = await runCli(['inventory', 'import', sample, '--json'], { dataDir });
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout);
    expect(summary).toMatchObject({
      created: 0,
      updated: 0,
      rejected: 0,
      written: true,
      format: 'generic',
      delimiter: 'comma',
    });
    expect(summary.unchanged).toBe(summary.rows);
  });

  it('prints every problem as file:line: column: message, exits 1 and writes nothing', async () => {
    const dataDir = freshDir();
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, 'SKU,Title,Qty,Price\nA,Tee,1,5\nB,,x,5\nC,Mug,1,$$\n');
    const r = await runCli(['inventory', 'import', bad], { dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:3: Title: title is empty`);
    expect(r.stderr).toContain(`${bad}:3: Qty: "x" is not a whole number of units`);
    expect(r.stderr).toContain(`${bad}:4: Price: "$$" is not a price`);
    expect(r.stdout).toMatch(/Nothing written: 2 invalid rows/);
    const list = await runCli(['inventory', 'list', '--json'], { dataDir });
    expect(JSON.parse(list.stdout).items).toEqual([]);
  });

  it('exits 2 on a bad --map and on a missing file, with a hint', async () => {
    const dataDir = freshDir();
    const badMap = await runCli(['inventory', 'import', sample, '--map', 'Nope=title'], { dataDir });
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toMatch(/no column "Nope"/);
    const missing = await runCli(['inventory', 'import', join(tmp.dir, 'nope.csv')], { dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No such file/);
    expect(missing.stderr).toMatch(/hint:/);
  });

  it('--dry-run shows what would change and writes nothing', async () => {
    const dataDir = freshDir();
    const r = await runCli(['inventory', 'import', sample, '--dry-run'], { dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\+ create {2}TEE-001 {2}Vintage 1994 Grateful Dead Tour Tee/);
    expect(r.stdout).toMatch(/Dry run, nothing written/);
    const list = await runCli(['inventory', 'list', '--json'], { dataDir });
    expect(JSON.parse(list.stdout).items).toHaveLength(0);
  });

  it('lists with filters', async () => {
    const dataDir = freshDir();
    await runCli(['inventory', 'import', sample], { dataDir });
    const r = await runCli(['inventory', 'list', '--category', 'trading cards', '--min-price', '10', '--json'], {
      dataDir,
    });
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout).items as Array<{ category: string; priceCents: number }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.category === 'Trading Cards' && i.priceCents >= 1000)).toBe(true);
    const text = await runCli(['inventory', 'list', '--tag', 'pyrex'], { dataDir });
    expect(text.stdout).toMatch(/PYR-001/);
    expect(text.stdout).not.toMatch(/TEE-001/);
    const badPrice = await runCli(['inventory', 'list', '--min-price', 'cheap'], { dataDir });
    expect(badPrice.code).toBe(2);
  });

  it('export -> import into a fresh store round-trips unchanged (csv and json)', async () => {
    const a = freshDir();
    await runCli(['inventory', 'import', sample], { dataDir: a });
    const out = join(tmp.dir, 'export.csv');
    const exp = await runCli(['inventory', 'export', '--out', out], { dataDir: a });
    expect(exp.code).toBe(0);
    const b = freshDir();
    const imp = await runCli(['inventory', 'import', out, '--json'], { dataDir: b });
    expect(JSON.parse(imp.stdout)).toMatchObject({ rejected: 0, keptColumns: [] });
    const strip = (json: string) =>
      (JSON.parse(json).items as Array<Record<string, unknown>>).map(
        ({ createdAt: _c, updatedAt: _u, ...rest }) => rest,
      );
    const before = await runCli(['inventory', 'export', '--format', 'json'], { dataDir: a });
    const after = await runCli(['inventory', 'export', '--format', 'json'], { dataDir: b });
    expect(strip(after.stdout)).toEqual(strip(before.stdout));
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^SKU,Title,Description,Quantity,Price/);
  });

  it('imports a file too big for one thread (worker path): every problem reported, then --skip-invalid', async () => {
    const dataDir = freshDir();
    const big = join(tmp.dir, 'big.csv');
    const rows = ['SKU,Title,Description,Qty,Price,Category,Tags'];
    for (let i = 0; i < 40_000; i++)
      rows.push(
        `B${i},"Vintage find ${i}, as is","Lot ${i} from the estate sale, see photos",${1 + (i % 4)},$${5 + (i % 90)}.00,Home,"vintage, estate"`,
      );
    rows[25_000] = rows[25_000]!.replace(/,\$\d+\.00,/, ',ten bucks,'); // line 25001
    rows.push('B17,Dup,1,1,,Home,'); // line 40002
    writeFileSync(big, `${rows.join('\n')}\n`);
    expect(statSync(big).size).toBeGreaterThan(2 * 1024 * 1024); // WORKER_MIN_BYTES
    const r = await runCli(['inventory', 'import', big], { dataDir, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${big}:25001: Price: "ten bucks" is not a price`);
    expect(r.stderr).toContain(`${big}:40002: SKU: duplicate SKU "B17" (first on line 19)`);
    expect(JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items).toEqual([]);
    const kept = await runCli(['inventory', 'import', big, '--skip-invalid', '--json'], { dataDir, timeoutMs: 60_000 });
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout)).toMatchObject({ rows: 40_001, created: 39_999, rejected: 2, written: true });
    // About 10 MB of --json through a pipe: all of it arrives before the process exits.
    const items = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items as Array<{
      sku: string;
      priceCents: number;
      tags: string[];
    }>;
    expect(items).toHaveLength(39_999);
    expect(items.find((i) => i.sku === 'B39999')).toMatchObject({
      priceCents: (5 + (39_999 % 90)) * 100,
      tags: ['vintage', 'estate'],
    });
  });

  it('Ctrl-C during a long import rolls it all back (exit 130) and leaves the store usable', async () => {
    const dataDir = freshDir();
    const seed = await runCli(['inventory', 'import', sample], { dataDir });
    expect(seed.code).toBe(0);
    const before = JSON.parse((await runCli(['inventory', 'export', '--format', 'json'], { dataDir })).stdout).items;
    const huge = join(tmp.dir, 'huge.csv');
    const rows = ['SKU,Title,Qty,Price'];
    for (let i = 0; i < 400_000; i++) rows.push(`H${i},Bulk lot ${i},1,${1 + (i % 20)}`);
    writeFileSync(huge, `${rows.join('\n')}\n`);
    const child = spawn(process.execPath, [binPath, 'inventory', 'import', huge], {
      env: { ...process.env, LOTCAST_DATA_DIR: dataDir, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Interrupt once rows are being written (the write-ahead log grows), not before the import starts.
    const wal = join(dataDir, 'lotcast.db-wal');
    const deadline = Date.now() + 30_000;
    while (!(existsSync(wal) && statSync(wal).size > 4 * 1024 * 1024) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Import cancelled: nothing was written.');
    const after = JSON.parse((await runCli(['inventory', 'export', '--format', 'json'], { dataDir })).stdout).items;
    expect(after).toEqual(before);
    const again = await runCli(['inventory', 'import', sample, '--json'], { dataDir });
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, written: true });
  });
});
