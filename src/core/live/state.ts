import type { Channel } from '../channel-types.js';
import type { EffectiveSale } from '../show/events.js';
import type { PlanDocument } from '../show/plan-types.js';

/**
 * One rule everywhere (dashboard, `show status`, summaries, overlays, report): an oversold sale
 * is an order to cancel, never money. It is counted in `oversold`, and not in orders, units or
 * gross.
 */
export interface ChannelTotals {
  orders: number;
  units: number;
  grossCents: number;
  oversold: number;
}

export interface GiveawayRecord {
  eventId: number;
  at: string;
  sku: string | null;
  winner: string | null;
  channel: Channel | null;
}

/** Everything the dashboard, `show status` and the report read about a live show. */
export interface LiveState {
  showId: string;
  started: boolean;
  ended: boolean;
  startedAt: string | null;
  endedAt: string | null;
  cursor: number;
  /** The current segment's timer: wall-clock based so a restart resumes it exactly. */
  timer: { running: boolean; since: string | null; accumulatedMs: number };
  /** Units on hand per SKU in the ledger (never below zero). */
  stock: Record<string, number>;
  /** Units planned per SKU at the start (for "sold out" and sell-through). */
  startStock: Record<string, number>;
  sales: EffectiveSale[];
  giveaways: GiveawayRecord[];
  skipped: number[];
  destinations: Record<string, boolean>;
  byChannel: Record<Channel, ChannelTotals>;
  /** Event ids that undo can still reverse, oldest first. */
  undoable: number[];
  /** Event ids reversed by an undo. */
  undone: number[];
  lastEventId: number;
}

export function initialState(plan: PlanDocument): LiveState {
  return {
    showId: plan.show.id,
    started: false,
    ended: false,
    startedAt: null,
    endedAt: null,
    cursor: 0,
    timer: { running: false, since: null, accumulatedMs: 0 },
    stock: {},
    startStock: {},
    sales: [],
    giveaways: [],
    skipped: [],
    destinations: {},
    byChannel: {
      whatnot: { orders: 0, units: 0, grossCents: 0, oversold: 0 },
      tiktok: { orders: 0, units: 0, grossCents: 0, oversold: 0 },
    },
    undoable: [],
    undone: [],
    lastEventId: 0,
  };
}

/** Elapsed ms on the current segment's timer at `nowMs`. */
export function timerElapsedMs(state: LiveState, nowMs: number): number {
  const t = state.timer;
  return t.accumulatedMs + (t.running && t.since ? Math.max(0, nowMs - Date.parse(t.since)) : 0);
}
