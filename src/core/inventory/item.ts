/** An inventory item as lotcast keeps it. Money in integer cents, weight in ounces. */
export interface Item {
  sku: string;
  title: string;
  description: string;
  quantity: number;
  priceCents: number | null;
  costCents: number | null;
  condition: string;
  category: string;
  subCategory: string;
  brand: string;
  size: string;
  tags: string[];
  weightOz: number | null;
  images: string[];
  location: string;
  notes: string;
  /** Columns lotcast does not map, kept verbatim (header -> value) so nothing is dropped. */
  extra: Record<string, string>;
  /** Whatnot listing Type when the sheet had one (Auction, Buy it Now, Giveaway). */
  listingType: string;
  shippingProfile: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The one item filter every command uses (plan, list, export, inventory list).
 * All given conditions must hold.
 */
export interface ItemFilter {
  categories?: string[];
  tags?: string[];
  skus?: string[];
  /** Case-insensitive substring over title, SKU, brand, description. */
  text?: string;
  locations?: string[];
  minPriceCents?: number;
  maxPriceCents?: number;
  inStock?: boolean;
}

export function matchesFilter(item: Item, f: ItemFilter): boolean {
  const eqAny = (value: string, wanted?: string[]) =>
    !wanted || wanted.length === 0 || wanted.some((w) => w.toLowerCase() === value.toLowerCase());
  if (!eqAny(item.category, f.categories)) return false;
  if (!eqAny(item.location, f.locations)) return false;
  if (f.skus && f.skus.length > 0 && !f.skus.includes(item.sku)) return false;
  if (f.tags && f.tags.length > 0) {
    const have = new Set(item.tags.map((t) => t.toLowerCase()));
    if (!f.tags.some((t) => have.has(t.toLowerCase()))) return false;
  }
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = `${item.title}\n${item.sku}\n${item.brand}\n${item.description}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  if (f.minPriceCents !== undefined && (item.priceCents ?? 0) < f.minPriceCents) return false;
  if (f.maxPriceCents !== undefined && (item.priceCents ?? 0) > f.maxPriceCents) return false;
  if (f.inStock && item.quantity <= 0) return false;
  return true;
}

/** A complete Item from a few fields: for tests, fixtures and the demo. */
export function makeItem(partial: Partial<Item> & Pick<Item, 'sku' | 'title'>, now = '2026-01-01T00:00:00.000Z'): Item {
  return {
    description: '',
    quantity: 1,
    priceCents: null,
    costCents: null,
    condition: '',
    category: '',
    subCategory: '',
    brand: '',
    size: '',
    tags: [],
    weightOz: null,
    images: [],
    location: '',
    notes: '',
    extra: {},
    listingType: '',
    shippingProfile: '',
    createdAt: now,
    updatedAt: now,
    ...partial,
  };
}

/** Fields compared to decide updated vs unchanged, in the order shown to the seller. */
export const COMPARED_FIELDS = [
  'title',
  'description',
  'quantity',
  'priceCents',
  'costCents',
  'condition',
  'category',
  'subCategory',
  'brand',
  'size',
  'tags',
  'weightOz',
  'images',
  'location',
  'notes',
  'extra',
  'listingType',
  'shippingProfile',
] as const;

export function changedFields(before: Item, after: Pick<Item, (typeof COMPARED_FIELDS)[number]>): string[] {
  return COMPARED_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}
