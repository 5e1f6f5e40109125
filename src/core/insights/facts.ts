import type { Channel } from '../channel-types.js';
import { replay } from '../live/reducer.js';
import { refundFee, ruleFor, saleFees, type FeeRule, type FeeTable } from '../report/fees.js';
import { cancelledSales } from '../report/report.js';
import type { ShowEvent } from '../show/events.js';
import type { PlanDocument } from '../show/plan-types.js';

/** A closed show as the store holds it: its plan and its journal. */
export interface HistoryShow {
  id: string;
  name: string;
  plan: PlanDocument;
  events: readonly ShowEvent[];
}

/** What insights needs to know about an item (from inventory). */
export interface HistoryItem {
  sku: string;
  title: string;
  category: string;
  brand: string;
  /** The seller's listed price (inventory), per unit. */
  priceCents: number | null;
  /** What the seller paid, per unit; null when the sheet had no cost. */
  costCents: number | null;
  /** Units on hand now. */
  quantity: number;
}

export interface SaleFact {
  showId: string;
  channel: Channel;
  sku: string;
  at: string;
  /** Seconds from the show's start. */
  offsetS: number;
  quantity: number;
  priceCents: number;
  grossCents: number;
  feesCents: number;
  /** Per unit; null when the item has no cost. */
  unitCostCents: number | null;
  listedCents: number | null;
  buyer: string | null;
}

/** A lot as offered in a show: units on the ledger at the start, and its planned slot length. */
export interface OfferFact {
  showId: string;
  sku: string;
  units: number;
  slotS: number;
}

export interface RefundFact {
  showId: string;
  channel: Channel;
  sku: string;
  quantity: number;
  grossCents: number;
  refundFeeCents: number;
}

export interface GiveawayFact {
  showId: string;
  channel: Channel | null;
  winner: string | null;
  sku: string | null;
}

/** One show reduced to facts insights can group any way. */
export interface ShowFacts {
  id: string;
  name: string;
  channels: Channel[];
  startedAt: string;
  airtimeS: number;
  sales: SaleFact[];
  /** Oversold lines: cancelled on the platform, never counted as sales. */
  oversold: number;
  offers: OfferFact[];
  refunds: RefundFact[];
  giveaways: GiveawayFact[];
}

/**
 * Reduces one show to facts: sales as they stand after undo and amendments (the live reducer's
 * replay), fees through the report's own fee function, refunds from cancelled sales (TikTok's
 * refund fee through the report's rule). A show that never went live has no facts (null).
 */
export function showFacts(
  show: HistoryShow,
  items: ReadonlyMap<string, HistoryItem>,
  fees: FeeTable,
): ShowFacts | null {
  const state = replay(show.plan, show.events);
  if (!state.startedAt) return null;
  const startMs = Date.parse(state.startedAt);
  const lastMs = show.events.length ? Date.parse(show.events[show.events.length - 1]!.at) : startMs;
  const endMs = state.endedAt ? Date.parse(state.endedAt) : lastMs;
  const feeDate = state.startedAt;
  const rules = new Map<Channel, FeeRule | undefined>();
  const rule = (c: Channel) => {
    if (!rules.has(c)) rules.set(c, ruleFor(fees, c, feeDate));
    return rules.get(c);
  };
  const item = (sku: string) => items.get(sku);
  const sales: SaleFact[] = [];
  let oversold = 0;
  for (const s of state.sales) {
    if (s.oversell) {
      oversold++;
      continue;
    }
    const it = item(s.sku);
    sales.push({
      showId: show.id,
      channel: s.channel,
      sku: s.sku,
      at: s.at,
      offsetS: Math.max(0, (Date.parse(s.at) - startMs) / 1000),
      quantity: s.quantity,
      priceCents: s.priceCents,
      grossCents: s.priceCents * s.quantity,
      feesCents: saleFees(rule(s.channel), s.priceCents, s.quantity, it?.category ?? '').totalCents,
      unitCostCents: it?.costCents ?? null,
      listedCents: it?.priceCents ?? null,
      buyer: s.buyer?.trim() || null,
    });
  }
  const offers: OfferFact[] = [];
  for (const seg of show.plan.segments) {
    if ((seg.kind !== 'lot' && seg.kind !== 'flash-sale') || !seg.sku) continue;
    const units = state.startStock[seg.sku] ?? seg.quantity ?? 1;
    // A lot with no stock when the show went live was never on offer.
    if (units > 0) offers.push({ showId: show.id, sku: seg.sku, units, slotS: seg.durationS });
  }
  const refunds: RefundFact[] = cancelledSales(show.events)
    .filter((e) => !e.oversell)
    .map((e) => ({
      showId: show.id,
      channel: e.channel,
      sku: e.sku,
      quantity: e.quantity,
      grossCents: e.priceCents * e.quantity,
      refundFeeCents: refundFee(rule(e.channel), e.priceCents) * e.quantity,
    }));
  return {
    id: show.id,
    name: show.plan.show.name,
    channels: show.plan.show.channels,
    startedAt: state.startedAt,
    airtimeS: Math.max(0, (endMs - startMs) / 1000),
    sales,
    oversold,
    offers: dedupeOffers(offers),
    refunds,
    giveaways: state.giveaways.map((g) => ({ showId: show.id, channel: g.channel, winner: g.winner, sku: g.sku })),
  };
}

/** A SKU planned in two slots is one offer of its units (the ledger has one stock per SKU). */
function dedupeOffers(offers: OfferFact[]): OfferFact[] {
  const bySku = new Map<string, OfferFact>();
  for (const o of offers) {
    const seen = bySku.get(o.sku);
    if (seen) seen.slotS += o.slotS;
    else bySku.set(o.sku, { ...o });
  }
  return [...bySku.values()];
}
