import type { Channel } from '../channel-types.js';
import type { EffectiveSale, ShowEvent } from '../show/events.js';
import type { PlanDocument } from '../show/plan-types.js';
import { initialState, timerElapsedMs, type ChannelTotals, type LiveState } from './state.js';

/**
 * The live show's reducer: pure, time from the events. Undo reverses an earlier event by
 * replaying the journal without it, so every kind of action undoes the same way and the
 * result is exactly what a restart would compute.
 */
export function replay(plan: PlanDocument, events: readonly ShowEvent[]): LiveState {
  const undone = new Set<number>();
  for (const e of events) if (e.type === 'action.undone') undone.add(e.eventId);
  let state = initialState(plan);
  for (const e of events) {
    if (undone.has(e.id)) {
      state = { ...state, lastEventId: e.id, undone: [...state.undone, e.id] };
      continue;
    }
    state = applyEvent(plan, state, e);
  }
  return state;
}

/** Applies one event. For `action.undone` the caller must replay (see LiveShow); here it only bookkeeps. */
export function applyEvent(plan: PlanDocument, s: LiveState, e: ShowEvent): LiveState {
  const next: LiveState = { ...s, lastEventId: e.id };
  const nowMs = Date.parse(e.at);
  const undoable = (id: number) => [...s.undoable.slice(-199), id];
  switch (e.type) {
    case 'show.started':
      return {
        ...next,
        started: true,
        startedAt: e.at,
        stock: { ...e.stock },
        startStock: { ...e.stock },
        timer: { running: true, since: e.at, accumulatedMs: 0 },
      };
    case 'cursor.moved':
      if (e.index < 0 || e.index >= plan.segments.length) return next;
      return {
        ...next,
        cursor: e.index,
        timer: { running: true, since: e.at, accumulatedMs: 0 },
        undoable: undoable(e.id),
      };
    case 'timer.started':
      if (s.timer.running) return next;
      return { ...next, timer: { ...s.timer, running: true, since: e.at } };
    case 'timer.paused':
      if (!s.timer.running) return next;
      return { ...next, timer: { running: false, since: null, accumulatedMs: timerElapsedMs(s, nowMs) } };
    case 'sale.recorded': {
      const have = s.stock[e.sku] ?? e.knownStock ?? 0;
      const oversell = have < e.quantity;
      const sale: EffectiveSale = {
        saleId: e.saleId,
        eventId: e.id,
        at: e.at,
        sku: e.sku,
        channel: e.channel,
        priceCents: e.priceCents,
        quantity: e.quantity,
        buyer: e.buyer,
        segmentIndex: e.segmentIndex,
        oversell,
        source: e.source,
        ...(e.orderId ? { orderId: e.orderId } : {}),
        ...(e.lineId ? { lineId: e.lineId } : {}),
      };
      const startStock = e.sku in s.startStock ? s.startStock : { ...s.startStock, [e.sku]: e.knownStock ?? 0 };
      return {
        ...next,
        startStock,
        stock: { ...s.stock, [e.sku]: Math.max(0, have - e.quantity) },
        sales: [...s.sales, sale],
        byChannel: addTotals(s.byChannel, e.channel, sale, 1),
        undoable: undoable(e.id),
      };
    }
    case 'sale.amended': {
      const i = s.sales.findIndex((x) => x.saleId === e.saleId);
      if (i < 0) return next;
      const old = s.sales[i]!;
      const amended = {
        ...old,
        ...(e.buyer !== undefined ? { buyer: e.buyer } : {}),
        ...(e.priceCents !== undefined ? { priceCents: e.priceCents } : {}),
      };
      const sales = [...s.sales];
      sales[i] = amended;
      return {
        ...next,
        sales,
        byChannel: addTotals(addTotals(s.byChannel, old.channel, old, -1), amended.channel, amended, 1),
        undoable: undoable(e.id),
      };
    }
    case 'sale.cancelled': {
      const i = s.sales.findIndex((x) => x.saleId === e.saleId);
      if (i < 0) return next;
      const old = s.sales[i]!;
      // An oversold sale took no stock, so cancelling it gives none back.
      const back = old.oversell ? 0 : old.quantity;
      return {
        ...next,
        sales: s.sales.filter((_, k) => k !== i),
        stock: { ...s.stock, [old.sku]: (s.stock[old.sku] ?? 0) + back },
        byChannel: addTotals(s.byChannel, old.channel, old, -1),
      };
    }
    case 'giveaway.recorded': {
      const stock = e.sku && (s.stock[e.sku] ?? 0) > 0 ? { ...s.stock, [e.sku]: s.stock[e.sku]! - 1 } : s.stock;
      return {
        ...next,
        stock,
        giveaways: [...s.giveaways, { eventId: e.id, at: e.at, sku: e.sku, winner: e.winner, channel: e.channel }],
        undoable: undoable(e.id),
      };
    }
    case 'lot.skipped':
      return { ...next, skipped: [...s.skipped, e.index], undoable: undoable(e.id) };
    case 'destination.toggled':
      return { ...next, destinations: { ...s.destinations, [e.name]: e.enabled } };
    case 'action.undone':
      return { ...next, undoable: s.undoable.filter((id) => id !== e.eventId) };
    case 'show.ended':
      return {
        ...next,
        ended: true,
        endedAt: e.at,
        timer: { running: false, since: null, accumulatedMs: timerElapsedMs(s, nowMs) },
      };
    default:
      return next;
  }
}

function addTotals(
  t: Record<Channel, ChannelTotals>,
  channel: Channel,
  sale: EffectiveSale,
  sign: 1 | -1,
): Record<Channel, ChannelTotals> {
  const c = t[channel];
  // The ChannelTotals rule: an oversold sale is counted as oversold, never as money.
  if (sale.oversell) return { ...t, [channel]: { ...c, oversold: c.oversold + sign } };
  return {
    ...t,
    [channel]: {
      orders: c.orders + sign,
      units: c.units + sign * sale.quantity,
      grossCents: c.grossCents + sign * sale.priceCents * sale.quantity,
      oversold: c.oversold,
    },
  };
}

/** SKUs whose stock went to zero or came back between two states (for the sold-out interface). */
export function stockTransitions(
  before: LiveState,
  after: LiveState,
): Array<{ sku: string; from: number; to: number }> {
  const out: Array<{ sku: string; from: number; to: number }> = [];
  for (const sku of new Set([...Object.keys(before.stock), ...Object.keys(after.stock)])) {
    const from = before.stock[sku] ?? 0;
    const to = after.stock[sku] ?? 0;
    if (from !== to) out.push({ sku, from, to });
  }
  return out;
}

/** Units the show has taken out of inventory per SKU (sales that had stock, giveaways). */
export function unitsTaken(s: LiveState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [sku, start] of Object.entries(s.startStock)) out[sku] = start - (s.stock[sku] ?? start);
  return out;
}

/** How items.quantity must move between two states: negative = units left the shelf. */
export function inventoryDeltas(before: LiveState, after: LiveState): Array<{ sku: string; delta: number }> {
  const a = unitsTaken(before);
  const b = unitsTaken(after);
  const out: Array<{ sku: string; delta: number }> = [];
  for (const sku of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const delta = (a[sku] ?? 0) - (b[sku] ?? 0);
    if (delta !== 0) out.push({ sku, delta });
  }
  return out;
}
