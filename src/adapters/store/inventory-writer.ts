import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { changedFields, type Item } from '../../core/inventory/item.js';
import type { ItemDraft } from '../../core/inventory/row.js';
import type { Store } from './database.js';
import { rowToItem, type ItemRow } from './item-repo.js';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const COLS = [
  'sku',
  'title',
  'description',
  'quantity',
  'price_cents',
  'cost_cents',
  'condition',
  'category',
  'sub_category',
  'brand',
  'size',
  'tags',
  'weight_oz',
  'images',
  'location',
  'notes',
  'extra',
  'listing_type',
  'shipping_profile',
  'created_at',
  'updated_at',
];
const COMPARED = COLS.filter((c) => !['sku', 'quantity', 'created_at', 'updated_at'].includes(c));
/** Rows per statement: crossing from JS into SQLite once per batch, not once per row. */
export const BATCH_ROWS = 128;

/**
 * An item as the values of its columns (COLS order, without the timestamps). The importer's
 * reader produces these, on a worker thread for large files: arrays of primitives cross threads
 * and bind to SQLite far cheaper than item objects.
 */
export type ItemValues = SQLInputValue[];

const EMPTY_LIST = '[]';
const EMPTY_OBJECT = '{}';

export function itemValues(d: ItemDraft): ItemValues {
  return [
    d.sku,
    d.title,
    d.description,
    d.quantity,
    d.priceCents,
    d.costCents,
    d.condition,
    d.category,
    d.subCategory,
    d.brand,
    d.size,
    d.tags.length ? JSON.stringify(d.tags) : EMPTY_LIST,
    d.weightOz,
    d.images.length ? JSON.stringify(d.images) : EMPTY_LIST,
    d.location,
    d.notes,
    hasKeys(d.extra) ? JSON.stringify(d.extra) : EMPTY_OBJECT,
    d.listingType,
    d.shippingProfile,
  ];
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export const skuOf = (v: ItemValues): string => v[0] as string;
export const titleOf = (v: ItemValues): string => v[1] as string;

function itemOf(v: ItemValues): Item {
  return rowToItem(Object.fromEntries(COLS.map((c, i) => [c, i < v.length ? v[i] : ''])) as unknown as ItemRow);
}

/**
 * Writes imported items inside the caller's transaction, in batches. The upsert's
 * DO UPDATE ... WHERE leaves identical rows untouched and RETURNING tells created from updated
 * (rows not returned were unchanged), so one statement does the whole batch.
 */
export class InventoryWriter {
  private readonly upserts = new Map<string, StatementSync>();
  private readonly seenStmts = new Map<number, StatementSync>();
  private readonly select: StatementSync;
  private readonly seenLine: StatementSync;

  /** The store had no items when this import began (a first import). */
  private readonly startedEmpty: boolean;

  constructor(private readonly store: Store) {
    this.select = store.db.prepare('SELECT * FROM items WHERE sku = ?');
    this.startedEmpty = store.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM items) AS empty').get()?.empty === 1;
    // Duplicate SKUs within one file are found in SQLite, not in a growing JS Set, so memory
    // stays flat however long the file is.
    store.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS import_seen (sku TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID',
    );
    store.db.exec('DELETE FROM temp.import_seen');
    this.seenLine = store.db.prepare('SELECT line FROM temp.import_seen WHERE sku = ?');
  }

  private upsertFor(rows: number, addQuantity: boolean): StatementSync {
    const key = `${rows}:${addQuantity}`;
    let stmt = this.upserts.get(key);
    if (stmt) return stmt;
    const insert = `INSERT INTO items (${COLS.join(',')}) VALUES ${Array.from({ length: rows }, () => `(${COLS.map(() => '?').join(',')})`).join(',')}`;
    if (this.startedEmpty) {
      // Nothing to update in a store that was empty, and the duplicate check keeps the file's
      // own repeats out: a plain insert (every row created) saves the conflict handling.
      stmt = this.store.db.prepare(insert);
    } else {
      const set = COMPARED.map((f) => `${f} = excluded.${f}`).join(', ');
      const differs = COMPARED.map((f) => `items.${f} IS NOT excluded.${f}`).join(' OR ');
      const qty = addQuantity ? 'items.quantity + excluded.quantity' : 'excluded.quantity';
      const qtyChanged = addQuantity ? 'excluded.quantity <> 0' : 'items.quantity IS NOT excluded.quantity';
      stmt = this.store.db.prepare(
        `${insert}
         ON CONFLICT(sku) DO UPDATE SET ${set}, quantity = ${qty}, updated_at = excluded.updated_at
         WHERE ${differs} OR ${qtyChanged}
         RETURNING sku, created_at`,
      );
    }
    this.upserts.set(key, stmt);
    return stmt;
  }

  /**
   * Marks the batch's SKUs as seen; returns, per draft index, the first line of an earlier
   * row with the same SKU (a duplicate), or nothing.
   */
  duplicates(rows: ItemValues[], lines: number[]): Map<number, number> {
    let stmt = this.seenStmts.get(rows.length);
    if (!stmt) {
      stmt = this.store.db.prepare(
        `INSERT OR IGNORE INTO temp.import_seen (sku, line) VALUES ${rows.map(() => '(?,?)').join(',')}`,
      );
      this.seenStmts.set(rows.length, stmt);
    }
    const params: SQLInputValue[] = [];
    for (let i = 0; i < rows.length; i++) params.push(skuOf(rows[i]!), lines[i]!);
    const dups = new Map<number, number>();
    // Every row new (the usual case): no need to look at each.
    if (Number(stmt.run(...params).changes) === rows.length) return dups;
    rows.forEach((v, i) => {
      const first = (this.seenLine.get(skuOf(v)) as { line: number }).line;
      if (first !== lines[i]) dups.set(i, first);
    });
    return dups;
  }

  /** Writes a batch (no duplicate SKUs in it); outcome per draft, in order. */
  writeBatch(rows: ItemValues[], now: string, addQuantity: boolean): UpsertOutcome[] {
    if (rows.length === 0) return [];
    const stmt = this.upsertFor(rows.length, addQuantity);
    const params: SQLInputValue[] = [];
    for (const v of rows) {
      for (const x of v) params.push(x);
      params.push(now, now);
    }
    if (this.startedEmpty) {
      stmt.run(...params);
      return rows.map(() => 'created');
    }
    const returned = stmt.all(...params) as Array<{ sku: string; created_at: string }>;
    const bySku = new Map(returned.map((r) => [r.sku, r.created_at === now ? 'created' : 'updated'] as const));
    return rows.map((v) => bySku.get(skuOf(v)) ?? 'unchanged');
  }

  /** What writing would do, with the fields that would change (for --dry-run). */
  preview(v: ItemValues, addQuantity: boolean): { outcome: UpsertOutcome; fields: string[]; before?: Item } {
    const row = this.select.get(skuOf(v)) as ItemRow | undefined;
    if (!row) return { outcome: 'created', fields: [] };
    const before = rowToItem(row);
    const d = itemOf(v);
    const after = addQuantity ? { ...d, quantity: before.quantity + d.quantity } : d;
    const fields = changedFields(before, after);
    return { outcome: fields.length ? 'updated' : 'unchanged', fields, before };
  }

  dispose(): void {
    this.store.db.exec('DELETE FROM temp.import_seen');
  }
}
