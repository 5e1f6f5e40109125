import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../helpers/cli.js';

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
    expect(summary).toMatchObject({ created: 0, updated: 0, rejected: 0, written: true, format: 'generic', delimiter: 'comma' });
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
    const r = await runCli(['inventory', 'list', '--category', 'trading cards', '--min-price', '10', '--json'], { dataDir });
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
      (JSON.parse(json).items as Array<Record<string, unknown>>).map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
    const before = await runCli(['inventory', 'export', '--format', 'json'], { dataDir: a });
    const after = await runCli(['inventory', 'export', '--format', 'json'], { dataDir: b });
    expect(strip(after.stdout)).toEqual(strip(before.stdout));
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^SKU,Title,Description,Quantity,Price/);
  });
});
