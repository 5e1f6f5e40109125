import type { HistoryItem } from '../../../src/core/insights/facts.js';
import type { PlanDocument } from '../../../src/core/show/plan-types.js';
import type { ShowEvent, ShowEventBody } from '../../../src/core/show/events.js';
import { testPlan } from '../../helpers/plans.js';

/** Items for the insights tables: A clothing with cost, B coins with cost, C toys without a cost. */
export const ITEMS = new Map<string, HistoryItem>(
  (
    [
      {
        sku: 'A',
        title: 'Levi 501',
        category: 'Clothing',
        brand: "Levi's",
        priceCents: 5000,
        costCents: 1000,
        quantity: 0,
      },
      {
        sku: 'B',
        title: 'Silver dollar',
        category: 'Coins',
        brand: '',
        priceCents: 2000,
        costCents: 1200,
        quantity: 2,
      },
      {
        sku: 'C',
        title: 'Toy car',
        category: 'Toys',
        brand: 'Hot Wheels',
        priceCents: 800,
        costCents: null,
        quantity: 1,
      },
    ] satisfies HistoryItem[]
  ).map((i) => [i.sku, i]),
);

let base = 0;

/**
 * One scripted show: a plan of lots A, B (3 units), C and a journal of actions at seconds from
 * the start. `{ type: 'action.undone', eventId: -k }` undoes the k-th action (1-based).
 */
export function scriptedShow(
  id: string,
  startIso: string,
  actions: Array<[number, ShowEventBody]>,
  opts: { channels?: Array<'whatnot' | 'tiktok'>; stock?: Record<string, number> } = {},
): { id: string; name: string; plan: PlanDocument; events: ShowEvent[] } {
  const plan = testPlan(id);
  plan.show.name = `Show ${id}`;
  if (opts.channels) plan.show.channels = opts.channels;
  base += 1000;
  const t0 = Date.parse(startIso);
  const bodies: Array<[number, ShowEventBody]> = [
    [0, { type: 'show.started', stock: opts.stock ?? { A: 1, B: 3, C: 1, GIFT: 5 } }],
    ...actions,
  ];
  const events = bodies.map(([s, body], i) => {
    const b = body.type === 'action.undone' && body.eventId < 0 ? { ...body, eventId: base - body.eventId } : body;
    return { ...b, id: base + i, showId: id, at: new Date(t0 + s * 1000).toISOString(), source: 'cli' } as ShowEvent;
  });
  return { id, name: `Show ${id}`, plan, events };
}

export function sale(
  saleId: string,
  sku: string,
  channel: 'whatnot' | 'tiktok',
  priceCents: number,
  buyer: string | null = null,
  quantity = 1,
): ShowEventBody {
  return { type: 'sale.recorded', saleId, sku, channel, priceCents, quantity, buyer, segmentIndex: 1, oversell: false };
}

export const END: ShowEventBody = { type: 'show.ended' };
