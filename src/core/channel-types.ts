/** Selling channels lotcast connects to. */
export type Channel = 'whatnot' | 'tiktok';
export const CHANNELS: readonly Channel[] = ['whatnot', 'tiktok'];

export function isChannel(v: string): v is Channel {
  return (CHANNELS as readonly string[]).includes(v);
}

/** One order line pulled from a platform during a show (see the channel connectors). */
export interface OrderLine {
  channel: Channel;
  orderId: string;
  lineId: string;
  sku: string;
  priceCents: number;
  quantity: number;
  /** Per-channel buyer identity (TikTok shares no emails): a handle or user id. */
  buyer: string;
  status: 'placed' | 'cancelled';
  /** ISO time the platform gives for the order (or the change). */
  at: string;
}

/** Stock changes the other channels must act on (the sold-out interface). */
export type StockEvent =
  | { type: 'sold-out'; sku: string; soldOn: Channel | 'manual'; at: string }
  | { type: 'restocked'; sku: string; quantity: number; at: string };

export interface ChannelHealth {
  channel: Channel;
  state: 'ok' | 'slow' | 'down' | 'off';
  lastPollAt?: string;
  lastError?: string;
  ordersSeen: number;
}

/**
 * What the live show offers channel connectors. Implemented by the live service; the channel
 * sync (orders in, stock out) uses only this.
 */
export interface LiveLedgerPort {
  /** Enters a pulled order line as a sale, or reverses it when cancelled. Idempotent per channel+order+line. */
  applyOrderLine(line: OrderLine): 'recorded' | 'duplicate' | 'cancelled' | 'unknown-sku';
  /** Current stock for a SKU according to the show's ledger. */
  stockOf(sku: string): number | undefined;
  onStockEvent(listener: (e: StockEvent) => void): () => void;
  reportChannelHealth(h: ChannelHealth): void;
}

/** What a platform connector offers the live show. */
export interface ChannelLink {
  readonly channel: Channel;
  /** New and changed order lines since the last pull (the link keeps its own cursor). */
  pullOrders(): Promise<OrderLine[]>;
  /** Sets the absolute remote stock for a SKU lotcast listed on this channel. */
  setStock(sku: string, quantity: number): Promise<void>;
}
