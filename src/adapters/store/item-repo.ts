import type { Item, ItemFilter } from '../../core/inventory/item.js';
import { matchesFilter } from '../../core/inventory/item.js';
import type { Store } from './database.js';

export interface ItemRow {
  sku: string;
  title: string;
  description: string;
  quantity: number;
  price_cents: number | null;
  cost_cents: number | null;
  condition: string;
  category: string;
  sub_category: string;
  brand: string;
  size: string;
  tags: string;
  weight_oz: number | null;
  images: string;
  location: string;
  notes: string;
  extra: string;
  listing_type: string;
  shipping_profile: string;
  created_at: string;
  updated_at: string;
}

export function rowToItem(r: ItemRow): Item {
  return {
    sku: r.sku,
    title: r.title,
    description: r.description,
    quantity: r.quantity,
    priceCents: r.price_cents,
    costCents: r.cost_cents,
    condition: r.condition,
    category: r.category,
    subCategory: r.sub_category,
    brand: r.brand,
    size: r.size,
    tags: JSON.parse(r.tags) as string[],
    weightOz: r.weight_oz,
    images: JSON.parse(r.images) as string[],
    location: r.location,
    notes: r.notes,
    extra: JSON.parse(r.extra) as Record<string, string>,
    listingType: r.listing_type,
    shippingProfile: r.shipping_profile,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Items in the store. Reads here; the importer owns bulk upserts. */
export class ItemRepo {
  constructor(private readonly store: Store) {}

  get(sku: string): Item | undefined {
    const r = this.store.get<ItemRow>('SELECT * FROM items WHERE sku = ?', sku);
    return r ? rowToItem(r) : undefined;
  }

  /** Items in insertion order (the seller's sheet order), filtered. */
  list(filter: ItemFilter = {}): Item[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (filter.inStock) where.push('quantity > 0');
    if (filter.minPriceCents !== undefined) {
      where.push('COALESCE(price_cents, 0) >= ?');
      params.push(filter.minPriceCents);
    }
    if (filter.maxPriceCents !== undefined) {
      where.push('COALESCE(price_cents, 0) <= ?');
      params.push(filter.maxPriceCents);
    }
    const sql = `SELECT * FROM items ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    // The remaining conditions (case-insensitive lists, tags in JSON) are checked by the core rule.
    return this.store
      .all<ItemRow>(sql, ...params)
      .map(rowToItem)
      .filter((i) => matchesFilter(i, filter));
  }

  count(): number {
    return this.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM items')?.n ?? 0;
  }

  /** Inserts or replaces whole items (tests, fixtures, the demo). */
  put(items: Item[]): void {
    const stmt = this.store.db.prepare(`
      INSERT INTO items (sku, title, description, quantity, price_cents, cost_cents, condition, category,
        sub_category, brand, size, tags, weight_oz, images, location, notes, extra, listing_type,
        shipping_profile, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(sku) DO UPDATE SET title=excluded.title, description=excluded.description,
        quantity=excluded.quantity, price_cents=excluded.price_cents, cost_cents=excluded.cost_cents,
        condition=excluded.condition, category=excluded.category, sub_category=excluded.sub_category,
        brand=excluded.brand, size=excluded.size, tags=excluded.tags, weight_oz=excluded.weight_oz,
        images=excluded.images, location=excluded.location, notes=excluded.notes, extra=excluded.extra,
        listing_type=excluded.listing_type, shipping_profile=excluded.shipping_profile,
        updated_at=excluded.updated_at`);
    this.store.transaction(() => {
      for (const i of items) {
        stmt.run(
          i.sku,
          i.title,
          i.description,
          i.quantity,
          i.priceCents,
          i.costCents,
          i.condition,
          i.category,
          i.subCategory,
          i.brand,
          i.size,
          JSON.stringify(i.tags),
          i.weightOz,
          JSON.stringify(i.images),
          i.location,
          i.notes,
          JSON.stringify(i.extra),
          i.listingType,
          i.shippingProfile,
          i.createdAt,
          i.updatedAt,
        );
      }
    });
  }
}
