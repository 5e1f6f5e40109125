import type { Channel } from '../channel-types.js';
import { replay } from '../live/reducer.js';
import { refundFee, ruleFor, saleFees, type FeeRule, type FeeTable } from '../report/fees.js';
import { cancelledSales } from '../report/report.js';
import type { ShowEvent } from '../show/events.js';
import type { PlanDocument } from '../show/plan-types.js';

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
 * What a closed show sold, as the live reducer's replay leaves it (after undo, amendments and
 * cancellations), without any money math: closed shows never change, so this is stored once per
 * show (table show_summaries) and insights never replays 200 journals. Item costs, categories and
 * the fee table may change later, so money is computed from it each time (showFacts).
 */
export interface ShowSummary {
  version: typeof SUMMARY_VERSION;
  channels: Channel[];
  startedAt: string;
  endedAt: string | null;
  lastEventAt: string;
  sales: Array<{
    channel: Channel;
    sku: string;
    at: string;
    quantity: number;
    priceCents: number;
    buyer: string | null;
  }>;
  oversold: number;
  offers: Array<{ sku: string; units: number; slotS: number }>;
  /** Sales the platform cancelled after they were made (refunds), oversold ones excluded. */
  cancelled: Array<{ channel: Channel; sku: string; quantity: number; priceCents: number }>;
  giveaways: Array<{ channel: Channel | null; winner: string | null; sku: string | null }>;
}

export const SUMMARY_VERSION = 1;

/** A show's summary from its plan and journal; null when it never went live. */
export function summarizeShow(plan: PlanDocument, events: readonly ShowEvent[]): ShowSummary | null {
  const state = replay(plan, events);
  if (!state.startedAt) return null;
  const offers: ShowSummary['offers'] = [];
  for (const seg of plan.segments) {
    if ((seg.kind !== 'lot' && seg.kind !== 'flash-sale') || !seg.sku) continue;
    const units = state.startStock[seg.sku] ?? seg.quantity ?? 1;
    // A lot with no stock when the show went live was never on offer.
    if (units > 0) offers.push({ sku: seg.sku, units, slotS: seg.durationS });
  }
  return {
    version: SUMMARY_VERSION,
    channels: plan.show.channels,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    lastEventAt: events.at(-1)?.at ?? state.startedAt,
    sales: state.sales
      .filter((x) => !x.oversell)
      .map((x) => ({
        channel: x.channel,
        sku: x.sku,
        at: x.at,
        quantity: x.quantity,
        priceCents: x.priceCents,
        buyer: x.buyer?.trim() || null,
      })),
    oversold: state.sales.filter((x) => x.oversell).length,
    offers: dedupeOffers(offers),
    cancelled: cancelledSales(events)
      .filter((e) => !e.oversell)
      .map((e) => ({ channel: e.channel, sku: e.sku, quantity: e.quantity, priceCents: e.priceCents })),
    giveaways: state.giveaways.map((g) => ({ channel: g.channel, winner: g.winner, sku: g.sku })),
  };
}

/**
 * A show's facts with money: fees through the report's own fee function and rule for the
 * show's date, refunds with TikTok's refund fee, item cost and listed price from inventory now.
 */
export function showFacts(
  id: string,
  name: string,
  sum: ShowSummary,
  items: ReadonlyMap<string, HistoryItem>,
  fees: FeeTable,
): ShowFacts {
  const startMs = Date.parse(sum.startedAt);
  const endMs = Date.parse(sum.endedAt ?? sum.lastEventAt);
  const rules = new Map<Channel, FeeRule | undefined>();
  const rule = (c: Channel) => {
    if (!rules.has(c)) rules.set(c, ruleFor(fees, c, sum.startedAt));
    return rules.get(c);
  };
  const sales: SaleFact[] = sum.sales.map((s) => {
    const it = items.get(s.sku);
    return {
      showId: id,
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
      buyer: s.buyer,
    };
  });
  return {
    id,
    name,
    channels: sum.channels,
    startedAt: sum.startedAt,
    airtimeS: Math.max(0, (endMs - startMs) / 1000),
    sales,
    oversold: sum.oversold,
    offers: sum.offers.map((o) => ({ showId: id, ...o })),
    refunds: sum.cancelled.map((e) => ({
      showId: id,
      channel: e.channel,
      sku: e.sku,
      quantity: e.quantity,
      grossCents: e.priceCents * e.quantity,
      refundFeeCents: refundFee(rule(e.channel), e.priceCents) * e.quantity,
    })),
    giveaways: sum.giveaways.map((g) => ({ showId: id, ...g })),
  };
}

/** A SKU planned in two slots is one offer of its units (the ledger has one stock per SKU). */
function dedupeOffers(offers: ShowSummary['offers']): ShowSummary['offers'] {
  const bySku = new Map<string, ShowSummary['offers'][number]>();
  for (const o of offers) {
    const seen = bySku.get(o.sku);
    if (seen) seen.slotS += o.slotS;
    else bySku.set(o.sku, { ...o });
  }
  return [...bySku.values()];
}
