import type { Channel } from '../../core/channel-types.js';
import type { Store } from './database.js';

/** Where an item stands on one channel: remote ids, what was last sent, how it went. */
export interface ChannelListing {
  sku: string;
  channel: Channel;
  remoteId: string | null;
  remoteSkuId: string | null;
  /** Channel-specific leftovers: uploaded image URIs by source, the warehouse used. */
  extra: { images?: Record<string, string>; warehouseId?: string; categoryId?: string };
  contentHash: string | null;
  status: 'listed' | 'failed' | 'delisted';
  lastError: string | null;
  listedAt: string | null;
  updatedAt: string;
}

interface Row {
  sku: string;
  channel: string;
  remote_id: string | null;
  remote_sku_id: string | null;
  remote_extra: string;
  content_hash: string | null;
  status: string;
  last_error: string | null;
  listed_at: string | null;
  updated_at: string;
}

function toListing(r: Row): ChannelListing {
  return {
    sku: r.sku,
    channel: r.channel as Channel,
    remoteId: r.remote_id,
    remoteSkuId: r.remote_sku_id,
    extra: JSON.parse(r.remote_extra) as ChannelListing['extra'],
    contentHash: r.content_hash,
    status: r.status as ChannelListing['status'],
    lastError: r.last_error,
    listedAt: r.listed_at,
    updatedAt: r.updated_at,
  };
}

export class ListingRepo {
  constructor(private readonly store: Store) {}

  get(sku: string, channel: Channel): ChannelListing | undefined {
    const r = this.store.get<Row>('SELECT * FROM channel_listings WHERE sku = ? AND channel = ?', sku, channel);
    return r ? toListing(r) : undefined;
  }

  forChannel(channel: Channel): ChannelListing[] {
    return this.store.all<Row>('SELECT * FROM channel_listings WHERE channel = ? ORDER BY sku', channel).map(toListing);
  }

  /** Records a success at once (one row, one statement), so a crash right after loses nothing. */
  saveListed(l: {
    sku: string;
    channel: Channel;
    remoteId: string;
    remoteSkuId: string | null;
    extra: ChannelListing['extra'];
    contentHash: string;
    now: string;
  }): void {
    this.store.run(
      `INSERT INTO channel_listings (sku, channel, remote_id, remote_sku_id, remote_extra, content_hash, status, last_error, listed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'listed', NULL, ?, ?)
       ON CONFLICT(sku, channel) DO UPDATE SET remote_id = excluded.remote_id, remote_sku_id = excluded.remote_sku_id,
         remote_extra = excluded.remote_extra, content_hash = excluded.content_hash, status = 'listed', last_error = NULL,
         listed_at = COALESCE(channel_listings.listed_at, excluded.listed_at), updated_at = excluded.updated_at`,
      l.sku,
      l.channel,
      l.remoteId,
      l.remoteSkuId,
      JSON.stringify(l.extra),
      l.contentHash,
      l.now,
      l.now,
    );
  }

  /**
   * Remote ids handed out in the middle of a listing (a product created, its price not set
   * yet): kept as a failed listing with no content hash, so the next run finishes it as an
   * update. A successful end overwrites this with saveListed.
   */
  savePartial(sku: string, channel: Channel, remoteId: string, remoteSkuId: string | null, now: string): void {
    this.store.run(
      `INSERT INTO channel_listings (sku, channel, remote_id, remote_sku_id, status, last_error, updated_at)
       VALUES (?, ?, ?, ?, 'failed', 'listing not finished', ?)
       ON CONFLICT(sku, channel) DO UPDATE SET remote_id = excluded.remote_id,
         remote_sku_id = COALESCE(excluded.remote_sku_id, channel_listings.remote_sku_id), content_hash = NULL,
         status = 'failed', last_error = excluded.last_error, updated_at = excluded.updated_at`,
      sku,
      channel,
      remoteId,
      remoteSkuId,
      now,
    );
  }

  /** A failure keeps any remote ids already known (an update that failed is still listed remotely). */
  saveFailed(sku: string, channel: Channel, error: string, now: string, extra?: ChannelListing['extra']): void {
    this.store.run(
      `INSERT INTO channel_listings (sku, channel, remote_extra, status, last_error, updated_at)
       VALUES (?, ?, ?, 'failed', ?, ?)
       ON CONFLICT(sku, channel) DO UPDATE SET status = CASE WHEN channel_listings.remote_id IS NULL THEN 'failed' ELSE channel_listings.status END,
         last_error = excluded.last_error, remote_extra = CASE WHEN ? IS NULL THEN channel_listings.remote_extra ELSE excluded.remote_extra END,
         updated_at = excluded.updated_at`,
      sku,
      channel,
      JSON.stringify(extra ?? {}),
      error,
      now,
      extra ? 'x' : null,
    );
  }
}
