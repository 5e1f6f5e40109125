import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { Item } from '../../core/inventory/item.js';
import { changedFields, type ItemDraft } from '../../core/inventory/row.js';
import type { Store } from './database.js';
import { rowToItem, type ItemRow } from './item-repo.js';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const COLS = [
  'sku', 'title', 'description', 'quantity', 'price_cents', 'cost_cents', 'condition', 'category', 'sub_category', 'brand',
  'size', 'tags', 'weight_oz', 'images', 'location', 'notes', 'extra', 'listing_type', 'shipping_profile', 'created_at', 'updated_at',
];
const COMPARED = COLS.filter((c) => !['sku', 'quantity', 'created_at', 'updated_at'].includes(c));
/** Rows per statement: crossing from JS into SQLite once per batch, not once per row. */
export const BATCH_ROWS = 128;

function params(d: ItemDraft, now: string): SQLInputValue[] {
  return [
    d.sku, d.title, d.description, d.quantity, d.priceCents, d.costCents, d.condition, d.category, d.subCategory,
    d.brand, d.size, JSON.stringify(d.tags), d.weightOz, JSON.stringify(d.images), d.location, d.notes,
    JSON.stringify(d.extra), d.listingType, d.shippingProfile, now, now,
  ];
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

  constructor(private readonly store: Store) {
    this.select = store.db.prepare('SELECT * FROM items WHERE sku = ?');
    // Duplicate SKUs within one file are found in SQLite, not in a growing JS Set, so memory
    // stays flat however long the file is.
    store.db.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen (sku TEXT PRIMARY KEY, line INTEGER NOT NULL)');
    store.db.exec('DELETE FROM temp.import_seen');
    this.seenLine = store.db.prepare('SELECT line FROM temp.import_seen WHERE sku = ?');
  }

  private upsertFor(rows: number, addQuantity: boolean): StatementSync {
    const key = `${rows}:${addQuantity}`;
    let stmt = this.upserts.get(key);
    if (!stmt) {
      const values = Array.from({ length: rows }, () => `(${COLS.map(() => '?').join(',')})`).join(',');
      const set = COMPARED.map((f) => `${f} = excluded.${f}`).join(', ');
      const differs = COMPARED.map((f) => `items.${f} IS NOT excluded.${f}`).join(' OR ');
      const qty = addQuantity ? 'items.quantity + excluded.quantity' : 'excluded.quantity';
      const qtyChanged = addQuantity ? 'excluded.quantity <> 0' : 'items.quantity IS NOT excluded.quantity';
      stmt = this.store.db.prepare(
        `INSERT INTO items (${COLS.join(',')}) VALUES ${values}
         ON CONFLICT(sku) DO UPDATE SET ${set}, quantity = ${qty}, updated_at = excluded.updated_at
         WHERE ${differs} OR ${qtyChanged}
         RETURNING sku, created_at`,
      );
      this.upserts.set(key, stmt);
    }
    return stmt;
  }

  /**
   * Marks the batch's SKUs as seen; returns, per draft index, the first line of an earlier
   * row with the same SKU (a duplicate), or nothing.
   */
  duplicates(batch: Array<{ draft: ItemDraft; line: number }>): Map<number, number> {
    let stmt = this.seenStmts.get(batch.length);
    if (!stmt) {
      stmt = this.store.db.prepare(`INSERT OR IGNORE INTO temp.import_seen (sku, line) VALUES ${batch.map(() => '(?,?)').join(',')} RETURNING sku, line`);
      this.seenStmts.set(batch.length, stmt);
    }
    const inserted = stmt.all(...batch.flatMap((b) => [b.draft.sku, b.line])) as Array<{ sku: string; line: number }>;
    const dups = new Map<number, number>();
    if (inserted.length === batch.length) return dups;
    const firstLine = new Map(inserted.map((r) => [r.sku, r.line]));
    batch.forEach((b, i) => {
      const first = firstLine.get(b.draft.sku);
      if (first === b.line) return;
      dups.set(i, first ?? (this.seenLine.get(b.draft.sku) as { line: number }).line);
    });
    return dups;
  }

  /** Writes a batch (no duplicate SKUs in it); outcome per draft, in order. */
  writeBatch(drafts: ItemDraft[], now: string, addQuantity: boolean): UpsertOutcome[] {
    if (drafts.length === 0) return [];
    const stmt = this.upsertFor(drafts.length, addQuantity);
    const returned = stmt.all(...drafts.flatMap((d) => params(d, now))) as Array<{ sku: string; created_at: string }>;
    const bySku = new Map(returned.map((r) => [r.sku, r.created_at === now ? 'created' : 'updated'] as const));
    return drafts.map((d) => bySku.get(d.sku) ?? 'unchanged');
  }

  /** What writing would do, with the fields that would change (for --dry-run). */
  preview(d: ItemDraft, addQuantity: boolean): { outcome: UpsertOutcome; fields: string[]; before?: Item } {
    const row = this.select.get(d.sku) as ItemRow | undefined;
    if (!row) return { outcome: 'created', fields: [] };
    const before = rowToItem(row);
    const after = addQuantity ? { ...d, quantity: before.quantity + d.quantity } : d;
    const fields = changedFields(before, after);
    return { outcome: fields.length ? 'updated' : 'unchanged', fields, before };
  }

  dispose(): void {
    this.store.db.exec('DELETE FROM temp.import_seen');
  }
}
