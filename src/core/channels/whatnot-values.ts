import type { Item } from '../inventory/item.js';

/**
 * Whatnot's fixed vocabularies (bulk CSV and API): conditions and shipping-profile weight
 * buckets. Sellers write conditions many ways; ALIASES maps them to the spellings Whatnot accepts
 * (Brand New, Like New, Very Good, Good, Fair, Poor; cards: Near Mint to Damaged).
 */
const ALIASES: Record<string, string> = {
  'new': 'Brand New',
  'brand new': 'Brand New',
  nwt: 'Brand New',
  'new with tags': 'Brand New',
  nib: 'Brand New',
  'new in box': 'Brand New',
  sealed: 'Brand New',
  bnwt: 'Brand New',
  'like new': 'Like New',
  nwot: 'Like New',
  'new without tags': 'Like New',
  excellent: 'Like New',
  euc: 'Like New',
  mint: 'Like New',
  'very good': 'Very Good',
  vguc: 'Very Good',
  good: 'Good',
  guc: 'Good',
  used: 'Good',
  'pre-owned': 'Good',
  preowned: 'Good',
  fair: 'Fair',
  acceptable: 'Fair',
  poor: 'Poor',
  'for parts': 'Poor',
  'as is': 'Poor',
  damaged: 'Damaged',
  'near mint': 'Near Mint',
  nm: 'Near Mint',
  'lightly played': 'Lightly Played',
  lp: 'Lightly Played',
  'moderately played': 'Moderately Played',
  mp: 'Moderately Played',
  'heavily played': 'Heavily Played',
  hp: 'Heavily Played',
};

/** The Whatnot spelling of a condition, or null when lotcast cannot tell which one it is. */
export function whatnotCondition(raw: string): string | null {
  const key = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!key) return null;
  return ALIASES[key] ?? null;
}

/** Whatnot's shipping-profile buckets, upper bound in ounces (inclusive). */
export const SHIPPING_BUCKETS: ReadonlyArray<{ label: string; maxOz: number }> = [
  { label: '0-1 oz', maxOz: 1 },
  { label: '1-3 oz', maxOz: 3 },
  { label: '4-7 oz', maxOz: 7 },
  { label: '8-11 oz', maxOz: 11 },
  { label: '12-15 oz', maxOz: 15 },
  { label: '1 lb', maxOz: 16 },
  { label: '1-2 lbs', maxOz: 32 },
  { label: '2-3 lbs', maxOz: 48 },
];

/**
 * The bucket a parcel of this weight ships in. Between buckets (3.5 oz) the next one up is
 * chosen: shipping under-declared weight costs the seller an adjustment.
 */
export function shippingProfileFor(weightOz: number): string | null {
  for (const b of SHIPPING_BUCKETS) if (weightOz <= b.maxOz) return b.label;
  return null;
}

/** The seller's Shipping Profile, else the weight bucket the item ships in (null: neither known). */
export function whatnotDimensionProfile(item: Item): string | null {
  const own = item.shippingProfile.trim();
  if (own) return own;
  return item.weightOz !== null && item.weightOz > 0 ? shippingProfileFor(item.weightOz) : null;
}
