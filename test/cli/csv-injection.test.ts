import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { runCli, tempDir } from '../helpers/cli.js';
import { PlainLive, plannedShow } from '../helpers/shows.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const HOSTILE = {
  title: '=HYPERLINK("http://evil.example/x","Click for a discount")',
  brand: '+cmd|" /C calc"!A0',
  notes: '@SUM(1+1)*cmd|" /C calc"!A0',
  description: '-2+3',
  category: '\t=1+1',
  size: '\r=1+1',
  location: "'=already",
  buyer: '=HYPERLINK("http://evil.example","@jane")',
};

/** Cells whose first character would make a spreadsheet evaluate them. */
function formulaCells(csv: string): string[] {
  const rows = parse(csv, { relax_column_count: true }) as string[][];
  return rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(c));
}

let dataDir = '';
beforeAll(async () => {
  // The sheet itself, written with csv-stringify so every hostile value is one quoted cell.
  const sheet = stringify([
    [
      'SKU',
      'Title',
      'Qty',
      'Price',
      'Brand',
      'Notes',
      'Description',
      'Category',
      'Size',
      'Location',
      'Weight',
      'Condition',
      'Image URL 1',
      '=Their Column',
    ],
    [
      'EVIL-1',
      HOSTILE.title,
      '1',
      '20',
      HOSTILE.brand,
      HOSTILE.notes,
      HOSTILE.description,
      HOSTILE.category,
      HOSTILE.size,
      HOSTILE.location,
      '3 oz',
      'New',
      'https://img.example/a.jpg',
      '-kept+1',
    ],
    ['FREE', 'Sticker', '2', '1', '', '', '', 'Stickers', '', 'A1', '1 oz', 'New', 'https://img.example/b.jpg', ''],
  ]);
  dataDir = await plannedShow(tmp.dir, sheet);
});

describe('every CSV lotcast writes neutralises spreadsheet formulas (built CLI, cells read back with csv-parse)', () => {
  it('inventory export and Whatnot CSV: apostrophe before formula cells; the export re-imports as the original text', async () => {
    const out = join(tmp.dir, 'export.csv');
    const r = await runCli(['inventory', 'export', '--out', out], { dataDir });
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(formulaCells(csv)).toEqual([]);
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    const evil = rows.find((x) => x.SKU === 'EVIL-1')!;
    expect(evil.Title).toBe(`'${HOSTILE.title}`);
    expect(evil.Brand).toBe(`'${HOSTILE.brand}`);
    expect(evil.Notes).toBe(`'${HOSTILE.notes}`);
    // A sheet's own leading apostrophe before a formula is taken off on import, as a
    // spreadsheet does; the stored text is then neutralised again on the way out.
    expect(evil.Location).toBe(HOSTILE.location);
    expect(evil["'=Their Column"]).toBe("'-kept+1");

    const again = join(tmp.dir, 'again');
    const back = await runCli(['inventory', 'import', out], { dataDir: again });
    expect(back.code, back.stderr).toBe(0);
    const before = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items;
    const after = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir: again })).stdout).items;
    const pick = (items: Array<Record<string, unknown>>) =>
      items.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
    expect(pick(after)).toEqual(pick(before));
    const item = after.find((i: { sku: string }) => i.sku === 'EVIL-1');
    expect(item.title).toBe(HOSTILE.title);
    expect(item.location).toBe(HOSTILE.location.slice(1));

    const whatnot = join(tmp.dir, 'whatnot.csv');
    const w = await runCli(['export', 'whatnot-csv', '--out', whatnot], { dataDir });
    expect(w.code, w.stdout + w.stderr).toBe(0);
    const wcsv = readFileSync(whatnot, 'utf8');
    expect(formulaCells(wcsv)).toEqual([]);
    const wrows = parse(wcsv, { columns: true }) as Array<Record<string, string>>;
    expect(wrows.find((x) => x.SKU === 'EVIL-1')?.Title).toBe(`'${HOSTILE.title}`);
  });

  it('plan CSV, report CSV and pick list CSV', async () => {
    const live = new PlainLive(dataDir, 'show');
    await live.waitFor(/show started/);
    live.type('n');
    await live.waitFor(/now: L01/);
    live.child.stdin.end();
    await live.exited();
    const sold = await runCli(
      ['sale', '--show', 'show', '--channel', 'whatnot', '--sku', 'EVIL-1', '--buyer', HOSTILE.buyer, '--price', '25'],
      { dataDir },
    );
    expect(sold.code, sold.stderr).toBe(0);
    // A $0 sale on Whatnot nets -$0.30 (processing): a negative number that must stay a number.
    const free = await runCli(
      ['sale', '--show', 'show', '--channel', 'whatnot', '--sku', 'FREE', '--buyer', 'amy', '--price', '0'],
      { dataDir },
    );
    expect(free.code, free.stderr).toBe(0);

    const plan = await runCli(['show', 'view', 'show', '--format', 'csv'], { dataDir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(formulaCells(plan.stdout)).toEqual([]);
    expect(plan.stdout).toContain(`'=HYPERLINK`);

    const report = await runCli(['report', 'show', '--format', 'csv'], { dataDir });
    expect(report.code, report.stderr).toBe(0);
    expect(formulaCells(report.stdout)).toEqual([]);
    const reportRows = parse(report.stdout, { columns: true }) as Array<Record<string, string>>;
    const evilSale = reportRows.find((x) => x.sku === 'EVIL-1')!;
    expect(evilSale.buyer).toBe(`'${HOSTILE.buyer}`);
    expect(evilSale.title).toBe(`'${HOSTILE.title}`);
    const freeSale = reportRows.find((x) => x.sku === 'FREE')!;
    expect(freeSale.net).toBe('-0.30');

    const picks = await runCli(['picklist', 'show', '--format', 'csv'], { dataDir });
    expect(picks.code, picks.stderr).toBe(0);
    expect(formulaCells(picks.stdout)).toEqual([]);
    expect(picks.stdout).toContain(`'=HYPERLINK`);
  });
});

describe('csv test helper', () => {
  it('finds formula cells (so the assertions above can fail)', () => {
    const raw = stringify([['=1+1', '-5.00', 'ok', '@x', "'=safe"]]);
    expect(formulaCells(raw)).toEqual(['=1+1', '@x']);
    writeFileSync(join(tmp.dir, 'noop'), raw);
  });
});
