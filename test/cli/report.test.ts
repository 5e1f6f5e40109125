import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { plannedShow } from '../helpers/shows.js';

const tmp = tempDir();
const dataDir = join(tmp.dir, 'store');
afterAll(() => tmp.cleanup());

/** A show whose sales come from scripted `lotcast sale` calls, as an assistant would make them. */
beforeAll(async () => {
  await plannedShow(
    tmp.dir,
    'SKU,Title,Qty,Price,Category,Location\nA,Levi 501,1,95,Clothing,B10\nB,Silver dollar,3,40,Coins,A2\nC,Pyrex bowl,1,38,Home,E1\n',
    'rep',
    { dataDir, name: 'Report Show' },
  );
  // Go live (plain mode, input closes at once: the show stays live).
  expect((await runCli(['live', 'rep', '--plain'], { dataDir })).code).toBe(0);
  for (const args of [
    ['--channel', 'whatnot', '--sku', 'A', '--price', '100', '--buyer', '@jane'],
    ['--channel', 'tiktok', '--sku', 'A', '--buyer', 'tt_1'],
    ['--channel', 'whatnot', '--sku', 'B', '--price', '40', '--buyer', '@jane'],
    ['--channel', 'tiktok', '--sku', 'B', '--price', '45', '--buyer', 'tt_2'],
  ]) {
    const r = await runCli(['sale', '--show', 'rep', ...args], { dataDir });
    expect(r.code, r.stderr).toBe(0);
  }
});

describe('lotcast report, picklist, show close (built CLI)', () => {
  it('reports per channel with fees from the dated table, oversells to cancel, unsold', async () => {
    const r = await runCli(['report', 'rep', '--format', 'json'], { dataDir });
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.schema).toBe('lotcast.report/1');
    // Whatnot: $100 clothing (8% + 2.9% + 30c) and $40 coins (4% + 2.9% + 30c).
    expect(rep.channels.whatnot).toMatchObject({
      orders: 2,
      grossCents: 14000,
      commissionCents: 800 + 160,
      processingCents: 290 + 30 + 116 + 30,
    });
    expect(rep.channels.tiktok).toMatchObject({ orders: 1, grossCents: 4500, referralCents: 270, oversold: 1 });
    expect(rep.toCancel).toEqual([expect.objectContaining({ sku: 'A', channel: 'tiktok', buyer: 'tt_1' })]);
    expect(rep.unsold.map((u: { sku: string }) => u.sku)).toEqual(['C']);
    expect(rep.fees.rules.map((x: { channel: string }) => x.channel)).toEqual(['whatnot', 'tiktok']);
    const text = await runCli(['report', 'rep'], { dataDir });
    expect(text.stdout).toMatch(/Whatnot\s+2\s+2\s+\$140\.00/);
    expect(text.stdout).toMatch(/TO CANCEL \(oversold\): A on TikTok \(tt_1\)/);
    expect(text.stdout).toMatch(/Fees: lotcast default fee table/);
  });

  it('writes csv and html files; a custom fee table changes the math', async () => {
    const csvFile = join(tmp.dir, 'report.csv');
    expect((await runCli(['report', 'rep', '--format', 'csv', '--out', csvFile], { dataDir })).code).toBe(0);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time,stream_time,channel,sku,title,buyer,quantity,price,fees,net,oversold,order_id');
    expect(lines).toHaveLength(5);
    const htmlFile = join(tmp.dir, 'report.html');
    await runCli(['report', 'rep', '--format', 'html', '--out', htmlFile], { dataDir });
    expect(readFileSync(htmlFile, 'utf8')).toMatch(/<title>Report Show: show report<\/title>/);
    const feeFile = join(tmp.dir, 'fees.json');
    writeFileSync(
      feeFile,
      JSON.stringify({
        schema: 'lotcast.fees/1',
        rules: [
          { channel: 'whatnot', effectiveFrom: '2020-01-01', commissionPercent: 10 },
          { channel: 'tiktok', effectiveFrom: '2020-01-01', referralPercent: 0 },
        ],
      }),
    );
    const custom = JSON.parse(
      (await runCli(['report', 'rep', '--format', 'json', '--fees', feeFile], { dataDir })).stdout,
    );
    expect(custom.channels.whatnot.feesCents).toBe(1400);
    expect(custom.channels.tiktok.feesCents).toBe(0);
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, '{"rules":[{"channel":"ebay","effectiveFrom":"x"}]}');
    const r = await runCli(['report', 'rep', '--fees', bad], { dataDir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/rules\[0\]\.channel must be whatnot or tiktok/);
  });

  it('prints a pick list per buyer per channel, and 4x6 labels', async () => {
    const r = await runCli(['picklist', 'rep', '--format', 'json'], { dataDir });
    const buyers = JSON.parse(r.stdout).buyers as Array<{
      channel: string;
      buyer: string;
      lines: Array<{ sku: string; location: string }>;
    }>;
    expect(buyers.map((b) => [b.channel, b.buyer, b.lines.map((l) => l.location).join(',')])).toEqual([
      // Both start at bin A2: ties go by channel name.
      ['tiktok', 'tt_2', 'A2'],
      ['whatnot', '@jane', 'A2,B10'],
    ]);
    const labels = await runCli(['picklist', 'rep', '--format', 'html', '--labels', '4x6'], { dataDir });
    expect(labels.stdout).toMatch(/size:4in 6in/);
    expect(labels.stdout.match(/<section class="buyer">/g)).toHaveLength(2);
  });

  it('closes a show once: refuses a live show without --force, second close is a no-op', async () => {
    const refused = await runCli(['show', 'close', 'rep'], { dataDir });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/still live/);
    const closed = await runCli(['show', 'close', 'rep', '--force'], { dataDir });
    expect(closed.code).toBe(0);
    expect(closed.stdout).toMatch(
      /Closed rep: 3 units sold \(final\)\. 1 unsold item back in inventory for the next show: C\./,
    );
    const again = await runCli(['show', 'close', 'rep'], { dataDir });
    expect(again.stdout).toMatch(/already closed; nothing changed/);
    const sale = await runCli(['sale', '--show', 'rep', '--channel', 'whatnot', '--sku', 'C'], { dataDir });
    expect(sale.code).toBe(5);
    const inv = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items as Array<{
      sku: string;
      quantity: number;
    }>;
    expect(Object.fromEntries(inv.map((i) => [i.sku, i.quantity]))).toEqual({ A: 0, B: 1, C: 1 });
  });
});
