import type { Channel } from '../channel-types.js';
import type { Item } from '../inventory/item.js';
import type { ChannelPrice, SaleFormat } from '../show/plan-types.js';
import type { ShowProfile } from './profile.js';

function formatFor(item: Item, channel: Channel, p: ShowProfile): SaleFormat {
  if (channel === 'whatnot' && item.listingType === 'Auction') return 'auction';
  if (channel === 'whatnot' && item.listingType === 'Buy it Now' && item.priceCents !== null) return 'buy-now';
  const rule = p.pricing[channel].format;
  if (item.priceCents === null) return 'auction';
  if (rule === 'auto') return item.priceCents >= p.pricing.auctionFromCents ? 'auction' : 'buy-now';
  return rule;
}

/** A lot's format and start or fixed price on one channel, by the profile's pricing rules. */
export function channelPrice(item: Item, channel: Channel, p: ShowProfile): ChannelPrice {
  const format = formatFor(item, channel, p);
  if (format === 'auction') {
    const start =
      p.pricing.auctionStart.rule === 'dollar-start' || item.priceCents === null
        ? 100
        : Math.max(100, Math.round((item.priceCents * p.pricing.auctionStart.percent) / 100 / 100) * 100);
    return { format, priceCents: start, timerS: p.auction.timerS, suddenDeath: p.auction.suddenDeath };
  }
  return { format, priceCents: Math.round(((item.priceCents ?? 0) * p.pricing[channel].binPercent) / 100) };
}

/** A lot the seller wants early in the show (stale stock), with a lower start where insights suggests one. */
export interface ForwardLot {
  sku: string;
  /** Suggested start or price; a lot's prices only ever come down to it. */
  startCents?: number;
  /** Said to the host as the lot's first talking point. */
  note: string;
}

/** The forward lots first, in the order given; the rest keep the strategy's order. */
export function bringForward(lots: Item[], forward: readonly ForwardLot[] = []): Item[] {
  if (forward.length === 0) return lots;
  const rank = new Map(forward.map((f, i) => [f.sku, i]));
  const first = lots.filter((l) => rank.has(l.sku)).sort((a, b) => rank.get(a.sku)! - rank.get(b.sku)!);
  return [...first, ...lots.filter((l) => !rank.has(l.sku))];
}

/** Lowers each channel's price to the suggested start (never raises it: a $1 auction stays $1). */
export function lowerToStart(prices: Partial<Record<Channel, ChannelPrice>>, f: ForwardLot | undefined): void {
  if (f?.startCents === undefined) return;
  for (const p of Object.values(prices)) if (p.priceCents > f.startCents) p.priceCents = f.startCents;
}
