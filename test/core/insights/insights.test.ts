import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buyerRoster } from '../../../src/core/insights/buyers.js';
import {
  showFacts as factsOf,
  summarizeShow,
  type HistoryItem,
  type ShowFacts,
} from '../../../src/core/insights/facts.js';
import { buildInsights, priceBand, type InsightsOptions } from '../../../src/core/insights/insights.js';
import { MetricsAcc, percent, roundCents } from '../../../src/core/insights/metrics.js';
import { staleStock, suggest } from '../../../src/core/insights/stale.js';
import { localWeekdayHour } from '../../../src/core/insights/timing.js';
import { validateFeeTable, type FeeTable } from '../../../src/core/report/fees.js';
import { buildReport } from '../../../src/core/report/report.js';
import { repoRoot } from '../../helpers/cli.js';
import { END, ITEMS, sale, scriptedShow } from './history.js';

const fees = validateFeeTable(JSON.parse(readFileSync(join(repoRoot, 'templates/fees.json'), 'utf8')))
  .table as FeeTable;

// Sunday 14:00 in New York (19:00 UTC): whatnot and tiktok sales, one in the 20th minute.
const s1 = scriptedShow('s1', '2026-11-22T19:00:00.000Z', [
  [60, sale('a1', 'A', 'whatnot', 6000, '@jane')],
  [120, sale('b1', 'B', 'tiktok', 2500, 'tt_1')],
  [1200, sale('b2', 'B', 'whatnot', 2000, '@jane', 2)],
  [3600, END],
]);
// Tuesday: an item without a cost, a TikTok refund, an amended price, an oversell, an undone sale, a giveaway.
const s2 = scriptedShow(
  's2',
  '2026-11-24T19:00:00.000Z',
  [
    [30, sale('c1', 'C', 'whatnot', 1000, '@bob')],
    [60, sale('x2', 'B', 'tiktok', 3000, 'tt_2')],
    [90, { type: 'sale.cancelled', saleId: 'x2', reason: 'buyer asked' }],
    [100, sale('a2', 'A', 'whatnot', 7000, '@amy')],
    [110, { type: 'sale.amended', saleId: 'a2', priceCents: 6500 }],
    [120, sale('a3', 'A', 'tiktok', 7000, 'tt_3')],
    [130, sale('b3', 'B', 'whatnot', 100, '@eve')],
    [131, { type: 'action.undone', eventId: -7 }],
    [200, { type: 'giveaway.recorded', sku: 'GIFT', channel: 'whatnot', winner: '@bob', segmentIndex: 4 }],
    [1800, END],
  ],
  { stock: { A: 1, B: 1, C: 1, GIFT: 5 } },
);
// The next Sunday, same hour: Jane comes back (another case).
const s3 = scriptedShow(
  's3',
  '2026-11-29T19:00:00.000Z',
  [
    [60, sale('b4', 'B', 'whatnot', 2000, '@JANE')],
    [3600, END],
  ],
  { stock: { A: 0, B: 1, C: 1 } },
);

type Scripted = ReturnType<typeof scriptedShow>;
const showFacts = (s: Scripted, items: typeof ITEMS, table: FeeTable) => {
  const sum = summarizeShow(s.plan, s.events);
  return sum && factsOf(s.id, s.name, sum, items, table);
};
const facts = [s1, s2, s3].map((s) => showFacts(s, ITEMS, fees)!);
const opts = (o: Partial<InsightsOptions> = {}): InsightsOptions => ({
  filter: {},
  timeZone: 'America/New_York',
  staleAfter: 2,
  minShows: 2,
  feesSource: 'test',
  ...o,
});

describe('insights math', () => {
  const one = buildInsights(facts, ITEMS, opts({ filter: { shows: ['s1'] } }));

  it('sums a show: orders, units, gross, fees, cost, profit, margin, sell-through, average vs listed, $/hour', () => {
    expect(one.totals).toMatchObject({
      shows: 1,
      orders: 3,
      units: 4,
      grossCents: 12500,
      // Whatnot A: 8% 480 + 2.9% 174 + 30; TikTok B: 6% 150; Whatnot 2 x B (coins 4%): 2 x (80 + 58 + 30).
      feesCents: 684 + 150 + 336,
      costCents: 1000 + 1200 + 2400,
      unitsMissingCost: 0,
      profitCents: 12500 - 1170 - 4600,
      marginPercent: 53.8,
      unitsOffered: 5,
      sellThroughPercent: 80,
      avgSaleCents: 3125,
      avgListedCents: 2750,
      saleToListPercent: 113.6,
      airtimeS: 3600,
      grossPerHourCents: 12500,
      profitPerHourCents: 6730,
    });
  });

  it('counts fees exactly as the show report does (same fee table and math), refunds and undo included', () => {
    for (const s of [s1, s2]) {
      const report = buildReport(
        s.plan,
        [...s.events],
        Object.fromEntries([...ITEMS].map(([k, v]) => [k, { title: v.title, category: v.category, location: '' }])),
        fees,
        'test',
      );
      const ins = buildInsights(facts, ITEMS, opts({ filter: { shows: [s.id] } }));
      expect(ins.totals.feesCents).toBe(report.totals.feesCents);
      expect(ins.totals.grossCents).toBe(report.totals.grossCents);
      expect(ins.totals.orders).toBe(report.totals.orders);
    }
  });

  it('says profit is unknown when a sold unit has no cost, instead of guessing; refunds, amendments, undo', () => {
    const two = buildInsights(facts, ITEMS, opts({ filter: { shows: ['s2'] } }));
    expect(two.totals).toMatchObject({
      orders: 2, // C, and A at its amended price; the oversold A and the undone B are not sales
      grossCents: 1000 + 6500,
      refunds: 1,
      // C 80 + 29 + 30; A 520 + 189 (188.5 rounds half away from zero) + 30; TikTok refund fee 20% of 180.
      feesCents: 139 + 739 + 36,
      costCents: 1000,
      unitsMissingCost: 1,
      profitCents: null,
      marginPercent: null,
      profitPerHourCents: null,
      costedProfitCents: 6500 - 739 - 36 - 1000,
    });
    const toys = two.byCategory.find((c) => c.category === 'Toys')!;
    expect(toys).toMatchObject({ unitsMissingCost: 1, profitCents: null, grossCents: 1000 });
  });

  it('groups per channel, category, brand and price band', () => {
    const all = buildInsights(facts, ITEMS, opts());
    expect(all.byChannel.map((c) => [c.channel, c.orders, c.grossCents, c.shows])).toEqual([
      ['tiktok', 1, 2500, 3],
      ['whatnot', 5, 6000 + 4000 + 1000 + 6500 + 2000, 3],
    ]);
    expect(all.byCategory.map((c) => [c.category, c.units, c.unitsOffered])).toEqual([
      ['Clothing', 2, 2],
      ['Coins', 4, 5],
      ['Toys', 1, 3],
    ]);
    expect(all.byBrand.map((b) => b.brand)).toEqual(["Levi's", '(none)', 'Hot Wheels']);
    expect(all.byPriceBand.map((b) => [b.band, b.units])).toEqual([
      ['under $10', 1],
      ['$10-25', 4],
      ['$50-100', 2],
    ]);
    // A category's airtime is its lots' planned slots (60 s each in the test plan).
    expect(all.byCategory.find((c) => c.category === 'Clothing')!.airtimeS).toBe(120);
    expect(all.bestLots.map((l) => l.sku)).toEqual(['A', 'B', 'C']);
    expect(all.bestLots.find((l) => l.sku === 'C')!.profitCents).toBeNull();
  });

  it.each([
    [null, 'no listed price'],
    [0, 'under $10'],
    [999, 'under $10'],
    [1000, '$10-25'],
    [4999, '$25-50'],
    [5000, '$50-100'],
    [10000, '$100 and up'],
  ])('price band of %s cents is %s', (cents, band) => {
    expect(priceBand(cents)).toBe(band);
  });

  it.each([
    [1000, 3, 333],
    [2000, 3, 667],
    [-1000, 3, -333],
    [-5, 10, -1],
  ])('rounds averages to cents half away from zero: %i / %i = %i', (a, b, c) => {
    expect(roundCents(a / b)).toBe(c);
  });

  it('rounds percents to one decimal and a per-unit average to cents', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    const acc = new MetricsAcc();
    for (const p of [333, 333, 334])
      acc.sale({ ...facts[0]!.sales[0]!, priceCents: p, grossCents: p, quantity: 1, listedCents: 1000 });
    expect(acc.finish()).toMatchObject({ avgSaleCents: 333, avgListedCents: 1000, saleToListPercent: 33.3 });
  });

  it('a show that never went live has no facts', () => {
    const never = scriptedShow('never', '2026-11-22T19:00:00.000Z', []);
    expect(summarizeShow(never.plan, [])).toBeNull();
  });
});

describe('filters', () => {
  it.each([
    [{ since: '2026-11-23T05:00:00.000Z' }, ['s2', 's3']],
    [{ until: '2026-11-25T05:00:00.000Z' }, ['s1', 's2']],
    [{ shows: ['S3'] }, ['s3']],
    [{ channel: 'tiktok' as const }, ['s1', 's2', 's3']],
  ])('%o keeps %o', (filter, ids) => {
    expect(buildInsights(facts, ITEMS, opts({ filter })).byShow.map((s) => s.id)).toEqual(ids);
  });

  it('a channel or category filter keeps only its sales and lots', () => {
    const tt = buildInsights(facts, ITEMS, opts({ filter: { channel: 'tiktok' } }));
    expect(tt.totals).toMatchObject({ orders: 1, grossCents: 2500, refunds: 1 });
    expect(tt.byChannel.map((c) => c.channel)).toEqual(['tiktok']);
    const coins = buildInsights(facts, ITEMS, opts({ filter: { categories: ['coins'] } }));
    expect(coins.totals).toMatchObject({ units: 4, unitsOffered: 5, grossCents: 2500 + 4000 + 2000 });
  });
});

describe('when to go live', () => {
  it.each([
    ['2026-11-22T19:00:00.000Z', 'America/New_York', 'Sun', 14],
    ['2026-11-22T19:00:00.000Z', 'UTC', 'Sun', 19],
    ['2026-11-23T03:30:00.000Z', 'America/Los_Angeles', 'Sun', 19],
    ['2026-07-01T00:00:00.000Z', 'Europe/Berlin', 'Wed', 2],
  ])('%s in %s is %s %ih', (iso, tz, weekday, hour) => {
    expect(localWeekdayHour(iso, tz)).toEqual({ weekday, hour });
  });

  it('per weekday and hour with how many shows each rests on; first 15 minutes against the rest', () => {
    const w = buildInsights(facts, ITEMS, opts()).whenToGoLive;
    expect(w.byWeekday.map((d) => [d.weekday, d.shows])).toEqual([
      ['Tue', 1],
      ['Sun', 2],
    ]);
    expect(w.byWeekdayHour.map((c) => [c.weekday, c.hour, c.shows, c.grossCents])).toEqual([
      ['Tue', 14, 1, 7500],
      ['Sun', 14, 2, 12500 + 2000],
    ]);
    // First 15 min: 8500 (s1) + 7500 (s2) + 2000 (s3) over 3 x 900 s; the rest: 4000 over 2700 + 900 + 2700 s.
    expect(w.slots.first15).toMatchObject({ shows: 3, grossCents: 18000, airtimeS: 2700, grossPerHourCents: 24000 });
    expect(w.slots.rest).toMatchObject({ shows: 3, grossCents: 4000, airtimeS: 6300, grossPerHourCents: 2286 });
    // Tuesday pays more per hour but rests on one show: the best needs minShows.
    expect(w.best).toMatchObject({ weekday: 'Sun', hour: 14, shows: 2 });
    expect(buildInsights(facts, ITEMS, opts({ minShows: 3 })).whenToGoLive.best).toBeNull();
  });
});

describe('stale stock', () => {
  it('lists items offered in N shows that sold in none, with a suggestion', () => {
    const r = buildInsights(facts, ITEMS, opts({ filter: { shows: ['s1', 's3'] } }));
    expect(r.stale).toEqual([
      expect.objectContaining({
        sku: 'C',
        showsOffered: 2,
        quantity: 1,
        suggestion: expect.objectContaining({ kind: 'lower-start', startCents: 500 }),
      }),
    ]);
    expect(buildInsights(facts, ITEMS, opts({ filter: { shows: ['s1', 's3'] }, staleAfter: 3 })).stale).toEqual([]);
  });

  const item = (priceCents: number | null, costCents: number | null): HistoryItem => ({
    sku: 'X',
    title: 'X',
    category: 'Toys',
    brand: '',
    priceCents,
    costCents,
    quantity: 1,
  });
  it.each([
    // listed, cost, shows offered, category average -> suggestion
    [4000, 1000, 2, undefined, 'lower-start', 2800],
    [4000, 1000, 2, 2000, 'lower-start', 2000],
    [4000, 3500, 2, 2000, 'lower-start', 3500], // never below the cost
    [4000, 4000, 2, undefined, 'bundle', undefined], // cannot come down
    [800, 200, 3, undefined, 'giveaway', undefined], // cheap and back again and again
    [800, 200, 2, undefined, 'lower-start', 500],
    [150, null, 2, undefined, 'lower-start', 100], // never below $1
    [null, 500, 4, undefined, 'bundle', undefined],
  ] as const)('listed %s cost %s in %i shows (avg %s): %s %s', (listed, cost, shows, avg, kind, start) => {
    const s = suggest(item(listed, cost), shows, 2, avg);
    expect(s.kind).toBe(kind);
    expect(s.kind === 'lower-start' ? s.startCents : undefined).toBe(start);
    expect(s.reason).toMatch(new RegExp(`unsold in ${shows} shows`));
  });

  it('skips items sold somewhere, out of stock, or no longer in inventory', () => {
    const items = new Map([
      ['IN', { ...item(1000, 100), sku: 'IN' }],
      ['OUT', { ...item(1000, 100), sku: 'OUT', quantity: 0 }],
    ]);
    const lots = ['IN', 'OUT', 'GONE'].map((sku) => ({ sku, showsOffered: 5, unitsSold: 0, lastOfferedAt: 'x' }));
    expect(staleStock(lots, items, 2, new Map()).map((s) => s.sku)).toEqual(['IN']);
    expect(staleStock([{ ...lots[0]!, unitsSold: 1 }], items, 2, new Map())).toEqual([]);
  });
});

describe('buyers roster', () => {
  it('one row per handle per channel, spend, first and last purchase, giveaway wins, shows, repeat', () => {
    const r = buyerRoster(facts as ShowFacts[]);
    expect(r.buyers.map((b) => [b.channel, b.handle, b.orders, b.spendCents, b.showsAttended, b.repeat])).toEqual([
      ['whatnot', '@jane', 3, 6000 + 4000 + 2000, 2, true],
      ['whatnot', '@amy', 1, 6500, 1, false],
      ['tiktok', 'tt_1', 1, 2500, 1, false],
      ['whatnot', '@bob', 1, 1000, 1, false],
    ]);
    const jane = r.buyers[0]!;
    expect([jane.firstPurchaseAt, jane.lastPurchaseAt]).toEqual([
      '2026-11-22T19:01:00.000Z',
      '2026-11-29T19:01:00.000Z',
    ]);
    expect(r.buyers.find((b) => b.handle === '@bob')!.giveawayWins).toBe(1);
    expect(r.repeatBuyers).toBe(1);
    expect(r.salesWithoutBuyer).toBe(0);
  });

  it('a giveaway win without a channel joins the handle that bought on one channel', () => {
    const show = scriptedShow('g', '2026-11-22T19:00:00.000Z', [
      [10, sale('z', 'A', 'tiktok', 100, 'tt_9')],
      [20, { type: 'giveaway.recorded', sku: 'GIFT', channel: null, winner: 'TT_9', segmentIndex: 4 }],
      [30, { type: 'giveaway.recorded', sku: 'GIFT', channel: null, winner: 'stranger', segmentIndex: 4 }],
      [40, sale('n', 'B', 'whatnot', 100, null)],
    ]);
    const r = buyerRoster([showFacts(show, ITEMS, fees)!]);
    expect(r.buyers.map((b) => [b.channel, b.handle, b.giveawayWins])).toEqual([
      ['tiktok', 'tt_9', 1],
      [null, 'stranger', 1],
    ]);
    expect(r.salesWithoutBuyer).toBe(1);
  });
});
