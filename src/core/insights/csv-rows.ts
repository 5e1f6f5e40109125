import { centsToDecimal } from '../money.js';
import type { Buyer } from './buyers.js';
import type { Insights } from './insights.js';
import type { Metrics } from './metrics.js';
import { clean } from './render-text.js';

const dec = (c: number | null) => (c === null ? '' : centsToDecimal(c));
const num = (n: number | null) => (n === null ? '' : String(n));

const METRIC_COLUMNS = [
  'orders',
  'units',
  'gross',
  'fees',
  'cost',
  'units_missing_cost',
  'profit',
  'margin_percent',
  'units_offered',
  'sell_through_percent',
  'avg_sale',
  'avg_listed',
  'sale_to_list_percent',
  'hours_on_air',
  'gross_per_hour',
  'refunds',
] as const;

function metricRow(m: Metrics): string[] {
  return [
    String(m.orders),
    String(m.units),
    dec(m.grossCents),
    dec(m.feesCents),
    dec(m.costCents),
    String(m.unitsMissingCost),
    dec(m.profitCents),
    num(m.marginPercent),
    String(m.unitsOffered),
    num(m.sellThroughPercent),
    dec(m.avgSaleCents),
    dec(m.avgListedCents),
    num(m.saleToListPercent),
    (m.airtimeS / 3600).toFixed(2),
    dec(m.grossPerHourCents),
    String(m.refunds),
  ];
}

/**
 * Seller text is cleaned of control characters (a CSV printed to a terminal stays text).
 * One row per group (section = total, channel, show, category, brand, price_band, lot), the
 * same columns for each; an empty profit means some units had no cost (units_missing_cost).
 */
export function insightsCsvRows(r: Insights): string[][] {
  const rows: string[][] = [['section', 'key', 'name', ...METRIC_COLUMNS]];
  const add = (section: string, key: string, name: string, m: Metrics) =>
    rows.push([section, clean(key), clean(name), ...metricRow(m)]);
  add('total', 'all', 'All shows', r.totals);
  for (const c of r.byChannel) add('channel', c.channel, c.channel, c);
  for (const s of r.byShow) add('show', s.id, s.name, s);
  for (const c of r.byCategory) add('category', c.category, c.category, c);
  for (const b of r.byBrand) add('brand', b.brand, b.brand, b);
  for (const b of r.byPriceBand) add('price_band', b.band, b.band, b);
  for (const l of [...r.bestLots, ...r.worstLots]) add('lot', l.sku, l.title, l);
  return rows;
}

export function buyersCsvRows(buyers: Buyer[]): string[][] {
  return [
    [
      'channel',
      'handle',
      'orders',
      'units',
      'spend',
      'first_purchase',
      'last_purchase',
      'giveaway_wins',
      'shows_attended',
      'repeat',
    ],
    ...buyers.map((b) => [
      b.channel ?? '',
      clean(b.handle),
      String(b.orders),
      String(b.units),
      centsToDecimal(b.spendCents),
      b.firstPurchaseAt ?? '',
      b.lastPurchaseAt ?? '',
      String(b.giveawayWins),
      String(b.showsAttended),
      b.repeat ? 'yes' : 'no',
    ]),
  ];
}
