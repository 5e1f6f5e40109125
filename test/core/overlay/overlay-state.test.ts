import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/core/live/reducer.js';
import { buildOverlayState, displayBuyer, priceText } from '../../../src/core/overlay/overlay-state.js';
import type { ShowEvent, ShowEventBody } from '../../../src/core/show/events.js';
import { T0, testJournal, testPlan } from '../../helpers/plans.js';

const plan = testPlan();

const journal = (...bodies: ShowEventBody[]): ShowEvent[] => testJournal(plan, ...bodies);
const sale = (
  saleId: string,
  sku: string,
  channel: 'whatnot' | 'tiktok',
  buyer: string | null = null,
): ShowEventBody => ({
  type: 'sale.recorded',
  saleId,
  sku,
  channel,
  priceCents: 1500,
  quantity: 1,
  buyer,
  segmentIndex: 2,
  oversell: false,
});

describe('overlay state', () => {
  it.each([
    [{ format: 'auction', priceCents: 100 }, 'auction from $1.00'],
    [{ format: 'buy-now', priceCents: 2800 }, 'buy it now $28.00'],
    [{ format: 'flash-sale', priceCents: 1200 }, 'flash sale $12.00'],
  ] as const)('prices read as the host says them: %j', (p, text) => {
    expect(priceText(p)).toBe(text);
  });

  it.each([
    ['@jane_doe', 'full', '@jane_doe'],
    ['@jane_doe', 'short', '@ja…'],
    ['tt_user_81723', 'short', 'tt…'],
    ['@jane_doe', 'hidden', null],
    [null, 'full', null],
  ] as const)('buyer %s shown %s', (buyer, mode, shown) => {
    expect(displayBuyer(buyer, mode)).toBe(shown);
  });

  it('before the show: planned, nothing on screen', () => {
    const s = buildOverlayState({ plan, state: replay(plan, []), nowMs: T0 });
    expect(s.show.status).toBe('planned');
    expect(s.current).toBeNull();
    expect(s.next).toEqual([]);
  });

  it('the lot on screen with its stock call, timer, next lots, totals and the newest sale first', () => {
    const events = journal(
      { type: 'show.started', stock: { A: 1, B: 3, C: 1, GIFT: 5 } },
      { type: 'cursor.moved', index: 2, from: 0 },
      sale('s1', 'B', 'whatnot', '@jane'),
      sale('s2', 'B', 'tiktok', 'tt_9'),
      { type: 'timer.paused' },
    );
    const s = buildOverlayState({
      plan,
      state: replay(plan, events),
      nowMs: T0 + 60_000,
      buyers: 'short',
      goalCents: 6000,
    });
    expect(s.show.status).toBe('live');
    expect(s.current).toMatchObject({
      label: 'L02',
      sku: 'B',
      stock: 1,
      startStock: 3,
      call: 'LAST ONE',
      soldOut: false,
    });
    // Paused 3 s into the 60 s slot: 57 s left whatever the clock says now.
    expect(s.current!.timer).toMatchObject({ running: false, durationS: 60, remainingS: 57 });
    expect(s.next.map((n) => n.label)).toEqual(['L03', 'G1', 'CLOSE']);
    expect(s.totals).toMatchObject({ orders: 2, grossCents: 3000, gross: '$30.00' });
    expect(s.channels.whatnot).toMatchObject({ orders: 1, gross: '$15.00' });
    expect(s.sales.map((x) => [x.saleId, x.buyer, x.title])).toEqual([
      ['s2', 'tt…', 'Item B'],
      ['s1', '@ja…', 'Item B'],
    ]);
    expect(s.goal).toEqual({ targetCents: 6000, target: '$60.00', fraction: 0.5 });
    expect(s.undoTarget).toBe(4);
  });

  it('an oversell is listed and the lot is sold out', () => {
    const events = journal(
      { type: 'show.started', stock: { A: 1, B: 3, C: 1, GIFT: 5 } },
      { type: 'cursor.moved', index: 1, from: 0 },
      sale('s1', 'A', 'whatnot'),
      sale('s2', 'A', 'tiktok', '@late'),
    );
    const s = buildOverlayState({ plan, state: replay(plan, events), nowMs: T0 + 5000, buyers: 'hidden' });
    expect(s.current).toMatchObject({ stock: 0, soldOut: true, call: 'SOLD OUT' });
    expect(s.oversells).toEqual([{ saleId: 's2', sku: 'A', channel: 'tiktok', buyer: null, orderId: null }]);
  });

  it('a giveaway on screen, then its winner', () => {
    const events = journal(
      { type: 'show.started', stock: { A: 1, B: 3, C: 1, GIFT: 5 } },
      { type: 'cursor.moved', index: 4, from: 0 },
      { type: 'giveaway.recorded', sku: 'GIFT', channel: null, winner: '@lucky', segmentIndex: 4 },
    );
    const s = buildOverlayState({ plan, state: replay(plan, events), nowMs: T0 + 3000 });
    expect(s.giveaway).toMatchObject({
      active: true,
      title: 'Giveaway',
      count: 1,
      last: { winner: '@lucky', sku: 'GIFT' },
    });
  });
});
