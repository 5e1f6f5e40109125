import type { Channel } from '../channel-types.js';
import type { ShowFacts } from './facts.js';

/**
 * One buyer identity: a handle on one channel. TikTok shares no emails, so the same person on
 * two platforms cannot be matched for sure: the roster lists each channel's handle on its own
 * row, side by side in one list, instead of guessing.
 */
export interface Buyer {
  /** The channel; null for a giveaway winner recorded without one (and who never bought). */
  channel: Channel | null;
  handle: string;
  orders: number;
  units: number;
  spendCents: number;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  giveawayWins: number;
  /** Shows this buyer bought in or won a giveaway in. */
  showsAttended: number;
  /** Bought in two shows or more. */
  repeat: boolean;
}

export interface BuyerRoster {
  buyers: Buyer[];
  repeatBuyers: number;
  /** Sales recorded without a buyer handle (not in the roster). */
  salesWithoutBuyer: number;
}

interface Acc extends Omit<Buyer, 'showsAttended' | 'repeat'> {
  shows: Set<string>;
  boughtIn: Set<string>;
}

const norm = (h: string) => h.trim().toLowerCase();

/** The roster across shows and channels, best customers first (spend, then orders, then handle). */
export function buyerRoster(shows: ShowFacts[]): BuyerRoster {
  const byKey = new Map<string, Acc>();
  let salesWithoutBuyer = 0;
  const acc = (channel: Channel | null, handle: string): Acc => {
    const key = `${channel ?? ''}\u0000${norm(handle)}`;
    let a = byKey.get(key);
    if (!a) {
      a = {
        channel,
        handle: handle.trim(),
        orders: 0,
        units: 0,
        spendCents: 0,
        firstPurchaseAt: null,
        lastPurchaseAt: null,
        giveawayWins: 0,
        shows: new Set(),
        boughtIn: new Set(),
      };
      byKey.set(key, a);
    }
    return a;
  };
  for (const show of shows) {
    for (const s of show.sales) {
      if (!s.buyer) {
        salesWithoutBuyer++;
        continue;
      }
      const a = acc(s.channel, s.buyer);
      a.orders++;
      a.units += s.quantity;
      a.spendCents += s.grossCents;
      if (a.firstPurchaseAt === null || s.at < a.firstPurchaseAt) a.firstPurchaseAt = s.at;
      if (a.lastPurchaseAt === null || s.at > a.lastPurchaseAt) a.lastPurchaseAt = s.at;
      a.shows.add(show.id);
      a.boughtIn.add(show.id);
    }
    for (const g of show.giveaways) {
      if (!g.winner?.trim()) continue;
      // A win recorded without a channel goes to the handle's identity when the show has one channel
      // or the handle bought on exactly one channel; otherwise it stays channel-less.
      const channel = g.channel ?? winnerChannel(show, g.winner);
      const a = acc(channel, g.winner);
      a.giveawayWins++;
      a.shows.add(show.id);
    }
  }
  const buyers = [...byKey.values()]
    .map(({ shows, boughtIn, ...b }) => ({ ...b, showsAttended: shows.size, repeat: boughtIn.size >= 2 }))
    .sort(
      (a, b) =>
        b.spendCents - a.spendCents ||
        b.orders - a.orders ||
        a.handle.localeCompare(b.handle) ||
        (a.channel ?? '').localeCompare(b.channel ?? ''),
    );
  return { buyers, repeatBuyers: buyers.filter((b) => b.repeat).length, salesWithoutBuyer };
}

function winnerChannel(show: ShowFacts, winner: string): Channel | null {
  if (show.channels.length === 1) return show.channels[0]!;
  const channels = new Set(show.sales.filter((s) => s.buyer && norm(s.buyer) === norm(winner)).map((s) => s.channel));
  return channels.size === 1 ? [...channels][0]! : null;
}
