import type { StatementSync } from 'node:sqlite';
import type { Item } from '../../core/inventory/item.js';
import { changedFields, type ItemDraft } from '../../core/inventory/row.js';
import type { Store } from './database.js';
import { rowToItem } from './item-repo.js';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes imported items inside the caller's transaction. One prepared upsert per row; the
 * DO UPDATE ... WHERE clause leaves identical rows untouched, and RETURNING tells created from
 * updated without a second query.
 */
export class InventoryWriter {
  private readonly upsert: StatementSync;
  private readonly upsertAdd: StatementSync;
  private readonly select: StatementSync;
  private readonly seenInsert: StatementSync;
  private readonly seenLine: StatementSync;

  constructor(private readonly store: Store) {
    const cols = `sku, title, description, quantity, price_cents, cost_cents, condition, category, sub_category, brand,
      size, tags, weight_oz, images, location, notes, extra, listing_type, shipping_profile, created_at, updated_at`;
    const fields = ['title', 'description', 'price_cents', 'cost_cents', 'condition', 'category', 'sub_category', 'brand', 'size', 'tags', 'weight_oz', 'images', 'location', 'notes', 'extra', 'listing_type', 'shipping_profile'];
    const set = fields.map((f) => `${f} = excluded.${f}`).join(', ');
    const differs = fields.map((f) => `items.${f} IS NOT excluded.${f}`).join(' OR ');
    const base = `INSERT INTO items (${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sku) DO UPDATE SET ${set}, updated_at = excluded.updated_at`;
    this.upsert = store.db.prepare(`${base}, quantity = excluded.quantity WHERE ${differs} OR items.quantity IS NOT excluded.quantity RETURNING created_at`);
    this.upsertAdd = store.db.prepare(`${base}, quantity = items.quantity + excluded.quantity WHERE ${differs} OR excluded.quantity <> 0 RETURNING created_at`);
    this.select = store.db.prepare('SELECT * FROM items WHERE sku = ?');
    // Duplicate SKUs within one file are found in SQLite, not in a JS Set, so memory stays
    // flat however long the file is.
    store.db.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen (sku TEXT PRIMARY KEY, line INTEGER NOT NULL)');
    store.db.exec('DELETE FROM temp.import_seen');
    this.seenInsert = store.db.prepare('INSERT OR IGNORE INTO temp.import_seen (sku, line) VALUES (?, ?)');
    this.seenLine = store.db.prepare('SELECT line FROM temp.import_seen WHERE sku = ?');
  }

  /** The line where this SKU first appeared in the file, when it already did. */
  firstLineOf(sku: string, line: number): number | undefined {
    const r = this.seenInsert.run(sku, line);
    if (Number(r.changes) === 1) return undefined;
    return (this.seenLine.get(sku) as { line: number } | undefined)?.line;
  }

  write(d: ItemDraft, now: string, addQuantity: boolean): UpsertOutcome {
    const stmt = addQuantity ? this.upsertAdd : this.upsert;
    const r = stmt.get(
      d.sku, d.title, d.description, d.quantity, d.priceCents, d.costCents, d.condition, d.category, d.subCategory,
      d.brand, d.size, JSON.stringify(d.tags), d.weightOz, JSON.stringify(d.images), d.location, d.notes,
      JSON.stringify(d.extra), d.listingType, d.shippingProfile, now, now,
    ) as { created_at: string } | undefined;
    if (!r) return 'unchanged';
    return r.created_at === now ? 'created' : 'updated';
  }

  /** What write() would do, with the fields that would change (for --dry-run). */
  preview(d: ItemDraft, addQuantity: boolean): { outcome: UpsertOutcome; fields: string[]; before?: Item } {
    const row = this.select.get(d.sku) as Parameters<typeof rowToItem>[0] | undefined;
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
