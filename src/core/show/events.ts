import type { Channel } from '../channel-types.js';

/**
 * The live show's journal (table show_events). Append-only: undo is an event too. Live state,
 * resume after a crash, `show status` and the report are all reduce(events).
 * Every event is written in one transaction before any screen shows it.
 */
export type ShowEventSource = 'dashboard' | 'cli' | 'demo' | 'producer' | `channel:${Channel}`;

export type ShowEventBody =
  /** stock: units on hand per SKU in the plan when the show went live. */
  | { type: 'show.started'; stock: Record<string, number> }
  | { type: 'cursor.moved'; index: number; from?: number }
  | { type: 'timer.started' }
  | { type: 'timer.paused' }
  | {
      type: 'sale.recorded';
      saleId: string;
      sku: string;
      channel: Channel;
      priceCents: number;
      quantity: number;
      buyer: string | null;
      /** Segment on screen when it sold (for "moments that sold"). */
      segmentIndex: number | null;
      /** The ledger had no stock left: cancel this order on that channel. */
      oversell: boolean;
      orderId?: string;
      lineId?: string;
      /** Stock on hand when the SKU was not in the show's ledger yet (a sale of an unplanned item). */
      knownStock?: number;
    }
  | { type: 'sale.amended'; saleId: string; buyer?: string; priceCents?: number }
  | { type: 'sale.cancelled'; saleId: string; reason: string }
  | {
      type: 'giveaway.recorded';
      sku: string | null;
      channel: Channel | null;
      winner: string | null;
      segmentIndex: number | null;
    }
  | { type: 'lot.skipped'; index: number; sku: string | null }
  | { type: 'destination.toggled'; name: string; enabled: boolean }
  /** Reverses the named event (a sale, skip, giveaway, cursor move, amend). */
  | { type: 'action.undone'; eventId: number }
  | { type: 'show.ended' };

export type ShowEvent = ShowEventBody & {
  /** show_events.id: global order. */
  id: number;
  showId: string;
  /** ISO time with milliseconds. */
  at: string;
  source: ShowEventSource;
};

/**
 * A sale as it stands after undo, amendments and cancellations: what the live panel's totals,
 * `show status`, the report and the pick list count. Produced by the live reducer (core/live).
 */
export interface EffectiveSale {
  saleId: string;
  /** Event id of the sale.recorded event. */
  eventId: number;
  at: string;
  sku: string;
  channel: Channel;
  priceCents: number;
  quantity: number;
  buyer: string | null;
  segmentIndex: number | null;
  oversell: boolean;
  source: ShowEventSource;
  orderId?: string;
  lineId?: string;
}
