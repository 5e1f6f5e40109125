import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/adapters/store/database.js';
import { ItemRepo } from '../../src/adapters/store/item-repo.js';
import { JournalRepo } from '../../src/adapters/store/journal-repo.js';
import { ShowRepo } from '../../src/adapters/store/show-repo.js';
import { LotcastError } from '../../src/core/errors.js';
import { importInventory } from '../../src/services/inventory-import.js';
import { LiveShow } from '../../src/services/live-show.js';
import { tempDir } from '../helpers/cli.js';
import { testPlan } from '../helpers/plans.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A real store file with items A (1), B (3), C (1) and a live show on L01 (A). */
async function liveShow(): Promise<{ store: Store; show: LiveShow; file: string }> {
  const t = tempDir();
  const file = join(t.dir, 'lotcast.db');
  const store = openStore(file);
  cleanups.push(() => store.close(), t.cleanup);
  const csv = join(t.dir, 'inv.csv');
  writeFileSync(csv, 'SKU,Title,Qty,Price\nA,Tee,1,20\nB,Packs,3,5\nC,Mug,1,8\nGIFT,Sticker,5,1\n');
  await importInventory(store, { file: csv, now: '2026-11-22T10:00:00.000Z', threads: 'off' });
  new ShowRepo(store).insert(testPlan('fault-show'), '2026-11-22T10:00:00.000Z');
  let now = Date.parse('2026-11-22T19:00:00.000Z');
  const show = LiveShow.open(store, 'fault-show', { clock: () => (now += 1000) });
  show.start();
  show.next();
  return { store, show, file };
}

type Fault = 'commit' | 'statement';
/**
 * The store adapter's next write fails the way a full disk fails it: at COMMIT (SQLite writes
 * the pages then), or at the INSERT of the event (a page it could not get).
 */
function failNextWrite(store: Store, where: Fault): () => number {
  const db = store.db;
  const exec = db.exec.bind(db);
  let failures = 0;
  if (where === 'commit') {
    let armed = true;
    db.exec = (sql: string) => {
      if (armed && sql === 'COMMIT') {
        armed = false;
        failures++;
        throw Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13 });
      }
      return exec(sql);
    };
  } else {
    // A real SQLite error from inside the statement, raised once by a temporary trigger.
    exec(`CREATE TEMP TABLE IF NOT EXISTS fault_armed (x)`);
    exec(`INSERT INTO fault_armed VALUES (1)`);
    exec(`CREATE TEMP TRIGGER IF NOT EXISTS fault_once BEFORE INSERT ON main.show_events
          WHEN (SELECT count(*) FROM fault_armed) > 0
          BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    db.exec = (sql: string) => {
      if (sql === 'ROLLBACK') {
        failures++;
        exec('ROLLBACK');
        exec('DELETE FROM fault_armed');
        db.exec = exec;
        return;
      }
      return exec(sql);
    };
  }
  return () => failures;
}

function storeTruth(store: Store, show: LiveShow) {
  const replayed = LiveShow.open(store, show.plan.show.id, { readOnly: true }).current;
  const items = new ItemRepo(store);
  return {
    cursor: replayed.cursor,
    sales: replayed.sales.length,
    stock: replayed.stock,
    inventory: Object.fromEntries(['A', 'B', 'C'].map((s) => [s, items.get(s)?.quantity])),
  };
}

describe.each<Fault>(['commit', 'statement'])('a live action whose write fails (at %s)', (fault) => {
  it('a sale: the error says what happened, memory and screen stay as the store is, the next sale is right', async () => {
    const { store, show } = await liveShow();
    const truth = storeTruth(store, show);
    const before = show.getSnapshot();
    let published = 0;
    show.subscribe(() => published++);
    const failures = failNextWrite(store, fault);
    let error: unknown;
    try {
      show.sale({ channel: 'whatnot' });
    } catch (err) {
      error = err;
    }
    expect(failures()).toBe(1);
    expect(error).toBeInstanceOf(fault === 'commit' ? LotcastError : Error);
    if (fault === 'commit') expect((error as Error).message).toMatch(/disk .* is full: this change was not saved/);
    expect(published).toBe(0);
    expect(show.getSnapshot()).toBe(before);
    expect(show.current.sales).toHaveLength(0);
    expect(show.stockOf('A')).toBe(1);
    expect(storeTruth(store, show)).toEqual(truth);
    expect(new JournalRepo(store).events('fault-show').some((e) => e.type === 'sale.recorded')).toBe(false);

    // The next action works, and is not an oversell: the unit was never sold.
    const e = show.sale({ channel: 'whatnot' });
    expect(e).toMatchObject({ type: 'sale.recorded', sku: 'A', oversell: false });
    expect(published).toBe(1);
    expect(show.stockOf('A')).toBe(0);
    expect(storeTruth(store, show)).toMatchObject({ sales: 1, stock: { A: 0 }, inventory: { A: 0, B: 3 } });
  });

  it('a move: the cursor stays where the store has it, so the next sale is of the lot on screen', async () => {
    const { store, show } = await liveShow();
    failNextWrite(store, fault);
    expect(() => show.next()).toThrow(fault === 'commit' ? LotcastError : /disk is full/);
    expect(show.segment()?.sku).toBe('A');
    expect(storeTruth(store, show).cursor).toBe(show.current.cursor);
    show.sale({ channel: 'tiktok' });
    expect(storeTruth(store, show)).toMatchObject({ sales: 1, inventory: { A: 0, B: 3 } });
  });

  it('a skip is one transaction: when it fails, neither the skip nor the move happened', async () => {
    const { store, show } = await liveShow();
    const cursor = show.current.cursor;
    failNextWrite(store, fault);
    expect(() => show.skip()).toThrow(fault === 'commit' ? LotcastError : /disk is full/);
    expect(show.current.cursor).toBe(cursor);
    expect(show.current.skipped).toEqual([]);
    expect(storeTruth(store, show).cursor).toBe(cursor);
    show.skip();
    expect(show.current.cursor).toBe(cursor + 1);
    expect(storeTruth(store, show).cursor).toBe(cursor + 1);
  });

  it('an undo that fails leaves the sale in place; the retry undoes it', async () => {
    const { store, show } = await liveShow();
    show.sale({ channel: 'whatnot' });
    failNextWrite(store, fault);
    expect(() => show.undo()).toThrow(fault === 'commit' ? LotcastError : /disk is full/);
    expect(show.current.sales).toHaveLength(1);
    expect(storeTruth(store, show)).toMatchObject({ sales: 1, inventory: { A: 0 } });
    show.undo();
    expect(show.current.sales).toHaveLength(0);
    expect(storeTruth(store, show)).toMatchObject({ sales: 0, inventory: { A: 1 } });
  });
});
