import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderFees, refundFee, ruleFor, validateFeeTable, type FeeTable } from '../../../src/core/report/fees.js';
import { buildPicklist, naturalCompare } from '../../../src/core/report/picklist.js';
import { buildReport, detectSpikes } from '../../../src/core/report/report.js';
import type { EffectiveSale, ShowEvent, ShowEventBody } from '../../../src/core/show/events.js';
import { repoRoot } from '../../helpers/cli.js';
import { testPlan } from '../../helpers/plans.js';

const fees = validateFeeTable(JSON.parse(readFileSync(join(repoRoot, 'templates/fees.json'), 'utf8')))
  .table as FeeTable;

describe('fee table', () => {
  it.each([
    ['whatnot', '2026-11-22', '2023-01-01'],
    ['tiktok', '2024-06-01', '2024-04-01'],
    ['tiktok', '2025-05-01', '2025-05-01'],
    ['tiktok', '2024-01-01', undefined],
  ] as const)('%s on %s uses the rule from %s', (channel, date, from) => {
    expect(ruleFor(fees, channel, date)?.effectiveFrom).toBe(from);
  });

  it.each([
    // price, category -> commission, processing, referral (cents, rounded once per line)
    ['whatnot', 10000, 'Clothing', 800, 320, 0],
    ['whatnot', 10000, 'Coins', 400, 320, 0],
    ['whatnot', 10000, 'Electronics', 500, 320, 0],
    ['whatnot', 100, 'Toys', 8, 33, 0],
    ['whatnot', 1250, 'Toys', 100, 66, 0], // 36.25 -> 36 + 30
    ['tiktok', 2500, 'Clothing', 0, 0, 150],
    ['tiktok', 999, 'Clothing', 0, 0, 60], // 59.94 -> 60
  ] as const)('%s %i cents %s', (channel, price, category, commission, processing, referral) => {
    const f = orderFees(ruleFor(fees, channel, '2026-11-22'), price, category);
    expect([f.commissionCents, f.processingCents, f.referralCents]).toEqual([commission, processing, referral]);
    expect(f.totalCents).toBe(commission + processing + referral);
  });

  it.each([
    [2500, 30], // 20% of $1.50
    [100000, 500], // 20% of $60 = $12, capped at $5
  ])('TikTok refund fee on %i cents is %i', (price, fee) => {
    expect(refundFee(ruleFor(fees, 'tiktok', '2026-01-01'), price)).toBe(fee);
    expect(refundFee(ruleFor(fees, 'tiktok', '2024-06-01'), price)).toBe(0);
  });

  it('rejects a malformed table', () => {
    expect(
      validateFeeTable({ rules: [{ channel: 'ebay', effectiveFrom: 'May', commissionPercent: -1 }] }).problems,
    ).toEqual([
      'rules[0].channel must be whatnot or tiktok',
      'rules[0].effectiveFrom must be a date like 2025-05-01',
      'rules[0].commissionPercent must be a number of 0 or more',
    ]);
  });
});

const plan = testPlan();
const T0 = Date.parse('2026-11-22T19:00:00.000Z');
let id = 0;
const ev = (atS: number, body: ShowEventBody): ShowEvent =>
  ({
    ...body,
    id: ++id,
    showId: plan.show.id,
    at: new Date(T0 + atS * 1000).toISOString(),
    source: 'dashboard',
  }) as ShowEvent;
const sale = (
  saleId: string,
  sku: string,
  channel: 'whatnot' | 'tiktok',
  priceCents: number,
  segmentIndex = 1,
  buyer: string | null = null,
): ShowEventBody => ({
  type: 'sale.recorded',
  saleId,
  sku,
  channel,
  priceCents,
  quantity: 1,
  buyer,
  segmentIndex,
  oversell: false,
});
const items = {
  A: { title: 'Item A', category: 'Clothing', location: 'B10' },
  B: { title: 'Item B', category: 'Coins', location: 'B2' },
  C: { title: 'Item C', category: 'Toys', location: 'A1' },
};

describe('buildReport', () => {
  id = 0;
  const events = [
    ev(0, { type: 'show.started', stock: { A: 1, B: 3, C: 1, GIFT: 5 } }),
    ev(30, sale('s1', 'A', 'whatnot', 10000)),
    ev(31, sale('s2', 'A', 'tiktok', 9000)), // oversell
    ev(130, sale('s3', 'B', 'tiktok', 2500, 2)),
    ev(131, sale('s4', 'B', 'whatnot', 2000, 2)),
    ev(140, { type: 'sale.cancelled', saleId: 's3', reason: 'buyer' }),
    ev(150, sale('s5', 'B', 'whatnot', 3000, 2)),
    ev(151, { type: 'action.undone', eventId: 7 }),
    ev(400, { type: 'show.ended' }),
  ];
  const r = buildReport(plan, events, items, fees, 'test');

  it('sums per channel without oversells, with fees, refunds and undo', () => {
    expect(r.channels.whatnot).toMatchObject({
      orders: 2,
      units: 2,
      grossCents: 12000,
      commissionCents: 800 + 80,
      processingCents: 320 + 58 + 30,
      netCents: 12000 - (880 + 408),
      oversold: 0,
    });
    expect(r.channels.tiktok).toMatchObject({
      orders: 0,
      grossCents: 0,
      cancelled: 1,
      refundFeeCents: 30,
      oversold: 1,
      netCents: -30,
    });
    expect(r.totals.grossCents).toBe(12000);
    expect(r.toCancel).toEqual([{ saleId: 's2', channel: 'tiktok', sku: 'A', buyer: null, orderId: null }]);
  });

  it('reports sell-through, best lots and unsold', () => {
    expect(r.sellThrough).toEqual({
      lotsPlanned: 3,
      lotsSold: 2,
      unitsPlanned: 5,
      unitsSold: 2,
      lotPercent: 66.7,
      unitPercent: 40,
    });
    expect(r.bestLots.map((b) => b.sku)).toEqual(['A', 'B']);
    expect(r.unsold.map((u) => u.sku)).toEqual(['C']);
    expect(r.averagePricePerLotCents).toBe(6000);
  });

  it('buckets sales per minute of the stream', () => {
    expect(r.perMinute.map((m) => m.orders)).toEqual([1, 0, 1, 0, 0, 0, 0]);
  });
});

describe('spikes', () => {
  it.each([
    [[100, 100, 100, 900, 100], [3]],
    [[100, 100, 100, 100], []],
    [[0, 0, 500, 0], [2]],
  ])('%j -> minutes %j', (gross, spikes) => {
    const minutes = gross.map((g, minute) => ({ minute, orders: g ? 3 : 0, grossCents: g }));
    expect(detectSpikes(minutes).map((m) => m.minute)).toEqual(spikes);
  });

  it('needs at least two orders', () => {
    expect(
      detectSpikes([
        { orders: 1, grossCents: 1000 },
        { orders: 0, grossCents: 0 },
        { orders: 0, grossCents: 0 },
      ]),
    ).toEqual([]);
  });
});

describe('picklist', () => {
  const s = (sku: string, channel: 'whatnot' | 'tiktok', buyer: string | null, oversell = false): EffectiveSale => ({
    saleId: sku + buyer,
    eventId: 1,
    at: '',
    sku,
    channel,
    priceCents: 100,
    quantity: 1,
    buyer,
    segmentIndex: 1,
    oversell,
    source: 'dashboard',
  });
  it('groups per buyer per channel, sorted for one shelf walk, without oversells', () => {
    const list = buildPicklist(
      [
        s('A', 'whatnot', '@jane'),
        s('C', 'whatnot', '@JANE'),
        s('B', 'tiktok', '@jane'),
        s('A', 'tiktok', 'x', true),
        s('B', 'whatnot', null),
      ],
      items,
    );
    expect(list.map((b) => [b.channel, b.buyer, b.lines.map((l) => l.location).join(',')])).toEqual([
      ['whatnot', '@jane', 'A1,B10'],
      ['tiktok', '@jane', 'B2'],
      ['whatnot', '(unknown buyer)', 'B2'],
    ]);
  });
  it('sorts bins naturally', () => {
    expect(['B10', 'A2', 'B2', 'A10'].sort(naturalCompare)).toEqual(['A2', 'A10', 'B2', 'B10']);
  });
});
