import type { ChannelLink, OrderLine } from '../../core/channel-types.js';
import { tiktokOrderLines, whatnotOrderLines } from '../../core/channels/orders.js';
import type { ListingRepo } from '../store/listing-repo.js';
import type { TikTokClient } from './tiktok-client.js';
import type { WhatnotClient } from './whatnot-client.js';

/**
 * The live show's view of each platform: order lines changed since the last pull, and remote
 * stock for SKUs lotcast listed. Windows overlap a little on purpose (clock skew between
 * platforms and us); the ledger drops what it has already seen by channel + order + line.
 */
const OVERLAP_S = 30;

export class TikTokLink implements ChannelLink {
  readonly channel = 'tiktok' as const;
  private cursorS: number;

  constructor(
    private readonly client: TikTokClient,
    private readonly listings: ListingRepo,
    since: Date,
    private readonly now: () => number = Date.now,
  ) {
    this.cursorS = Math.floor(since.getTime() / 1000);
  }

  async pullOrders(): Promise<OrderLine[]> {
    const to = Math.floor(this.now() / 1000) + 1;
    const window = { updateTimeGe: Math.max(0, this.cursorS - OVERLAP_S), updateTimeLt: to };
    const lines: OrderLine[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.searchOrders(window, token);
      for (const o of page.orders) lines.push(...tiktokOrderLines(o));
      token = page.nextPageToken;
    } while (token);
    this.cursorS = to;
    return lines;
  }

  async setStock(sku: string, quantity: number): Promise<void> {
    const l = this.listings.get(sku, 'tiktok');
    if (!l?.remoteId || !l.remoteSkuId) return;
    const warehouse = l.extra.warehouseId ?? (await this.client.defaultWarehouseId());
    await this.client.updateInventory(l.remoteId, l.remoteSkuId, warehouse, quantity);
  }
}

export class WhatnotLink implements ChannelLink {
  readonly channel = 'whatnot' as const;
  private cursorMs: number;

  constructor(
    private readonly client: WhatnotClient,
    private readonly listings: ListingRepo,
    since: Date,
    private readonly now: () => number = Date.now,
  ) {
    this.cursorMs = since.getTime();
  }

  async pullOrders(): Promise<OrderLine[]> {
    const to = this.now();
    const after = new Date(Math.max(0, this.cursorMs - OVERLAP_S * 1000)).toISOString();
    const lines: OrderLine[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.listOrders(after, cursor);
      for (const o of page.orders) lines.push(...whatnotOrderLines(o));
      cursor = page.nextCursor;
    } while (cursor);
    this.cursorMs = to;
    return lines;
  }

  async setStock(sku: string, quantity: number): Promise<void> {
    const l = this.listings.get(sku, 'whatnot');
    if (!l?.remoteSkuId) return;
    await this.client.setInventory([{ variantId: l.remoteSkuId, quantity }]);
  }
}
