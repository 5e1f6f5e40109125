import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/store/database.js';
import { ItemRepo } from '../../src/adapters/store/item-repo.js';
import { importInventory, type ImportOptions } from '../../src/services/inventory-import.js';
import { tempDir } from '../helpers/cli.js';
import { HEADERS } from '../helpers/export-headers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const t = tempDir();
  const store = openStore(join(t.dir, 'lotcast.db'));
  cleanups.push(() => store.close(), t.cleanup);
  const path = (name: string) => join(t.dir, name);
  const file = (name: string, data: string | Buffer) => {
    writeFileSync(path(name), data);
    return path(name);
  };
  const run = (opts: Omit<ImportOptions, 'now'>) =>
    importInventory(store, { now: '2026-11-29T10:00:00.000Z', threads: 'off', ...opts });
  return { store, path, file, run, repo: new ItemRepo(store) };
}

/** Rows as `Header: value` objects to the header's column order. */
function table(header: string, rows: Array<Record<string, string>>): string[][] {
  const cols = header.split(',');
  return [cols, ...rows.map((r) => cols.map((c) => r[c] ?? ''))];
}

describe('exports as each tool writes them', () => {
  it('Shopify products CSV: variants, image-only rows, HTML body with quoted line breaks, drafts skipped', async () => {
    const { file, run, repo } = setup();
    const csv = stringify(
      table(HEADERS.shopify, [
        {
          Handle: 'pyrex-bowl',
          Title: 'Pyrex Bowl, Turquoise',
          'Body (HTML)': '<p>Vintage 1960s.</p>\n<ul>\n<li>no chips</li>\n</ul>',
          Vendor: 'Pyrex',
          Type: 'Kitchen',
          Tags: 'pyrex, mcm',
          Published: 'true',
          'Option1 Name': 'Title',
          'Option1 Value': 'Default Title',
          'Variant SKU': 'PY-1',
          'Variant Grams': '907.18',
          'Variant Inventory Qty': '3',
          'Variant Price': '24.00',
          'Image Src': 'https://cdn.shopify.com/s/pyrex-1.jpg',
          'Image Position': '1',
          'Cost per item': '4.00',
          Status: 'active',
        },
        { Handle: 'pyrex-bowl', 'Image Src': 'https://cdn.shopify.com/s/pyrex-2.jpg', 'Image Position': '2' },
        {
          Handle: 'band-tee',
          Title: 'Grateful Dead Tee',
          Vendor: 'Liquid Blue',
          'Option1 Name': 'Size',
          'Option1 Value': 'L',
          'Variant SKU': 'GD-L',
          'Variant Inventory Qty': '1',
          'Variant Price': '60',
          Status: 'active',
        },
        {
          Handle: 'band-tee',
          'Option1 Value': 'XL',
          'Variant SKU': 'GD-XL',
          'Variant Inventory Qty': '2',
          'Variant Price': '65',
        },
        { Handle: 'old', Title: 'Archived Lamp', 'Variant SKU': 'OLD-1', 'Variant Price': '5', Status: 'archived' },
      ]),
      { record_delimiter: 'unix' },
    );
    const s = await run({ file: file('products_export_1.csv', csv) });
    expect(s).toMatchObject({ format: 'shopify', created: 3, rejected: 0, skipped: 1, written: true });
    expect(s.skippedRows).toEqual([expect.objectContaining({ line: 9, reason: expect.stringMatching(/archived/) })]);
    expect(repo.get('PY-1')).toMatchObject({
      title: 'Pyrex Bowl, Turquoise',
      description: 'Vintage 1960s.\n\n• no chips',
      quantity: 3,
      weightOz: 32,
      costCents: 400,
      category: 'Kitchen',
      images: ['https://cdn.shopify.com/s/pyrex-1.jpg', 'https://cdn.shopify.com/s/pyrex-2.jpg'],
    });
    expect(repo.get('GD-XL')).toMatchObject({
      title: 'Grateful Dead Tee',
      size: 'XL',
      brand: 'Liquid Blue',
      quantity: 2,
    });
  });

  it('eBay active listings report (BOM, CRLF): item number only without a custom label', async () => {
    const { file, run, repo } = setup();
    const csv = stringify(
      table(HEADERS.ebay, [
        {
          'Item number': '225512345678',
          Title: 'Nintendo 64 Controller',
          'Custom label (SKU)': 'N64-C',
          'Available quantity': '2',
          Format: 'FIXED_PRICE',
          Currency: 'USD',
          'Start price': '29.99',
          Condition: 'Used',
          'eBay category 1 name': 'Controllers & Attachments',
        },
        {
          'Item number': '225512345679',
          Title: 'Pokemon Yellow',
          'Available quantity': '1',
          Format: 'AUCTION',
          Currency: 'USD',
          'Start price': '9.99',
          Condition: 'Used',
        },
      ]),
      { bom: true, record_delimiter: 'windows' },
    );
    const s = await run({ file: file('eBay-all-active-listings-report.csv', csv) });
    expect(s).toMatchObject({ format: 'ebay', created: 2, rejected: 0 });
    expect(repo.get('N64-C')).toMatchObject({ listingType: 'Buy it Now', priceCents: 2999, quantity: 2 });
    expect(repo.get('225512345679')).toMatchObject({ title: 'Pokemon Yellow', listingType: 'Auction' });
  });

  it('eBay File Exchange with #INFO lines above the header', async () => {
    const { file, run, repo } = setup();
    const body = stringify(
      table(HEADERS['ebay-file-exchange'], [
        {
          '*Action(SiteID=US|Country=US|Currency=USD|Version=1193)': 'Add',
          CustomLabel: 'FX-1',
          '*Title': 'Brass Lamp',
          '*ConditionID': '1000',
          '*Quantity': '1',
          '*Format': 'FixedPrice',
          '*StartPrice': '45',
        },
      ]),
    );
    const info =
      '#INFO,Version=0.0.2,Template= eBay-draft-listings-template_US,,,,,,,,\n#INFO Action and Category ID are required fields.,,,,,,,,,,\n';
    const s = await run({ file: file('fx.csv', info + body) });
    expect(s).toMatchObject({ format: 'ebay-file-exchange', headerLine: 3, created: 1, rejected: 0 });
    expect(repo.get('FX-1')).toMatchObject({ condition: 'New', priceCents: 4500 });
  });

  it('Vendoo: sold items are history (skipped, or quantity 0 with --include-sold)', async () => {
    const { file, run, repo } = setup();
    const csv = stringify(
      table(HEADERS.vendoo, [
        {
          Title: 'Coach Bag',
          SKU: 'V-1',
          Price: '80',
          'Cost of Goods': '12',
          'Weight (lb)': '1',
          'Weight (oz)': '8',
          Status: 'Listed',
        },
        {
          Title: 'Nike Dunks',
          SKU: 'V-2',
          Price: '120',
          'Cost of Goods': '40',
          Status: 'Sold',
          'Sold Price': '110',
          'Sold Date': '2026-11-01',
        },
      ]),
    );
    const f = file('vendoo-export.csv', csv);
    const s = await run({ file: f });
    expect(s).toMatchObject({ format: 'vendoo', created: 1, skipped: 1 });
    expect(s.skippedRows[0]).toMatchObject({ line: 3, reason: 'status "Sold": sold, not stock' });
    expect(repo.get('V-1')).toMatchObject({ costCents: 1200, weightOz: 24 });
    expect(repo.get('V-2')).toBeUndefined();
    const again = await run({ file: f, includeSold: true });
    expect(again).toMatchObject({ created: 1, unchanged: 1, skipped: 0 });
    expect(repo.get('V-2')).toMatchObject({ quantity: 0, extra: { 'Sold Price': '110', Status: 'Sold' } });
  });

  it('Etsy: prices in another currency are reported, nothing written', async () => {
    const { file, run, repo } = setup();
    const csv = stringify(
      table(HEADERS.etsy, [{ TITLE: 'Ring', PRICE: '40.00', CURRENCY_CODE: 'EUR', QUANTITY: '1', SKU: 'R-1' }]),
    );
    const s = await run({ file: file('EtsyListingsDownload.csv', csv) });
    expect(s).toMatchObject({ format: 'etsy', written: false, rejected: 1 });
    expect(s.problems[0]).toMatchObject({ line: 2, field: 'CURRENCY_CODE', message: expect.stringMatching(/EUR/) });
    expect(repo.get('R-1')).toBeUndefined();
  });
});

describe('files and numbers', () => {
  it('a semicolon file from a comma-decimal Excel reads 49,90 and 1.234,50', async () => {
    const { file, run, repo } = setup();
    const s = await run({
      file: file('de.csv', 'SKU;Titel;Title;Price;Cost\r\nA;x;Lampe;49,90;1.234,50\r\nB;y;Vase;1.234;2\r\n'),
    });
    expect(s).toMatchObject({ created: 2, decimal: 'comma', rejected: 0 });
    expect(repo.get('A')).toMatchObject({ priceCents: 4990, costCents: 123450 });
    expect(repo.get('B')).toMatchObject({ priceCents: 123400 });
  });

  it('--decimal says what the file cannot', async () => {
    const { file, run, repo } = setup();
    const f = file('amb.csv', 'SKU,Title,Price\nA,Lamp,"1.234"\n');
    expect((await run({ file: f, dryRun: true })).problems[0]?.message).toBeUndefined();
    const s = await run({ file: f, decimal: 'point' });
    expect(s.problems[0]?.message).toMatch(/not a price/);
    await run({ file: f, decimal: 'comma' });
    expect(repo.get('A')?.priceCents).toBe(123400);
  });

  it('Latin-1 / Windows-1252 is detected: Café ½ stays Café ½', async () => {
    const { file, run, repo } = setup();
    // As Excel on Windows saves "CSV (Comma delimited)": é 0xE9, ½ 0xBD, curly quotes 0x93/0x94.
    const bytes = Buffer.concat([
      Buffer.from('SKU,Title,Price\r\nA,Caf'),
      Buffer.from([0xe9, 0x20, 0xbd, 0x20, 0x93]),
      Buffer.from('mug'),
      Buffer.from([0x94]),
      Buffer.from(',5\r\n'),
    ]);
    const s = await run({ file: file('latin1.csv', bytes) });
    expect(s).toMatchObject({ encoding: 'windows-1252', created: 1 });
    expect(repo.get('A')?.title).toBe('Café ½ “mug”');
  });

  it('a Windows-1252 byte past the first 64 KB refuses with the line and --encoding; --encoding reads it', async () => {
    const { file, run, repo } = setup();
    const rows = Array.from({ length: 3000 }, (_, i) => `S${i},Plain ascii item number ${i},5`).join('\n');
    const f = file(
      'late.csv',
      Buffer.concat([Buffer.from(`SKU,Title,Price\n${rows}\n`), Buffer.from('Z,Crème brûlée dish,7\n', 'latin1')]),
    );
    await expect(run({ file: f })).rejects.toMatchObject({
      where: `${f}:3002`,
      hint: expect.stringMatching(/--encoding windows-1252/),
    });
    expect(repo.list({}).length).toBe(0);
    await run({ file: f, encoding: 'windows-1252' });
    expect(repo.get('Z')?.title).toBe('Crème brûlée dish');
  });

  it.each([
    ['UTF-16LE with BOM (Excel "Unicode Text", tab-separated)', 'utf16le', true],
    ['UTF-16LE without BOM', 'utf16le', false],
  ] as const)('%s is read as text, not called an .xlsx', async (_n, enc, bom) => {
    const { file, run, repo } = setup();
    const text = Buffer.from('SKU\tTitle\tPrice\r\nA\tCafé ½\t5\r\n', enc);
    const s = await run({ file: file('unicode.txt', bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), text]) : text) });
    expect(s).toMatchObject({ encoding: 'utf-16le', delimiter: 'tab', created: 1 });
    expect(repo.get('A')?.title).toBe('Café ½');
  });

  it('a UTF-8 file already holding U+FFFD (damaged by an earlier conversion) is reported, not stored', async () => {
    const { file, run } = setup();
    const s = await run({ file: file('damaged.csv', 'SKU,Title\nA,Caf\uFFFD\nB,Fine\n') });
    expect(s).toMatchObject({ written: false, rejected: 1 });
    expect(s.problems[0]).toMatchObject({ line: 2, field: 'Title', message: expect.stringMatching(/U\+FFFD|\uFFFD/) });
  });

  it('an old .xls is refused with what to do', async () => {
    const { file, run } = setup();
    const f = file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    await expect(run({ file: f })).rejects.toMatchObject({
      message: expect.stringMatching(/\.xls/),
      hint: expect.stringMatching(/\.xlsx or as CSV/),
    });
  });

  it('rows wider or shorter than the header are reported with file:line', async () => {
    const { file, run } = setup();
    const s = await run({ file: file('w.csv', 'SKU,Title,Price\nA,Tee,5,oops\nB,Mug\nC,Bowl,3\n') });
    expect(s).toMatchObject({ written: false, rejected: 2 });
    expect(s.problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [2, '4 values but the header has 3 '],
      [3, "only 2 of the header's 3 colum"],
    ]);
  });

  it('--images DIR attaches SKU.jpg, SKU-2.jpg, sku_3.PNG in order; strays are named', async () => {
    const { file, path, run, repo } = setup();
    const dir = path('photos');
    mkdirSync(dir);
    for (const n of ['TEE-1.jpg', 'TEE-1-2.jpg', 'tee-1_3.PNG', 'MUG.jpeg', 'nobody.jpg', 'notes.txt'])
      writeFileSync(join(dir, n), 'x');
    const s = await run({
      file: file('p.csv', 'SKU,Title,Image\nTEE-1,Tee,https://x/1.jpg\nMUG,Mug,\nBOWL,Bowl,\n'),
      imagesDir: dir,
    });
    expect(s.photos).toEqual({ attached: 2, unmatched: [join(dir, 'nobody.jpg')] });
    expect(repo.get('TEE-1')?.images).toEqual([
      'https://x/1.jpg',
      join(dir, 'TEE-1.jpg'),
      join(dir, 'TEE-1-2.jpg'),
      join(dir, 'tee-1_3.PNG'),
    ]);
    expect(repo.get('MUG')?.images).toEqual([join(dir, 'MUG.jpeg')]);
  });
});

describe('Excel workbooks (.xlsx)', () => {
  async function workbook(path: string, build: (wb: ExcelJS.Workbook) => void) {
    const wb = new ExcelJS.Workbook();
    build(wb);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('a TikTok-style template: banner above the header, instruction rows under it, line numbers per sheet', async () => {
    const { path, run, repo } = setup();
    const cols = HEADERS.tiktok.split(',');
    const f = await workbook(path('tiktok.xlsx'), (wb) => {
      wb.addWorksheet('Instructions').addRow(['Read me first']);
      wb.getWorksheet('Instructions')!.state = 'hidden';
      const ws = wb.addWorksheet('Template');
      ws.addRow(['TikTok Shop batch upload template v3']);
      ws.addRow(cols);
      ws.addRow(cols.map((_, i) => (i % 2 ? 'Optional' : 'Mandatory')));
      ws.addRow(
        cols.map(() => 'Enter the value for this column exactly as it should be shown to the buyers on TikTok Shop.'),
      );
      const row = (c: Record<string, ExcelJS.CellValue>) => ws.addRow(cols.map((h) => c[h] ?? null));
      row({
        'Product Name': 'Y2K Tee',
        'Seller SKU': 'TT-1',
        Quantity: 2,
        'Retail Price (Local Currency)': 19.9,
        'Package Weight(lb)': 0.5,
      });
      row({
        'Product Name': { richText: [{ text: 'Rich ' }, { text: 'Title' }] },
        'Seller SKU': 'TT-2',
        Quantity: { formula: '1+1', result: 2 },
        'Retail Price (Local Currency)': 0.1 + 0.2,
      });
      row({ 'Product Name': 'Bad price', 'Seller SKU': 'TT-3', 'Retail Price (Local Currency)': 'ten' });
    });
    const s = await run({ file: f, skipInvalid: true });
    expect(s).toMatchObject({
      sheet: 'Template',
      format: 'tiktok',
      delimiter: null,
      created: 2,
      rejected: 1,
      skipped: 2,
    });
    expect(s.problems).toEqual([
      expect.objectContaining({ file: `${f}:Template`, line: 7, field: 'Retail Price (Local Currency)' }),
    ]);
    expect(repo.get('TT-1')).toMatchObject({ title: 'Y2K Tee', priceCents: 1990, quantity: 2, weightOz: 8 });
    expect(repo.get('TT-2')).toMatchObject({ title: 'Rich Title', quantity: 2, priceCents: 30 });
  });

  it('--sheet NAME picks the sheet; a wrong name lists the sheets', async () => {
    const { path, run, repo } = setup();
    const f = await workbook(path('two.xlsx'), (wb) => {
      wb.addWorksheet('Summary').addRow(['Title', 'Price']).commit?.();
      wb.getWorksheet('Summary')!.addRow(['Not this', 1]);
      const ws = wb.addWorksheet('Haul');
      ws.addRow(['SKU', 'Title', 'Price']);
      ws.addRow(['H-1', 'Lamp', '12.50']);
    });
    await run({ file: f, sheet: 'Haul' });
    expect(repo.get('H-1')?.priceCents).toBe(1250);
    await expect(run({ file: f, sheet: 'Nope' })).rejects.toMatchObject({ hint: 'Its sheets: "Summary", "Haul".' });
  });
});
