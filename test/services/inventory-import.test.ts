import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/adapters/store/database.js';
import { ItemRepo } from '../../src/adapters/store/item-repo.js';
import { importInventory, type ImportOptions, type ImportProgress } from '../../src/services/inventory-import.js';
import { repoRoot, tempDir } from '../helpers/cli.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(): { store: Store; dir: string; file: (name: string, text: string) => string } {
  const t = tempDir();
  const store = openStore(join(t.dir, 'lotcast.db'));
  cleanups.push(() => store.close(), t.cleanup);
  return {
    store,
    dir: t.dir,
    file: (name, text) => {
      const p = join(t.dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}

const now = (n: number) => `2026-11-22T10:00:0${n}.000Z`;

// Every behaviour holds whether the store side runs on this thread or on the worker thread that
// big files get (the built worker in dist/: `npm test` builds first).
const workerUrl = pathToFileURL(join(repoRoot, 'dist/services/import-sink-worker.js'));
const modes = [
  { name: 'on this thread', mode: { threads: 'off' as const } },
  { name: 'with the store on a worker thread', mode: { threads: 'on' as const, workerUrl } },
];

describe.each(modes)('importInventory $name', ({ mode }) => {
  const run = (store: Store, opts: ImportOptions) => importInventory(store, { ...opts, ...mode });

  it('reads a semicolon file with BOM, CRLF, blank lines, quoted delimiters and stray spaces', async () => {
    const { store } = setup();
    const file = join(repoRoot, 'test/fixtures/csv/semicolon-bom.csv');
    const s = await run(store, { file, skipInvalid: true, now: now(1) });
    expect(s).toMatchObject({
      delimiter: 'semicolon',
      rows: 3,
      created: 2,
      rejected: 1,
      written: true,
      keptColumns: ['Vibe'],
    });
    // Comma decimals are ambiguous (1,234 or 1.234?): refused with the physical line (after a quoted CRLF).
    expect(s.problems).toEqual([
      expect.objectContaining({ line: 6, field: 'Start Price', message: expect.stringMatching(/not a price/) }),
    ]);
    const repo = new ItemRepo(store);
    expect(repo.get('A-1')).toMatchObject({
      title: 'Pyrex; turquoise',
      quantity: 3,
      priceCents: 1250,
      location: 'E1',
      weightOz: 24,
      extra: { Vibe: 'cozy' },
    });
    expect(repo.get('A-2')?.title).toBe('Jadeite mug');
  });

  it('reports every invalid row with its physical line, and writes nothing', async () => {
    const { store, file } = setup();
    const f = file(
      'bad.csv',
      'SKU,Title,Qty,Price\nA,"Multi\nline title",1,5\nB,,2,5\nC,Ok,-1,5\nD,Ok,1,abc\nA,Dup,1,1\n',
    );
    const s = await run(store, { file: f, now: now(1) });
    expect(s.written).toBe(false);
    expect(s.rejected).toBe(4);
    expect(s.problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'Title'],
      [5, 'Qty'],
      [6, 'Price'],
      [7, 'SKU'],
    ]);
    expect(s.problems[3]?.message).toMatch(/duplicate SKU "A" \(first on line 2\)/);
    expect(new ItemRepo(store).count()).toBe(0);
  });

  it('--skip-invalid imports the valid rows', async () => {
    const { store, file } = setup();
    const f = file('mixed.csv', 'SKU,Title,Qty\nA,Ok,1\nB,,1\nC,Ok too,2\n');
    const s = await run(store, { file: f, skipInvalid: true, now: now(1) });
    expect(s).toMatchObject({ created: 2, rejected: 1, written: true });
    expect(new ItemRepo(store).list().map((i) => i.sku)).toEqual(['A', 'C']);
  });

  it('upserts by SKU: updated, unchanged, and --add-quantity', async () => {
    const { store, file } = setup();
    const first = file('a.csv', 'SKU,Title,Qty,Price\nA,Tee,1,10\nB,Mug,2,5\n');
    await run(store, { file: first, now: now(1) });
    const second = file('b.csv', 'SKU,Title,Qty,Price\nA,Tee,1,12\nB,Mug,2,5\nC,New,1,1\n');
    const s = await run(store, { file: second, now: now(2) });
    expect(s).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const repo = new ItemRepo(store);
    expect(repo.get('A')).toMatchObject({ priceCents: 1200, createdAt: now(1), updatedAt: now(2) });
    const add = file('c.csv', 'SKU,Title,Qty,Price\nB,Mug,3,5\n');
    const s3 = await run(store, { file: add, addQuantity: true, now: now(3) });
    expect(s3.updated).toBe(1);
    expect(repo.get('B')?.quantity).toBe(5);
  });

  it('--dry-run lists the changes and writes nothing', async () => {
    const { store, file } = setup();
    await run(store, { file: file('a.csv', 'SKU,Title,Qty\nA,Tee,1\n'), now: now(1) });
    const s = await run(store, {
      file: file('b.csv', 'SKU,Title,Qty\nA,Tee shirt,4\nZ,New,1\n'),
      dryRun: true,
      now: now(2),
    });
    expect(s.written).toBe(false);
    expect(s.changes).toEqual([
      { sku: 'A', title: 'Tee shirt', line: 2, action: 'updated', fields: ['title', 'quantity'] },
      { sku: 'Z', title: 'New', line: 3, action: 'created', fields: [] },
    ]);
    expect(new ItemRepo(store).get('A')?.title).toBe('Tee');
    expect(new ItemRepo(store).get('Z')).toBeUndefined();
  });

  it('gives rows without a SKU a stable SKU: importing twice updates, not duplicates', async () => {
    const { store, file } = setup();
    const f = file('nosku.csv', 'Title,Qty,Brand\nPyrex bowl,1,Pyrex\nJadeite mug,2,Fire-King\n');
    await run(store, { file: f, now: now(1) });
    const s = await run(store, { file: f, now: now(2) });
    expect(s).toMatchObject({ created: 0, unchanged: 2, generatedSkus: 2 });
    expect(new ItemRepo(store).count()).toBe(2);
  });

  it('imports the shipped sample inventory', async () => {
    const { store } = setup();
    const s = await run(store, { file: join(repoRoot, 'templates/sample-inventory.csv'), now: now(1) });
    expect(s.rejected).toBe(0);
    expect(s.created).toBeGreaterThanOrEqual(30);
    expect(s.created).toBeLessThanOrEqual(60);
  });

  it('reads a tab-separated export and a Whatnot template', async () => {
    const { store, file } = setup();
    const tsv = file('t.tsv', 'Seller SKU\tProduct Name\tQuantity\tPrice\nT1\tCard, holo\t2\t9.99\n');
    expect(await run(store, { file: tsv, now: now(1) })).toMatchObject({ delimiter: 'tab', created: 1 });
    const header =
      'Category,Sub Category,Title,Description,Quantity,Type,Price,Shipping Profile,Offerable,Hazmat,Condition,Cost Per Item,SKU,Image URL 1,Image URL 2,Image URL 3,Image URL 4,Image URL 5,Image URL 6,Image URL 7,Image URL 8';
    const wn = file(
      'w.csv',
      `${header}\nTrading Card Games,Pokémon Cards,Charizard,Holo,1,Auction,1,0-1 oz,TRUE,Not Hazmat,Near Mint,50,W1,https://i/1.jpg,,,,,,,\n`,
    );
    const s = await run(store, { file: wn, now: now(2) });
    expect(s).toMatchObject({ format: 'whatnot', created: 1, keptColumns: ['Offerable', 'Hazmat'] });
    expect(new ItemRepo(store).get('W1')).toMatchObject({
      listingType: 'Auction',
      shippingProfile: '0-1 oz',
      priceCents: 100,
      costCents: 5000,
      extra: { Offerable: 'TRUE', Hazmat: 'Not Hazmat' },
    });
  });

  it('points at the line of an unclosed quote', async () => {
    const { store, file } = setup();
    const f = file('q.csv', 'SKU,Title\nA,"never closed\nB,x\n');
    await expect(run(store, { file: f, now: now(1) })).rejects.toThrow(/quoted field is never closed/);
    expect(new ItemRepo(store).count()).toBe(0);
  });

  it('finds duplicates and bad rows across batch boundaries in a long file, and rolls back', async () => {
    const { store, file } = setup();
    const lines = ['SKU,Title,Qty,Price'];
    for (let i = 0; i < 3000; i++) lines.push(`S${i},Item ${i},${1 + (i % 3)},${(i % 50) + 1}.50`);
    lines[1700] = 'S5,Again,1,1'; // line 1701; S5 is first on line 7
    lines.push('S2998,Twice,1,1'); // line 3002; S2998 is first on line 3000, in the same batch
    lines[900] = 'S899,,1,1'; // line 901: no title
    lines.push(',Mystery box,1,5', ',Mystery box,1,5'); // lines 3003-3004: same generated SKU
    const f = file('long.csv', `${lines.join('\n')}\n`);
    const s = await run(store, { file: f, now: now(1) });
    expect(s).toMatchObject({ rows: 3003, written: false, rejected: 4, created: 0 });
    expect(s.problems.map((p) => [p.line, p.message])).toEqual([
      [901, expect.stringMatching(/title is empty/)],
      [1701, 'duplicate SKU "S5" (first on line 7)'],
      [3002, 'duplicate SKU "S2998" (first on line 3000)'],
      [3004, expect.stringMatching(/same item as line 3003 and neither has a SKU/)],
    ]);
    expect(new ItemRepo(store).count()).toBe(0);

    const kept = await run(store, { file: f, skipInvalid: true, now: now(2) });
    expect(kept).toMatchObject({ written: true, created: 2999, rejected: 4, generatedSkus: 1 });
    const repo = new ItemRepo(store);
    expect(repo.count()).toBe(2999);
    expect(repo.get('S5')?.title).toBe('Item 5');
    expect(repo.get('S1234')).toMatchObject({ quantity: 1 + (1234 % 3), priceCents: ((1234 % 50) + 1) * 100 + 50 });
  });

  it('updates a store that already has items: created, updated and unchanged counted per row', async () => {
    const { store, file } = setup();
    const rows = (n: number, price: (i: number) => number) =>
      ['SKU,Title,Qty,Price', ...Array.from({ length: n }, (_, i) => `S${i},Item ${i},1,${price(i)}`)].join('\n') +
      '\n';
    await run(store, {
      file: file(
        'a.csv',
        rows(1000, () => 5),
      ),
      now: now(1),
    });
    const s = await run(store, {
      file: file(
        'b.csv',
        rows(1500, (i) => (i % 4 === 0 ? 6 : 5)),
      ),
      now: now(2),
    });
    expect(s).toMatchObject({ created: 500, updated: 250, unchanged: 750, written: true });
    const repo = new ItemRepo(store);
    expect(repo.get('S4')).toMatchObject({ priceCents: 600, createdAt: now(1), updatedAt: now(2) });
    expect(repo.get('S5')).toMatchObject({ priceCents: 500, updatedAt: now(1) });
    expect(repo.get('S1499')).toMatchObject({ createdAt: now(2) });
  });

  it('reports progress after each batch: rows so far and bytes read, up to the whole file', async () => {
    const { store, file } = setup();
    const f = file(
      'p.csv',
      `${['SKU,Title', ...Array.from({ length: 20_000 }, (_, i) => `S${i},Item ${i}`)].join('\n')}\n`,
    );
    const seen: ImportProgress[] = [];
    const s = await run(store, { file: f, now: now(1), onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.rows).toBeGreaterThan(seen[i - 1]!.rows);
      expect(seen[i]!.bytesRead).toBeGreaterThan(seen[i - 1]!.bytesRead);
    }
    const last = seen.at(-1)!;
    expect(last.rows).toBe(s.rows);
    expect(last.fileBytes).toBe(statSync(f).size);
    expect(last.bytesRead).toBeGreaterThanOrEqual(last.fileBytes - 1);
  });

  it('stops on an abort signal and writes nothing', async () => {
    const { store, file } = setup();
    const f = file('big.csv', ['SKU,Title', ...Array.from({ length: 5000 }, (_, i) => `S${i},Item ${i}`)].join('\n'));
    const cancel = new AbortController();
    cancel.abort();
    await expect(run(store, { file: f, now: now(1), signal: cancel.signal })).rejects.toMatchObject({
      name: 'CancelledError',
      exitCode: 130,
    });
    expect(new ItemRepo(store).count()).toBe(0);
    // The store is free again: the next import goes through.
    expect(await run(store, { file: f, now: now(2) })).toMatchObject({ created: 5000, written: true });
  });

  it('says the store is busy when another command holds it, and writes nothing', async () => {
    const { dir, file } = setup();
    const db = join(dir, 'lotcast.db');
    const impatient = openStore(db, { busyTimeoutMs: 50 });
    const holder = openStore(db);
    cleanups.push(
      () => impatient.close(),
      () => holder.close(),
    );
    const f = file('a.csv', 'SKU,Title\nA,Tee\n');
    const tx = holder.begin();
    await expect(run(impatient, { file: f, now: now(1) })).rejects.toThrow(/store is busy/);
    tx.end(false);
    expect(new ItemRepo(impatient).count()).toBe(0);
    expect(await run(impatient, { file: f, now: now(2) })).toMatchObject({ created: 1, written: true });
  });
});

describe('importInventory when the store worker dies', () => {
  it.each([
    ['crashes', 'crashing-sink.mjs', /store worker crashed/],
    ['exits without a word', 'vanishing-sink.mjs', /stopped unexpectedly/],
  ])('%s: the import fails and nothing counts as written', async (_name, worker, message) => {
    const { store, file } = setup();
    const f = file('a.csv', 'SKU,Title\nA,Tee\nB,Mug\n');
    const workerUrl = pathToFileURL(join(repoRoot, 'test/fixtures/workers', worker));
    await expect(importInventory(store, { file: f, now: now(1), threads: 'on', workerUrl })).rejects.toThrow(message);
    expect(new ItemRepo(store).count()).toBe(0);
    expect(await importInventory(store, { file: f, now: now(2) })).toMatchObject({ created: 2, written: true });
  });
});
