import type { Channel } from '../channel-types.js';
import { replay } from '../live/reducer.js';
import type { EffectiveSale, ShowEvent } from '../show/events.js';
import type { PlanDocument } from '../show/plan-types.js';
import { refundFee, ruleFor, saleFees, type FeeBreakdown, type FeeTable } from './fees.js';

export const REPORT_SCHEMA = 'lotcast.report/1';

export interface ItemInfo {
  title: string;
  category: string;
  location: string;
}

export interface ReportSale extends EffectiveSale {
  title: string;
  location: string;
  /** Seconds from the show start. */
  streamS: number;
  fees: FeeBreakdown;
  netCents: number;
}

export interface ChannelReport {
  orders: number;
  units: number;
  grossCents: number;
  commissionCents: number;
  processingCents: number;
  referralCents: number;
  refundFeeCents: number;
  feesCents: number;
  netCents: number;
  cancelled: number;
  oversold: number;
}

export interface ShowReport {
  schema: typeof REPORT_SCHEMA;
  show: {
    id: string;
    name: string;
    startedAt: string | null;
    endedAt: string | null;
    durationS: number;
    channels: Channel[];
  };
  fees: { source: string; rules: Array<{ channel: Channel; effectiveFrom: string; source: string }>; note: string };
  channels: Partial<Record<Channel, ChannelReport>>;
  totals: ChannelReport;
  sellThrough: {
    lotsPlanned: number;
    lotsSold: number;
    unitsPlanned: number;
    unitsSold: number;
    lotPercent: number;
    unitPercent: number;
  };
  averagePricePerLotCents: number;
  bestLots: Array<{ label: string; sku: string; title: string; units: number; grossCents: number }>;
  unsold: Array<{ sku: string; title: string; quantity: number; location: string }>;
  perMinute: Array<{ minute: number; orders: number; grossCents: number }>;
  spikes: Array<{
    minute: number;
    streamTime: string;
    orders: number;
    grossCents: number;
    lot: { label: string; title: string; sku: string | null } | null;
  }>;
  toCancel: Array<{ saleId: string; channel: Channel; sku: string; buyer: string | null; orderId: string | null }>;
  sales: ReportSale[];
}

const empty = (): ChannelReport => ({
  orders: 0,
  units: 0,
  grossCents: 0,
  commissionCents: 0,
  processingCents: 0,
  referralCents: 0,
  refundFeeCents: 0,
  feesCents: 0,
  netCents: 0,
  cancelled: 0,
  oversold: 0,
});

export function streamTime(s: number): string {
  const m = Math.floor(s / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}h${String(m % 60).padStart(2, '0')}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
}

/**
 * The after-show report: pure, from the plan, the journal, item details and a fee table.
 * Oversold lines are not counted in gross (they are cancelled on the platform) and are listed
 * to cancel; cancelled lines carry TikTok's refund fee where the table has one.
 */
export function buildReport(
  plan: PlanDocument,
  events: ShowEvent[],
  items: Record<string, ItemInfo>,
  fees: FeeTable,
  feesSource: string,
): ShowReport {
  const state = replay(plan, events);
  const startMs = state.startedAt ? Date.parse(state.startedAt) : Date.parse(events[0]?.at ?? plan.createdAt);
  const feeDate = state.startedAt ?? plan.show.startAt ?? plan.createdAt;
  const channels: Partial<Record<Channel, ChannelReport>> = {};
  for (const c of plan.show.channels) channels[c] = empty();
  const ch = (c: Channel) => (channels[c] ??= empty());
  const info = (sku: string): ItemInfo => items[sku] ?? { title: sku, category: '', location: '' };

  const sales: ReportSale[] = [];
  for (const s of state.sales) {
    const rule = ruleFor(fees, s.channel, feeDate);
    const fee = saleFees(rule, s.priceCents, s.quantity, info(s.sku).category);
    const gross = s.priceCents * s.quantity;
    const sale: ReportSale = {
      ...s,
      title: info(s.sku).title,
      location: info(s.sku).location,
      streamS: Math.max(0, (Date.parse(s.at) - startMs) / 1000),
      fees: s.oversell ? { commissionCents: 0, processingCents: 0, referralCents: 0, totalCents: 0 } : fee,
      netCents: s.oversell ? 0 : gross - fee.totalCents,
    };
    sales.push(sale);
    const r = ch(s.channel);
    if (s.oversell) {
      r.oversold++;
      continue;
    }
    r.orders++;
    r.units += s.quantity;
    r.grossCents += gross;
    r.commissionCents += fee.commissionCents;
    r.processingCents += fee.processingCents;
    r.referralCents += fee.referralCents;
  }
  // Cancelled lines (after the live show's own undo): TikTok keeps a refund fee.
  for (const orig of cancelledSales(events)) {
    const r = ch(orig.channel);
    r.cancelled++;
    if (!orig.oversell)
      r.refundFeeCents += refundFee(ruleFor(fees, orig.channel, feeDate), orig.priceCents) * orig.quantity;
  }
  for (const r of Object.values(channels)) {
    r.feesCents = r.commissionCents + r.processingCents + r.referralCents + r.refundFeeCents;
    r.netCents = r.grossCents - r.feesCents;
  }
  const totals = Object.values(channels).reduce((t, r) => {
    for (const k of Object.keys(t) as Array<keyof ChannelReport>) t[k] += r[k];
    return t;
  }, empty());

  const lots = plan.segments.filter((s) => (s.kind === 'lot' || s.kind === 'flash-sale') && s.sku);
  const sold = new Map<string, { units: number; gross: number }>();
  for (const s of sales) {
    if (s.oversell) continue;
    const v = sold.get(s.sku) ?? { units: 0, gross: 0 };
    sold.set(s.sku, { units: v.units + s.quantity, gross: v.gross + s.priceCents * s.quantity });
  }
  const lotsSold = lots.filter((l) => sold.has(l.sku!)).length;
  const unitsPlanned = lots.reduce((n, l) => n + (l.quantity ?? 1), 0);
  const unitsSold = lots.reduce((n, l) => n + Math.min(l.quantity ?? 1, sold.get(l.sku!)?.units ?? 0), 0);
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);

  const minutes = Math.max(
    1,
    Math.ceil(
      ((state.endedAt ? Date.parse(state.endedAt) : Math.max(startMs, ...sales.map((s) => Date.parse(s.at)))) -
        startMs) /
        60000,
    ),
  );
  const perMinute = Array.from({ length: minutes }, (_, minute) => ({ minute, orders: 0, grossCents: 0 }));
  for (const s of sales) {
    if (s.oversell) continue;
    const m = perMinute[Math.min(minutes - 1, Math.floor(s.streamS / 60))]!;
    m.orders++;
    m.grossCents += s.priceCents * s.quantity;
  }
  const spikes = detectSpikes(perMinute).map((m) => {
    const inMinute = sales.filter((s) => !s.oversell && Math.floor(s.streamS / 60) === m.minute);
    const seg = inMinute
      .map((s) => (s.segmentIndex === null ? undefined : plan.segments[s.segmentIndex]))
      .find(Boolean);
    return {
      ...m,
      streamTime: streamTime(m.minute * 60),
      lot: seg ? { label: seg.label, title: seg.title, sku: seg.sku ?? null } : null,
    };
  });

  return {
    schema: REPORT_SCHEMA,
    show: {
      id: plan.show.id,
      name: plan.show.name,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      durationS: Math.round(minutes * 60),
      channels: plan.show.channels,
    },
    fees: {
      source: feesSource,
      rules: plan.show.channels.flatMap((c) => {
        const r = ruleFor(fees, c, feeDate);
        return r ? [{ channel: c, effectiveFrom: r.effectiveFrom, source: r.source ?? '' }] : [];
      }),
      note: 'Fees are computed on the item price; shipping and tax are not known to lotcast, so processing fees on them are not included.',
    },
    channels,
    totals,
    sellThrough: {
      lotsPlanned: lots.length,
      lotsSold,
      unitsPlanned,
      unitsSold,
      lotPercent: pct(lotsSold, lots.length),
      unitPercent: pct(unitsSold, unitsPlanned),
    },
    averagePricePerLotCents: lotsSold ? Math.round(totals.grossCents / lotsSold) : 0,
    bestLots: lots
      .filter((l) => sold.has(l.sku!))
      .map((l) => ({
        label: l.label,
        sku: l.sku!,
        title: l.title,
        units: sold.get(l.sku!)!.units,
        grossCents: sold.get(l.sku!)!.gross,
      }))
      .sort((a, b) => b.grossCents - a.grossCents)
      .slice(0, 5),
    unsold: [
      ...lots
        .filter((l) => !sold.has(l.sku!))
        .map((l) => ({
          sku: l.sku!,
          title: l.title,
          quantity: state.stock[l.sku!] ?? l.quantity ?? 1,
          location: l.location ?? '',
        })),
      ...plan.carried.map((c) => ({
        sku: c.sku,
        title: c.title,
        quantity: c.quantity,
        location: info(c.sku).location,
      })),
    ],
    perMinute,
    spikes,
    toCancel: sales
      .filter((s) => s.oversell)
      .map((s) => ({ saleId: s.saleId, channel: s.channel, sku: s.sku, buyer: s.buyer, orderId: s.orderId ?? null })),
    sales,
  };
}

/**
 * A minute is a spike when it has at least 2 orders and its gross is at least twice the
 * median minute and above median + 3 x 1.4826 x MAD (a robust z-score of 3).
 */
export function detectSpikes<T extends { orders: number; grossCents: number }>(minutes: T[]): T[] {
  const values = minutes.map((m) => m.grossCents).sort((a, b) => a - b);
  const median = (xs: number[]) =>
    xs.length === 0 ? 0 : xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2;
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)).sort((a, b) => a - b));
  const threshold = Math.max(2 * med, med + 3 * 1.4826 * mad);
  return minutes.filter((m) => m.orders >= 2 && m.grossCents > 0 && m.grossCents >= threshold && m.grossCents > med);
}

type RecordedSale = Extract<ShowEvent, { type: 'sale.recorded' }>;

/**
 * The sales a platform cancelled after the show (refunds): each `sale.cancelled` that no undo
 * reversed, with the sale it cancels (also not undone). The report and insights both read them here.
 */
export function cancelledSales(events: readonly ShowEvent[]): RecordedSale[] {
  const undone = new Set<number>();
  for (const e of events) if (e.type === 'action.undone') undone.add(e.eventId);
  const recorded = new Map<string, RecordedSale>();
  for (const e of events) if (e.type === 'sale.recorded' && !undone.has(e.id)) recorded.set(e.saleId, e);
  const out: RecordedSale[] = [];
  for (const e of events) {
    if (e.type !== 'sale.cancelled' || undone.has(e.id)) continue;
    const orig = recorded.get(e.saleId);
    if (orig) out.push(orig);
  }
  return out;
}
