import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { HEADERS } from '../helpers/export-headers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const freshDir = () => join(tmp.dir, `store-${++n}`);
const write = (name: string, data: string | Buffer) => {
  const p = join(tmp.dir, name);
  writeFileSync(p, data);
  return p;
};
const items = async (dataDir: string) =>
  JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items as Array<
    Record<string, unknown>
  >;

describe('lotcast inventory import from other tools (built CLI)', () => {
  it('--formats lists every export with how to get it and the columns it is known by', async () => {
    const r = await runCli(['inventory', 'import', '--formats']);
    expect(r.code).toBe(0);
    for (const id of [
      'generic',
      'whatnot',
      'shopify',
      'ebay',
      'ebay-file-exchange',
      'etsy',
      'tiktok',
      'vendoo',
      'list-perfectly',
      'crosslist',
    ])
      expect(r.stdout).toContain(id);
    expect(r.stdout).toMatch(/Products > Export/);
    expect(r.stdout).toMatch(/variant sku -> sku/);
    const j = JSON.parse((await runCli(['inventory', 'import', '--formats', '--json'])).stdout);
    expect(j.formats.find((f: { format: string }) => f.format === 'vendoo').columns['cost of goods']).toBe('cost');
    const none = await runCli(['inventory', 'import']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/file/);
  });

  it('a Vendoo export: sold rows skipped per line with the reason; --include-sold keeps them at quantity 0', async () => {
    const dataDir = freshDir();
    const cols = HEADERS.vendoo.split(',');
    const row = (c: Record<string, string>) => cols.map((h) => c[h] ?? '').join(',');
    const f = write(
      'vendoo.csv',
      [
        HEADERS.vendoo,
        row({ Title: 'Coach Bag', SKU: 'V-1', Price: '80', Status: 'Listed' }),
        row({ Title: 'Dunks', SKU: 'V-2', Price: '120', Status: 'Sold' }),
      ].join('\n'),
    );
    const r = await runCli(['inventory', 'import', f], { dataDir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`skipped: ${f}:3: status "Sold": sold, not stock`);
    expect(r.stdout).toMatch(/Vendoo inventory export/);
    expect(r.stdout).toMatch(/Imported: 1 created, 0 updated, 0 unchanged, 0 rejected, 1 skipped\./);
    const again = await runCli(['inventory', 'import', f, '--include-sold', '--json'], { dataDir });
    expect(JSON.parse(again.stdout)).toMatchObject({ format: 'vendoo', created: 1, skipped: 0, includeSold: true });
    expect((await items(dataDir)).find((i) => i.sku === 'V-2')).toMatchObject({ quantity: 0 });
  });

  it('an .xlsx: problems as file.xlsx:Sheet:row, --sheet picks another sheet', async () => {
    const dataDir = freshDir();
    const f = join(tmp.dir, 'haul.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['My thrift haul, November']);
    ws.addRow(['SKU', 'Title', 'Price', 'Qty']);
    ws.addRow(['A', 'Lamp', 12.5, 1]);
    ws.addRow(['B', 'Vase', 'ten', 1]);
    const other = wb.addWorksheet('Restock');
    other.addRow(['SKU', 'Title', 'Price']);
    other.addRow(['C', 'Mug', 4]);
    await wb.xlsx.writeFile(f);
    const r = await runCli(['inventory', 'import', f], { dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:Sheet1:4: Price: "ten" is not a price`);
    const ok = await runCli(['inventory', 'import', f, '--sheet', 'Restock'], { dataDir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${f}, sheet "Restock": 1 rows`);
    const bad = await runCli(['inventory', 'import', f, '--sheet', 'Nope'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"Sheet1", "Restock"/);
  });

  it('Windows-1252: detected from the start, or refused at its line naming --encoding', async () => {
    const dataDir = freshDir();
    const early = write('early.csv', Buffer.from('SKU,Title\nA,Caf\xe9 \xbd\n', 'latin1'));
    const r = await runCli(['inventory', 'import', early], { dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read as windows-1252/);
    expect((await items(dataDir))[0]?.title).toBe('Café ½');
    const rows = Array.from({ length: 4000 }, (_, i) => `S${i},Item ${i} in plain ascii text`).join('\n');
    const late = write(
      'late.csv',
      Buffer.concat([Buffer.from(`SKU,Title\n${rows}\n`), Buffer.from('Z,Cr\xe8me\n', 'latin1')]),
    );
    const refused = await runCli(['inventory', 'import', late], { dataDir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${late}:4002`);
    expect(refused.stderr).toMatch(/--encoding windows-1252/);
    expect(refused.stderr).not.toContain('\uFFFD');
    const forced = await runCli(['inventory', 'import', late, '--encoding', 'windows-1252'], { dataDir });
    expect(forced.code).toBe(0);
    expect((await items(dataDir)).find((i) => i.sku === 'Z')?.title).toBe('Crème');
  });

  it('--decimal, huge numbers and ragged rows', async () => {
    const dataDir = freshDir();
    const amb = write('amb.csv', 'SKU,Title,Price\nA,Lamp,"1,5"\nB,Vase,"1.234"\n');
    const r = await runCli(['inventory', 'import', amb, '--decimal', 'comma', '--json'], { dataDir });
    expect(JSON.parse(r.stdout)).toMatchObject({ decimal: 'comma', created: 2 });
    expect((await items(dataDir)).map((i) => i.priceCents)).toEqual([150, 123400]);
    const bad = write('bad.csv', 'SKU,Title,Qty,Price\nA,Tee,99999999999999999999,5\nB,Mug,1,5,extra\nC,Bowl\n');
    const b = await runCli(['inventory', 'import', bad], { dataDir: freshDir() });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`${bad}:2: Qty: 99999999999999999999 is too many units`);
    expect(b.stderr).toContain(`${bad}:3: column 5: 5 values but the header has 4 columns: "extra" would be lost`);
    expect(b.stderr).toContain(`${bad}:4: Qty: only 2 of the header's 4 columns`);
  });

  it('--images attaches photos by SKU; --format insists on a source', async () => {
    const dataDir = freshDir();
    const photos = join(tmp.dir, 'photos');
    mkdirSync(photos);
    for (const name of ['TEE-1.jpg', 'TEE-1-2.JPG', 'stray.png']) writeFileSync(join(photos, name), 'jpeg');
    const f = write('tees.csv', 'SKU,Title\nTEE-1,Band Tee\n');
    const r = await runCli(['inventory', 'import', f, '--images', photos], { dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Photos: 1 items got photos/);
    expect(r.stderr).toMatch(/1 photos match no SKU in this file: stray\.png/);
    expect((await items(dataDir))[0]?.images).toEqual([join(photos, 'TEE-1.jpg'), join(photos, 'TEE-1-2.JPG')]);
    const forced = await runCli(['inventory', 'import', f, '--format', 'shopify'], { dataDir });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/--format shopify, but the header lacks handle/);
  });
});
