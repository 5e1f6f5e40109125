import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/core/live/reducer.js';
import { timerElapsedMs } from '../../../src/core/live/state.js';
import type { ShowEvent, ShowEventBody } from '../../../src/core/show/events.js';
import { T0, testJournal, testPlan } from '../../helpers/plans.js';

const plan = testPlan();

const journal = (...bodies: ShowEventBody[]): ShowEvent[] => testJournal(plan, ...bodies);
const start: ShowEventBody = { type: 'show.started', stock: { A: 1, B: 3, C: 1, GIFT: 5 } };
const sale = (
  saleId: string,
  sku: string,
  channel: 'whatnot' | 'tiktok' = 'whatnot',
  priceCents = 1000,
  quantity = 1,
): ShowEventBody => ({
  type: 'sale.recorded',
  saleId,
  sku,
  channel,
  priceCents,
  quantity,
  buyer: null,
  segmentIndex: 1,
  oversell: false,
});

describe('live reducer: stock ledger', () => {
  it.each([
    ['one sale', [sale('s1', 'B')], { B: 2 }, 0],
    ['sells out', [sale('s1', 'A')], { A: 0 }, 0],
    [
      'race for the last unit: second is an oversell',
      [sale('s1', 'A', 'whatnot'), sale('s2', 'A', 'tiktok')],
      { A: 0 },
      1,
    ],
    ['multi-unit sale beyond stock', [sale('s1', 'B', 'tiktok', 500, 4)], { B: 0 }, 1],
    [
      'cancel gives the units back',
      [sale('s1', 'B'), { type: 'sale.cancelled', saleId: 's1', reason: 'x' }],
      { B: 3 },
      0,
    ],
    [
      'cancelling an oversell gives nothing back',
      [sale('s1', 'A'), sale('s2', 'A'), { type: 'sale.cancelled', saleId: 's2', reason: 'x' }],
      { A: 0 },
      0,
    ],
  ] as Array<[string, ShowEventBody[], Record<string, number>, number]>)('%s', (_name, bodies, stock, oversells) => {
    const s = replay(plan, journal(start, ...bodies));
    for (const [sku, n] of Object.entries(stock)) expect(s.stock[sku]).toBe(n);
    expect(s.sales.filter((x) => x.oversell)).toHaveLength(oversells);
  });

  it('totals per channel follow sales, amendments and cancellations', () => {
    const s = replay(
      plan,
      journal(
        start,
        sale('s1', 'B', 'whatnot', 1000),
        sale('s2', 'B', 'tiktok', 2000),
        { type: 'sale.amended', saleId: 's1', priceCents: 4200, buyer: 'jane' },
        { type: 'sale.cancelled', saleId: 's2', reason: 'buyer' },
      ),
    );
    expect(s.byChannel.whatnot).toEqual({ orders: 1, units: 1, grossCents: 4200, oversold: 0 });
    expect(s.byChannel.tiktok).toEqual({ orders: 0, units: 0, grossCents: 0, oversold: 0 });
    expect(s.sales[0]).toMatchObject({ buyer: 'jane', priceCents: 4200 });
  });

  it('an oversold sale is counted as oversold, never in orders, units or gross (the report rule)', () => {
    const s = replay(
      plan,
      journal(
        start,
        sale('s1', 'A', 'tiktok', 2000),
        { ...sale('s2', 'A', 'whatnot', 1500), oversell: true } as ShowEventBody,
        { type: 'sale.amended', saleId: 's2', priceCents: 9900 },
      ),
    );
    expect(s.byChannel.tiktok).toEqual({ orders: 1, units: 1, grossCents: 2000, oversold: 0 });
    expect(s.byChannel.whatnot).toEqual({ orders: 0, units: 0, grossCents: 0, oversold: 1 });
    const cancelled = replay(
      plan,
      journal(
        start,
        sale('s1', 'A', 'tiktok', 2000),
        { ...sale('s2', 'A', 'whatnot', 1500), oversell: true } as ShowEventBody,
        { type: 'sale.cancelled', saleId: 's2', reason: 'oversold' },
      ),
    );
    expect(cancelled.byChannel.whatnot).toEqual({ orders: 0, units: 0, grossCents: 0, oversold: 0 });
  });

  it('a giveaway takes one unit of its item', () => {
    const s = replay(
      plan,
      journal(start, { type: 'giveaway.recorded', sku: 'GIFT', channel: null, winner: 'amy', segmentIndex: 4 }),
    );
    expect(s.stock.GIFT).toBe(4);
    expect(s.giveaways[0]).toMatchObject({ sku: 'GIFT', winner: 'amy' });
  });
});

describe('live reducer: undo is an event', () => {
  it.each([
    [
      'a sale: stock and totals back',
      [sale('s1', 'A')],
      (s: ReturnType<typeof replay>) =>
        expect([s.stock.A, s.sales.length, s.byChannel.whatnot.orders]).toEqual([1, 0, 0]),
    ],
    [
      'a cursor move: back to where it was',
      [
        { type: 'cursor.moved', index: 1 },
        { type: 'cursor.moved', index: 2 },
      ],
      (s: ReturnType<typeof replay>) => expect(s.cursor).toBe(1),
    ],
    [
      'a skip',
      [{ type: 'lot.skipped', index: 1, sku: 'A' }],
      (s: ReturnType<typeof replay>) => expect(s.skipped).toEqual([]),
    ],
    [
      'an amendment: the old price again',
      [sale('s1', 'A', 'whatnot', 100), { type: 'sale.amended', saleId: 's1', priceCents: 900 }],
      (s: ReturnType<typeof replay>) => expect(s.sales[0]?.priceCents).toBe(100),
    ],
    [
      'a giveaway: the unit back',
      [{ type: 'giveaway.recorded', sku: 'GIFT', channel: null, winner: null, segmentIndex: 4 }],
      (s: ReturnType<typeof replay>) => expect(s.stock.GIFT).toBe(5),
    ],
  ] as Array<[string, ShowEventBody[], (s: ReturnType<typeof replay>) => void]>)(
    'undoes %s',
    (_name, bodies, check) => {
      const events = journal(start, ...bodies);
      const last = events.at(-1)!.id;
      const s = replay(plan, [
        ...events,
        ...journal({ type: 'action.undone', eventId: last }).map((e) => ({ ...e, id: last + 1 })),
      ]);
      check(s);
      expect(s.undone).toEqual([last]);
    },
  );

  it('undoing the first of two racing sales makes the second a real sale', () => {
    const events = journal(start, sale('s1', 'A', 'whatnot'), sale('s2', 'A', 'tiktok'));
    const s = replay(plan, [
      ...events,
      {
        type: 'action.undone',
        eventId: 2,
        id: 4,
        showId: plan.show.id,
        at: new Date(T0 + 9000).toISOString(),
        source: 'dashboard',
      },
    ]);
    expect(s.sales.map((x) => [x.saleId, x.oversell])).toEqual([['s2', false]]);
    expect(s.stock.A).toBe(0);
  });
});

describe('live reducer: resume', () => {
  it('replaying the journal gives the same cursor, timer, stock and sales as live', () => {
    const events = journal(start, { type: 'cursor.moved', index: 2 }, { type: 'timer.paused' }, sale('s1', 'B'), {
      type: 'timer.started',
    });
    const a = replay(plan, events);
    const b = replay(
      plan,
      events.map((e) => ({ ...e })),
    );
    expect(b).toEqual(a);
    expect(a.cursor).toBe(2);
    // paused 1 s after the move, resumed 2 s later: 1 s on the clock then running since event 5.
    expect(timerElapsedMs(a, T0 + 4000 + 500)).toBe(1500);
  });

  it('ignores a cursor outside the rundown', () => {
    expect(replay(plan, journal(start, { type: 'cursor.moved', index: 99 })).cursor).toBe(0);
  });
});
