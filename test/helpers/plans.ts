import type { ShowEvent, ShowEventBody } from '../../src/core/show/events.js';
import { PLAN_SCHEMA, type PlanDocument, type PlanSegment } from '../../src/core/show/plan-types.js';

/** When the journals of the core and UI tests begin. */
export const T0 = Date.parse('2026-11-22T19:00:00.000Z');

/** A journal of `plan` from event bodies: ids 1.., one second apart from T0, all from the dashboard. */
export function testJournal(plan: PlanDocument, ...bodies: ShowEventBody[]): ShowEvent[] {
  return bodies.map(
    (b, i) =>
      ({
        ...b,
        id: i + 1,
        showId: plan.show.id,
        at: new Date(T0 + i * 1000).toISOString(),
        source: 'dashboard',
      }) as ShowEvent,
  );
}

/** A small hand-made rundown for live/report tests: OPEN, lots, a giveaway, CLOSE. */
export function testPlan(
  id = 'test-show',
  lots: Array<{ sku: string; quantity?: number; price?: number }> = [
    { sku: 'A' },
    { sku: 'B', quantity: 3 },
    { sku: 'C' },
  ],
): PlanDocument {
  const segments: PlanSegment[] = [];
  let t = 0;
  const push = (s: Omit<PlanSegment, 'index' | 'offsetS'>) => {
    segments.push({ ...s, index: segments.length, offsetS: t });
    t += s.durationS;
  };
  push({ kind: 'opening', label: 'OPEN', durationS: 60, title: 'Opening' });
  for (const [i, l] of lots.entries())
    push({
      kind: 'lot',
      label: `L0${i + 1}`,
      durationS: 60,
      title: `Item ${l.sku}`,
      sku: l.sku,
      location: `B${i}`,
      quantity: l.quantity ?? 1,
      prices: {
        whatnot: { format: 'auction', priceCents: 100, timerS: 30 },
        tiktok: { format: 'buy-now', priceCents: l.price ?? 2000 },
      },
    });
  push({ kind: 'giveaway', label: 'G1', durationS: 60, title: 'Giveaway', sku: 'GIFT', quantity: 1 });
  push({ kind: 'closing', label: 'CLOSE', durationS: 60, title: 'Closing' });
  return {
    schema: PLAN_SCHEMA,
    show: {
      id,
      name: 'Test Show',
      startAt: null,
      durationS: 3600,
      channels: ['whatnot', 'tiktok'],
      profile: 'standard',
      strategy: 'as-listed',
      seed: 1,
    },
    segments,
    carried: [],
    warnings: [],
    createdAt: '2026-11-22T00:00:00.000Z',
    summary: {
      lotCount: lots.length,
      unitCount: lots.reduce((n, l) => n + (l.quantity ?? 1), 0),
      plannedS: t,
      spareS: 3600 - t,
      giveawayCount: 1,
      flashSaleCount: 0,
    },
  };
}
