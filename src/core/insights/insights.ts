import type { Channel } from '../channel-types.js';
import { buyerRoster, type Buyer } from './buyers.js';
import type { HistoryItem, ShowFacts } from './facts.js';
import { entry, MetricsAcc, type Metrics } from './metrics.js';
import { staleStock, type LotOffers, type StaleItem } from './stale.js';
import { whenToGoLive, type WhenToGoLive } from './timing.js';

/** The JSON document `lotcast insights --format json` prints; additive changes keep the version. */
export const INSIGHTS_SCHEMA = 'lotcast.insights/1';

export interface InsightsFilter {
  /** ISO instant: shows that started at or after it. */
  since?: string;
  /** ISO instant: shows that started before it. */
  until?: string;
  shows?: string[];
  channel?: Channel;
  categories?: string[];
}

export interface InsightsOptions {
  filter: InsightsFilter;
  /** IANA zone for weekdays and hours (the seller's clock). */
  timeZone: string;
  /** An item offered in this many shows without a sale is stale. */
  staleAfter: number;
  /** Timing figures resting on fewer shows are not picked as the best. */
  minShows: number;
  feesSource: string;
}

export interface LotRow extends Metrics {
  sku: string;
  title: string;
  category: string;
}

export interface Insights {
  schema: typeof INSIGHTS_SCHEMA;
  filter: {
    since: string | null;
    until: string | null;
    shows: string[];
    channel: Channel | null;
    categories: string[];
  };
  timeZone: string;
  staleAfter: number;
  fees: { source: string; note: string };
  totals: Metrics;
  byShow: Array<{ id: string; name: string; startedAt: string } & Metrics>;
  byChannel: Array<{ channel: Channel } & Metrics>;
  byCategory: Array<{ category: string } & Metrics>;
  byBrand: Array<{ brand: string } & Metrics>;
  byPriceBand: Array<{ band: string } & Metrics>;
  bestLots: LotRow[];
  worstLots: LotRow[];
  stale: StaleItem[];
  whenToGoLive: WhenToGoLive;
  buyers: { count: number; repeatBuyers: number; salesWithoutBuyer: number; top: Buyer[] };
}

/** Price bands by the listed (inventory) price per unit. */
export const PRICE_BANDS: ReadonlyArray<{ band: string; belowCents: number }> = [
  { band: 'under $10', belowCents: 1000 },
  { band: '$10-25', belowCents: 2500 },
  { band: '$25-50', belowCents: 5000 },
  { band: '$50-100', belowCents: 10000 },
  { band: '$100 and up', belowCents: Number.POSITIVE_INFINITY },
];
const NO_PRICE = 'no listed price';

export function priceBand(cents: number | null): string {
  if (cents === null) return NO_PRICE;
  return PRICE_BANDS.find((b) => cents < b.belowCents)!.band;
}

/** Applies the filters: which shows, and within them which sales, refunds and lots count. */
export function filterFacts(
  shows: ShowFacts[],
  items: ReadonlyMap<string, HistoryItem>,
  f: InsightsFilter,
): ShowFacts[] {
  const since = f.since ? Date.parse(f.since) : Number.NEGATIVE_INFINITY;
  const until = f.until ? Date.parse(f.until) : Number.POSITIVE_INFINITY;
  const ids = f.shows?.length ? new Set(f.shows.map((s) => s.toLowerCase())) : null;
  const cats = f.categories?.length ? new Set(f.categories.map((c) => c.toLowerCase())) : null;
  const inCat = (sku: string) => !cats || cats.has((items.get(sku)?.category ?? '').toLowerCase());
  const onChannel = (c: Channel | null) => !f.channel || c === f.channel;
  return shows
    .filter((s) => {
      const t = Date.parse(s.startedAt);
      return (
        t >= since &&
        t < until &&
        (!ids || ids.has(s.id.toLowerCase())) &&
        (!f.channel || s.channels.includes(f.channel))
      );
    })
    .map((s) =>
      !f.channel && !cats
        ? s
        : {
            ...s,
            channels: f.channel ? [f.channel] : s.channels,
            sales: s.sales.filter((x) => onChannel(x.channel) && inCat(x.sku)),
            refunds: s.refunds.filter((x) => onChannel(x.channel) && inCat(x.sku)),
            offers: s.offers.filter((x) => inCat(x.sku)),
            giveaways: s.giveaways.filter((g) => g.channel === null || onChannel(g.channel)),
          },
    );
}

/**
 * Everything `lotcast insights` says, from facts of closed shows: pure (time zone and options
 * are arguments), so every figure is a table test.
 */
export function buildInsights(
  all: ShowFacts[],
  items: ReadonlyMap<string, HistoryItem>,
  opts: InsightsOptions,
): Insights {
  const shows = filterFacts(all, items, opts.filter).sort(
    (a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id),
  );
  const info = (sku: string) => items.get(sku);
  const totals = new MetricsAcc();
  const byShow = new Map<string, MetricsAcc>();
  const byChannel = new Map<Channel, MetricsAcc>();
  const groups = { category: new Groups(), brand: new Groups(), band: new Groups() };
  const lots = new Map<string, MetricsAcc>();
  const lotOffers = new Map<string, LotOffers>();
  const get = <K>(m: Map<K, MetricsAcc>, k: K) => entry(m, k, () => new MetricsAcc());
  // The groups a SKU counts in, found once per SKU (20,000 sales touch a few thousand SKUs).
  const keyedBySku = new Map<string, MetricsAcc[]>();
  const keyed = (sku: string) =>
    entry(keyedBySku, sku, () => {
      const it = info(sku);
      return [
        groups.category.get(it?.category ?? ''),
        groups.brand.get(it?.brand ?? ''),
        groups.band.get(priceBand(it?.priceCents ?? null)),
        get(lots, sku),
      ];
    });
  for (const s of shows) {
    const show = get(byShow, s.id);
    show.onAir(s.id, s.airtimeS);
    totals.onAir(s.id, s.airtimeS);
    for (const c of s.channels) get(byChannel, c).onAir(s.id, s.airtimeS);
    for (const o of s.offers) {
      show.offer(o, false);
      totals.offer(o, false);
      for (const c of s.channels) get(byChannel, c).offer(o, false);
      for (const g of keyed(o.sku)) g.offer(o);
      const lo = lotOffers.get(o.sku) ?? { sku: o.sku, showsOffered: 0, unitsSold: 0, lastOfferedAt: s.startedAt };
      lo.showsOffered++;
      lo.lastOfferedAt = s.startedAt;
      lotOffers.set(o.sku, lo);
    }
    for (const x of s.sales) {
      show.sale(x);
      totals.sale(x);
      get(byChannel, x.channel).sale(x);
      for (const a of keyed(x.sku)) a.sale(x);
      const lo = lotOffers.get(x.sku);
      if (lo) lo.unitsSold += x.quantity;
    }
    for (const r of s.refunds) for (const a of [show, totals, get(byChannel, r.channel), ...keyed(r.sku)]) a.refund(r);
  }
  const lotRows = [...lots.entries()]
    .filter(([, a]) => a.unitsSold > 0)
    .map(([sku, a]) => ({
      sku,
      title: info(sku)?.title ?? sku,
      category: info(sku)?.category ?? '',
      ...a.finish(),
    }));
  // Ranked by profit where every unit has a cost, else by what is left after fees and known cost.
  const rank = (l: LotRow) => l.profitCents ?? l.costedProfitCents;
  const best = [...lotRows].sort((a, b) => rank(b) - rank(a) || a.sku.localeCompare(b.sku)).slice(0, 5);
  const bestSkus = new Set(best.map((l) => l.sku));
  const worst = lotRows
    .filter((l) => !bestSkus.has(l.sku))
    .sort((a, b) => rank(a) - rank(b) || a.sku.localeCompare(b.sku))
    .slice(0, 5);
  const categoryRows = groups.category.rows();
  const categoryAvg = new Map(
    categoryRows.flatMap((c) => (c.avgSaleCents === null ? [] : [[c.key.toLowerCase(), c.avgSaleCents] as const])),
  );
  const roster = buyerRoster(shows);
  return {
    schema: INSIGHTS_SCHEMA,
    filter: {
      since: opts.filter.since ?? null,
      until: opts.filter.until ?? null,
      shows: opts.filter.shows ?? [],
      channel: opts.filter.channel ?? null,
      categories: opts.filter.categories ?? [],
    },
    timeZone: opts.timeZone,
    staleAfter: opts.staleAfter,
    fees: {
      source: opts.feesSource,
      note: 'Fees use the same dated fee table and math as `lotcast report`, on the item price (shipping and tax are not known to lotcast).',
    },
    totals: totals.finish(),
    byShow: shows.map((s) => ({ id: s.id, name: s.name, startedAt: s.startedAt, ...byShow.get(s.id)!.finish() })),
    byChannel: [...byChannel.entries()]
      .map(([channel, a]) => ({ channel, ...a.finish() }))
      .sort((a, b) => a.channel.localeCompare(b.channel)),
    byCategory: categoryRows.map(({ key, ...m }) => ({ category: key, ...m })),
    byBrand: groups.brand.rows().map(({ key, ...m }) => ({ brand: key, ...m })),
    byPriceBand: groups.band
      .rows()
      .map(({ key, ...m }) => ({ band: key, ...m }))
      .sort((a, b) => bandOrder(a.band) - bandOrder(b.band)),
    bestLots: best,
    worstLots: worst,
    stale: staleStock([...lotOffers.values()], items, opts.staleAfter, categoryAvg),
    whenToGoLive: whenToGoLive(shows, opts.timeZone, opts.minShows),
    buyers: {
      count: roster.buyers.length,
      repeatBuyers: roster.repeatBuyers,
      salesWithoutBuyer: roster.salesWithoutBuyer,
      top: roster.buyers.slice(0, 10),
    },
  };
}

const bandOrder = (band: string) => {
  const i = PRICE_BANDS.findIndex((b) => b.band === band);
  return i < 0 ? PRICE_BANDS.length : i;
};

/** Groups by a seller-typed value, case-insensitively, named as first seen ("(none)" when empty). */
class Groups {
  private readonly map = new Map<string, { key: string; acc: MetricsAcc }>();
  get(raw: string): MetricsAcc {
    const key = raw.trim() || '(none)';
    return entry(this.map, key.toLowerCase(), () => ({ key, acc: new MetricsAcc() })).acc;
  }
  rows(): Array<{ key: string } & Metrics> {
    return [...this.map.values()]
      .map(({ key, acc }) => ({ key, ...acc.finish() }))
      .sort((a, b) => b.grossCents - a.grossCents || a.key.localeCompare(b.key));
  }
}
