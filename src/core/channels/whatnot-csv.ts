import { WHATNOT_HEADER } from '../inventory/columns.js';
import { centsToDecimal } from '../money.js';
import type { Item } from '../inventory/item.js';
import { LISTING_LIMITS } from './listing-rules.js';
import { shippingProfileFor, whatnotCondition, SHIPPING_BUCKETS } from './whatnot-values.js';

/** Whatnot's bulk-listing CSV header: the same template the importer recognises. */
export const WHATNOT_CSV_HEADERS = WHATNOT_HEADER;

export interface WhatnotCsvOptions {
  /** Listing type when the item has none: Auction (Price is the starting bid) or Buy it Now. */
  defaultType: 'Auction' | 'Buy it Now';
  /** Offerable for Buy it Now listings. */
  offerable: boolean;
}

export type WhatnotCsvResult =
  | { ok: true; row: string[]; notes: string[] }
  | { ok: false; problems: Array<{ field: string; message: string; fix: string }> };

const TYPES: Record<string, 'Auction' | 'Buy it Now' | 'Giveaway'> = {
  auction: 'Auction',
  'buy it now': 'Buy it Now',
  bin: 'Buy it Now',
  'buy-it-now': 'Buy it Now',
  buyitnow: 'Buy it Now',
  giveaway: 'Giveaway',
};

/** One inventory item as a Whatnot CSV row, or every reason it cannot be one. */
export function whatnotCsvRow(item: Item, opts: WhatnotCsvOptions): WhatnotCsvResult {
  const problems: Array<{ field: string; message: string; fix: string }> = [];
  const notes: string[] = [];
  const add = (field: string, message: string, fix: string) => problems.push({ field, message, fix });
  const title = item.title.trim();
  if (!title) add('Title', 'is empty', 'add a Title');
  else if (title.length > LISTING_LIMITS.whatnot.titleMax)
    add('Title', `is ${title.length} characters, Whatnot allows ${LISTING_LIMITS.whatnot.titleMax}`, 'shorten it');
  if (!item.category.trim()) add('Category', 'is empty', 'add a Category');
  if (item.quantity < 1) add('Quantity', 'is 0', 'Whatnot needs at least 1: restock it or leave it out (--in-stock)');
  const typeRaw = item.listingType.trim().toLowerCase();
  const type = typeRaw ? TYPES[typeRaw] : opts.defaultType;
  if (!type) add('Type', `"${item.listingType}" is not a Whatnot type`, 'use Auction, Buy it Now or Giveaway');
  if (type !== 'Giveaway' && (item.priceCents === null || item.priceCents <= 0)) {
    add('Price', 'is missing', type === 'Auction' ? 'add a starting bid (1 for a $1 start)' : 'add a Price');
  }
  const condition = whatnotCondition(item.condition);
  if (!condition)
    add(
      'Condition',
      item.condition.trim() ? `"${item.condition}" is not a Whatnot condition` : 'is empty',
      'use Brand New, Like New, Very Good, Good, Fair or Poor (cards: Near Mint, Lightly Played, ...)',
    );
  let profile = item.shippingProfile.trim();
  if (!profile) {
    if (item.weightOz === null)
      add(
        'Shipping Profile',
        'no weight to choose a shipping profile from',
        'add a Weight (e.g. 6 oz) or a Shipping Profile',
      );
    else {
      const bucket = shippingProfileFor(item.weightOz);
      if (!bucket)
        add(
          'Shipping Profile',
          `${item.weightOz} oz is over the largest bucket (${SHIPPING_BUCKETS.at(-1)!.label})`,
          'set a Shipping Profile by hand in Seller Hub',
        );
      else profile = bucket;
    }
  }
  const remote = item.images.filter((u) => /^https?:\/\//i.test(u));
  if (remote.length < item.images.length)
    notes.push(`${item.images.length - remote.length} local photo(s) left out: Whatnot's CSV takes public image links`);
  if (remote.length > 8) notes.push(`${remote.length - 8} photo(s) over Whatnot's 8 left out`);
  if (problems.length) return { ok: false, problems };
  const images = Array.from({ length: 8 }, (_, i) => remote[i] ?? '');
  return {
    ok: true,
    notes,
    row: [
      item.category.trim(),
      item.subCategory.trim(),
      title,
      item.description.trim(),
      String(item.quantity),
      type!,
      type === 'Giveaway' ? '0' : centsToDecimal(item.priceCents ?? 0),
      profile,
      type === 'Buy it Now' && opts.offerable ? 'TRUE' : 'FALSE',
      'Not Hazmat',
      condition!,
      item.costCents === null ? '' : centsToDecimal(item.costCents),
      item.sku,
      ...images,
    ],
  };
}
