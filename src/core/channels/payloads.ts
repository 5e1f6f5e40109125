import { centsToDecimal } from '../money.js';
import type { Item } from '../inventory/item.js';
import { descriptionHtml, isPreOwned } from './listing-rules.js';
import { whatnotCondition } from './whatnot-values.js';

/**
 * Request bodies for creating or updating a listing, built from an inventory item. Pure, so
 * `lotcast list --dry-run` prints exactly what the live run sends.
 */
export interface TikTokProductInput {
  categoryId: string;
  warehouseId: string;
  /** Uploaded image URIs, in the item's order. */
  imageUris: string[];
  idempotencyKey?: string;
  /** For edits: the remote SKU id to keep. */
  skuId?: string | undefined;
}

export function tiktokProductBody(item: Item, input: TikTokProductInput): Record<string, unknown> {
  const pounds = Math.max(0.01, Math.round(((item.weightOz ?? 0) / 16) * 100) / 100);
  return {
    title: item.title.trim(),
    description: descriptionHtml(item),
    category_id: input.categoryId,
    main_images: input.imageUris.map((uri) => ({ uri })),
    ...(item.brand ? { brand_name: item.brand } : {}),
    is_pre_owned: isPreOwned(item.condition),
    package_weight: { value: pounds.toFixed(2), unit: 'POUND' },
    skus: [
      {
        ...(input.skuId ? { id: input.skuId } : {}),
        seller_sku: item.sku,
        price: { amount: centsToDecimal(item.priceCents ?? 0), currency: 'USD' },
        inventory: [{ warehouse_id: input.warehouseId, quantity: item.quantity }],
      },
    ],
    ...(input.idempotencyKey ? { idempotency_key: input.idempotencyKey } : {}),
  };
}

export function whatnotProductBody(item: Item, category: string): Record<string, unknown> {
  const format = /auction/i.test(item.listingType) ? 'AUCTION' : 'BUY_IT_NOW';
  return {
    title: item.title.trim(),
    description: item.description.trim() || item.title.trim(),
    category,
    ...(item.subCategory ? { sub_category: item.subCategory } : {}),
    condition: whatnotCondition(item.condition) ?? item.condition,
    sale_format: format,
    media: item.images.map((url) => ({ url })),
    variants: [
      {
        sku: item.sku,
        price: { amount: centsToDecimal(item.priceCents ?? 0), currency: 'USD' },
        quantity: item.quantity,
        ...(item.weightOz !== null ? { weight: { value: String(item.weightOz), unit: 'OUNCE' } } : {}),
      },
    ],
  };
}

/**
 * What a listing's content is, independent of remote ids and upload URIs: equal fingerprints
 * mean a re-run has nothing to update.
 */
export function listingFingerprint(item: Item, category: string): string {
  return JSON.stringify([item.title.trim(), item.description.trim(), item.priceCents, item.quantity, item.condition, item.brand, item.size, item.weightOz, item.images, category, item.listingType]);
}
