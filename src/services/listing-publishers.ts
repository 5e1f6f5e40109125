import { createHash } from 'node:crypto';
import type { Channel } from '../core/channel-types.js';
import type { Item } from '../core/inventory/item.js';
import { checkListing, type ListingProblem } from '../core/channels/listing-rules.js';
import {
  listingFingerprint,
  tiktokProductBody,
  whatnotListing,
  type WhatnotListing,
} from '../core/channels/payloads.js';
import { PlatformError } from '../core/errors.js';
import type { ChannelListing } from '../adapters/store/listing-repo.js';
import type { TikTokClient } from '../adapters/channels/tiktok-client.js';
import type { WhatnotClient } from '../adapters/channels/whatnot-client.js';
import type { PlatformHttp } from '../adapters/channels/http.js';
import { loadImage } from '../adapters/channels/images.js';

/**
 * One per channel: decides what listing an item needs (create, update, nothing) and sends it.
 * `plan` never touches the network except where the platform must be asked (TikTok's category
 * recommendation), so a dry run shows the real payload.
 */
export interface ListingDecision {
  action: 'create' | 'update' | 'unchanged' | 'blocked' | 'skipped';
  problems: ListingProblem[];
  fingerprint: string;
  /** What will be sent (placeholders in <> for values the platform hands out at send time). */
  payload: Record<string, unknown> | null;
  note?: string;
}

export interface SendResult {
  remoteId: string;
  remoteSkuId: string | null;
  extra: ChannelListing['extra'];
}

/** Keeps remote ids the moment a platform hands them out (see ListingPublisher.send). */
export type RememberRemote = (r: { remoteId: string; remoteSkuId: string | null }) => void;

export interface ListingPublisher {
  readonly channel: Channel;
  plan(item: Item, existing: ChannelListing | undefined): Promise<ListingDecision>;
  /**
   * `remember` keeps remote ids the moment the platform hands them out, so a listing that
   * fails half-way (a product created, its price not yet set) is finished by the next run
   * instead of being created twice.
   */
  send(
    item: Item,
    existing: ChannelListing | undefined,
    decision: ListingDecision,
    remember?: RememberRemote,
  ): Promise<SendResult>;
}

export function fingerprintHash(fp: string): string {
  return createHash('sha256').update(fp).digest('hex').slice(0, 32);
}

function decide(
  existing: ChannelListing | undefined,
  fp: string,
  problems: ListingProblem[],
  item: Item,
): ListingDecision['action'] {
  if (existing?.remoteId)
    return existing.contentHash === fingerprintHash(fp) ? 'unchanged' : problems.length ? 'blocked' : 'update';
  if (item.quantity < 1) return 'skipped';
  return problems.length ? 'blocked' : 'create';
}

export class TikTokPublisher implements ListingPublisher {
  readonly channel = 'tiktok' as const;
  private warehouse: Promise<string> | undefined;
  private readonly recommended = new Map<string, Promise<{ id: string; name: string } | null>>();

  constructor(
    private readonly client: TikTokClient | null,
    private readonly http: PlatformHttp | null,
    private readonly opts: {
      categoryMap: Record<string, string>;
      warehouseId?: string | undefined;
      imageBaseDir: string;
    },
  ) {}

  async plan(item: Item, existing: ChannelListing | undefined): Promise<ListingDecision> {
    const mapped = this.opts.categoryMap[item.category];
    let categoryId = mapped ?? existing?.extra.categoryId;
    let note: string | undefined;
    if (!categoryId && this.client && item.title.trim()) {
      let p = this.recommended.get(item.title);
      if (!p) {
        p = this.client.recommendCategory(item.title);
        this.recommended.set(item.title, p);
      }
      const rec = await p;
      if (rec) {
        categoryId = rec.id;
        note = `category ${rec.id} (${rec.name}) suggested by TikTok; to fix it: lotcast config set channels.tiktok.categoryMap.${JSON.stringify(item.category || 'Uncategorised')} ${rec.id}`;
      }
    }
    const problems = checkListing(item, 'tiktok', {
      categoryId,
      categoryByRecommendation: !categoryId && !this.client,
    }).filter((p) => !(existing?.remoteId && p.field === 'quantity'));
    const fp = listingFingerprint(item, categoryId ?? '');
    const action = decide(existing, fp, problems, item);
    const payload = tiktokProductBody(item, {
      categoryId: categoryId ?? '<recommended by TikTok from the title>',
      warehouseId: this.opts.warehouseId ?? existing?.extra.warehouseId ?? '<default sales warehouse>',
      imageUris: item.images.map((src) => existing?.extra.images?.[src] ?? `<uploaded: ${src}>`),
      idempotencyKey: idempotencyKey('tiktok', item.sku, fp),
      skuId: existing?.remoteSkuId ?? undefined,
    });
    return { action, problems, fingerprint: fp, payload, ...(note ? { note } : {}) };
  }

  async send(item: Item, existing: ChannelListing | undefined, d: ListingDecision): Promise<SendResult> {
    const client = this.client!;
    this.warehouse ??= this.opts.warehouseId ? Promise.resolve(this.opts.warehouseId) : client.defaultWarehouseId();
    const warehouseId = await this.warehouse;
    const images: Record<string, string> = { ...(existing?.extra.images ?? {}) };
    // Photos already uploaded on an earlier (maybe interrupted) run are not sent again.
    for (const src of item.images) {
      if (images[src]) continue;
      const img = await loadImage(src, this.http!, this.opts.imageBaseDir);
      images[src] = await client.uploadImage(img.bytes, img.filename);
    }
    const categoryId = String(d.payload?.category_id);
    const body = tiktokProductBody(item, {
      categoryId,
      warehouseId,
      imageUris: item.images.map((s) => images[s]!),
      idempotencyKey: idempotencyKey('tiktok', item.sku, d.fingerprint),
      skuId: existing?.remoteSkuId ?? undefined,
    });
    const extra = { images, warehouseId, categoryId };
    if (existing?.remoteId) {
      const r = await client.editProduct(existing.remoteId, body);
      return {
        remoteId: existing.remoteId,
        remoteSkuId: r.skus.find((s) => s.seller_sku === item.sku)?.id ?? existing.remoteSkuId,
        extra,
      };
    }
    const r = await client.createProduct(body);
    return {
      remoteId: r.productId,
      remoteSkuId: r.skus.find((s) => s.seller_sku === item.sku)?.id ?? r.skus[0]?.id ?? null,
      extra,
    };
  }
}

export class WhatnotPublisher implements ListingPublisher {
  readonly channel = 'whatnot' as const;

  constructor(
    private readonly client: WhatnotClient | null,
    private readonly opts: { categoryMap: Record<string, string> },
  ) {}

  async plan(item: Item, existing: ChannelListing | undefined): Promise<ListingDecision> {
    const category = this.opts.categoryMap[item.category] ?? item.category;
    const problems = checkListing(item, 'whatnot').filter((p) => !(existing?.remoteId && p.field === 'quantity'));
    const fp = listingFingerprint(item, category);
    const payload = whatnotListing(item, category) as unknown as Record<string, unknown>;
    return { action: decide(existing, fp, problems, item), problems, fingerprint: fp, payload };
  }

  /** Whatnot's listing flow: product, its variant's SKU and price, stock, then the sale format. */
  async send(
    item: Item,
    existing: ChannelListing | undefined,
    d: ListingDecision,
    remember?: RememberRemote,
  ): Promise<SendResult> {
    const client = this.client!;
    const listing = d.payload as unknown as WhatnotListing;
    const key = idempotencyKey('whatnot', item.sku, d.fingerprint);
    let productId = existing?.remoteId ?? null;
    // Only the create needs an idempotency key (a lost answer retried is not a second product);
    // the other steps set values, and repeating them is harmless.
    if (productId) await client.updateProduct(productId, listing.product);
    else {
      productId = (await client.createProduct(listing.product, key)).productId;
      remember?.({ remoteId: productId, remoteSkuId: null });
    }
    let variantId = existing?.remoteSkuId ?? null;
    if (!variantId) {
      const variants = await client.listVariants(productId);
      variantId = (variants.find((v) => v.sku === item.sku) ?? variants[0])?.id ?? null;
      if (!variantId) {
        throw new PlatformError('whatnot', `Whatnot product ${productId} has no variant to price.`, {
          hint: 'Check the product in Seller Hub, then run the same command again.',
        });
      }
      remember?.({ remoteId: productId, remoteSkuId: variantId });
    }
    await client.updateVariants(productId, [{ id: variantId, ...listing.variant }]);
    await client.setInventory([{ variantId, quantity: listing.quantity }]);
    await client.merchandise(productId, listing.merchandising);
    return { remoteId: productId, remoteSkuId: variantId, extra: {} };
  }
}

/** The same content of the same SKU always gets the same key: a retried create is not a second listing. */
function idempotencyKey(channel: Channel, sku: string, fp: string): string {
  return `lotcast-${channel}-${createHash('sha256').update(`${sku}\n${fp}`).digest('hex').slice(0, 24)}`;
}
