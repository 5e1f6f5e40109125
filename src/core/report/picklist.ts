import type { Channel } from '../channel-types.js';
import type { EffectiveSale } from '../show/events.js';
import type { FeeTable } from './fees.js';
import type { ItemInfo } from './report.js';
import { bundleLimit, combineWindowDays, shipByDay } from './shipping.js';

export interface PickLine {
  sku: string;
  title: string;
  location: string;
  quantity: number;
  priceCents: number;
  /** Ship-by day (YYYY-MM-DD) of the earliest order on this line; null when the rules table has none. */
  shipBy: string | null;
  /** The other show this line was bought in (combined shipping), or null for this show. */
  fromShow: string | null;
}

export interface PickBuyer {
  channel: Channel;
  buyer: string;
  lines: PickLine[];
  units: number;
  totalCents: number;
  /** The earliest ship-by day among the buyer's lines: the package ships by then. */
  shipBy: string | null;
  /** Other shows whose orders from this buyer go in the same package. */
  combinedFrom: string[];
  /** Packages needed when the channel caps items per package (Whatnot bundles: 20). */
  packages: number;
}

type PickSale = Pick<EffectiveSale, 'channel' | 'sku' | 'at' | 'quantity' | 'priceCents' | 'buyer' | 'oversell'>;

/** A sale from another show of the same seller, for combined shipping. */
export interface OtherShowSale extends PickSale {
  showId: string;
}

/** Ship-by days and combined shipping, from the fee and rules table, on the seller's clock. */
export interface PickShipping {
  table: FeeTable;
  timeZone: string;
  /** When this show started (or was planned): the combined-shipping window is measured from it. */
  showAt: string;
  others: OtherShowSale[];
}

/** "A2" < "A10" < "B1": the order a person walks the shelves in. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/**
 * What to pack per buyer per channel (buyers are per-channel identities: TikTok shares no
 * emails). Oversold lines are left out (they get cancelled). Sales without a buyer are grouped
 * per channel as "unknown buyer": match them with the platform's order list.
 */
export function buildPicklist(
  sales: EffectiveSale[],
  items: Record<string, ItemInfo>,
  shipping?: PickShipping,
): PickBuyer[] {
  const groups = new Map<string, PickBuyer>();
  const keyOf = (channel: Channel, buyer: string) => `${channel}\u0000${buyer.toLowerCase()}`;
  const add = (s: PickSale, fromShow: string | null) => {
    const buyer = s.buyer?.trim() || '(unknown buyer)';
    const key = keyOf(s.channel, buyer);
    const g = groups.get(key) ?? {
      channel: s.channel,
      buyer,
      lines: [],
      units: 0,
      totalCents: 0,
      shipBy: null,
      combinedFrom: [],
      packages: 1,
    };
    const info = items[s.sku] ?? { title: s.sku, category: '', location: '' };
    const shipBy = shipping ? shipByDay(shipping.table, s.channel, s.at, shipping.timeZone) : null;
    const line = g.lines.find((l) => l.sku === s.sku && l.priceCents === s.priceCents && l.fromShow === fromShow);
    if (line) {
      line.quantity += s.quantity;
      if (shipBy && (!line.shipBy || shipBy < line.shipBy)) line.shipBy = shipBy;
    } else
      g.lines.push({
        sku: s.sku,
        title: info.title,
        location: info.location,
        quantity: s.quantity,
        priceCents: s.priceCents,
        shipBy,
        fromShow,
      });
    if (shipBy && (!g.shipBy || shipBy < g.shipBy)) g.shipBy = shipBy;
    if (fromShow && !g.combinedFrom.includes(fromShow)) g.combinedFrom.push(fromShow);
    g.units += s.quantity;
    g.totalCents += s.quantity * s.priceCents;
    groups.set(key, g);
  };
  for (const s of sales) if (!s.oversell) add(s, null);
  // Another show's orders join a package only for a buyer of this show, inside the channel's window.
  if (shipping) {
    const showMs = Date.parse(shipping.showAt);
    for (const s of shipping.others) {
      if (s.oversell || !s.buyer?.trim() || !groups.has(keyOf(s.channel, s.buyer.trim()))) continue;
      const windowMs = combineWindowDays(shipping.table, s.channel, shipping.showAt) * 86_400_000;
      if (Math.abs(Date.parse(s.at) - showMs) <= windowMs) add(s, s.showId);
    }
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.lines.sort((a, b) => naturalCompare(a.location, b.location) || naturalCompare(a.sku, b.sku));
    const max = shipping ? bundleLimit(shipping.table, g.channel, shipping.showAt) : undefined;
    g.packages = max ? Math.max(1, Math.ceil(g.units / max)) : 1;
  }
  // Buyers ordered by where their first item sits, so packing follows one walk.
  return out.sort(
    (a, b) =>
      naturalCompare(a.lines[0]?.location ?? '', b.lines[0]?.location ?? '') ||
      a.channel.localeCompare(b.channel) ||
      naturalCompare(a.buyer, b.buyer),
  );
}
