import type { Channel } from '../channel-types.js';
import type { EffectiveSale } from '../show/events.js';
import type { ItemInfo } from './report.js';

export interface PickLine {
  sku: string;
  title: string;
  location: string;
  quantity: number;
  priceCents: number;
}

export interface PickBuyer {
  channel: Channel;
  buyer: string;
  lines: PickLine[];
  units: number;
  totalCents: number;
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
export function buildPicklist(sales: EffectiveSale[], items: Record<string, ItemInfo>): PickBuyer[] {
  const groups = new Map<string, PickBuyer>();
  for (const s of sales) {
    if (s.oversell) continue;
    const buyer = s.buyer?.trim() || '(unknown buyer)';
    const key = `${s.channel}\u0000${buyer.toLowerCase()}`;
    const g = groups.get(key) ?? { channel: s.channel, buyer, lines: [], units: 0, totalCents: 0 };
    const info = items[s.sku] ?? { title: s.sku, category: '', location: '' };
    const line = g.lines.find((l) => l.sku === s.sku && l.priceCents === s.priceCents);
    if (line) line.quantity += s.quantity;
    else
      g.lines.push({
        sku: s.sku,
        title: info.title,
        location: info.location,
        quantity: s.quantity,
        priceCents: s.priceCents,
      });
    g.units += s.quantity;
    g.totalCents += s.quantity * s.priceCents;
    groups.set(key, g);
  }
  const out = [...groups.values()];
  for (const g of out) g.lines.sort((a, b) => naturalCompare(a.location, b.location) || naturalCompare(a.sku, b.sku));
  // Buyers ordered by where their first item sits, so packing follows one walk.
  return out.sort(
    (a, b) =>
      naturalCompare(a.lines[0]?.location ?? '', b.lines[0]?.location ?? '') ||
      a.channel.localeCompare(b.channel) ||
      naturalCompare(a.buyer, b.buyer),
  );
}
