import { centsToDecimal } from '../money.js';
import type { Item } from '../inventory/item.js';
import { descriptionHtml, isPreOwned } from './listing-rules.js';
import { whatnotCondition, whatnotDimensionProfile } from './whatnot-values.js';

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

/**
 * What lotcast sends Whatnot for one item, one part per request of its REST v2 listing flow
 * (creating a product does not put it on sale): the product (POST /products, or PATCH on an
 * update), the variant's SKU and price (PATCH /products/{id}/variants), the stock
 * (POST /inventory/set) and the sale format (POST /merchandising/products/{id}).
 */
export interface WhatnotListing {
  product: Record<string, unknown>;
  variant: Record<string, unknown>;
  quantity: number;
  merchandising: Record<string, unknown>;
}

export function whatnotListing(item: Item, category: string): WhatnotListing {
  const money = { amount: centsToDecimal(item.priceCents ?? 0), currency: 'USD' };
  const type = /auction/i.test(item.listingType)
    ? 'auction'
    : /giveaway/i.test(item.listingType)
      ? 'giveaway'
      : 'buy_it_now';
  const condition = whatnotCondition(item.condition) ?? item.condition;
  return {
    product: {
      title: item.title.trim(),
      description: item.description.trim() || item.title.trim(),
      category,
      dimension_profile: whatnotDimensionProfile(item),
      external_id: item.sku,
      media: item.images.map((url) => ({ url })),
      // Where Whatnot takes the condition is UNCONFIRMED: sent as a product attribute.
      ...(condition ? { attributes: { condition } } : {}),
    },
    variant: {
      sku: item.sku,
      ...(type === 'giveaway'
        ? {}
        : { pricing: type === 'auction' ? { auction: { start_price: money } } : { buy_it_now: { price: money } } }),
    },
    quantity: item.quantity,
    // Held for the live show rather than sold from the profile shop before it starts.
    merchandising: { transaction_type: type, reserve_for_live: true },
  };
}

/**
 * What a listing's content is, independent of remote ids and upload URIs: equal fingerprints
 * mean a re-run has nothing to update.
 */
export function listingFingerprint(item: Item, category: string): string {
  return JSON.stringify([
    item.title.trim(),
    item.description.trim(),
    item.priceCents,
    item.quantity,
    item.condition,
    item.brand,
    item.size,
    item.weightOz,
    item.images,
    category,
    item.listingType,
    item.shippingProfile,
  ]);
}
