import { parseMoney } from '../money.js';
import type { OrderLine } from '../channel-types.js';

/**
 * Platform orders to lotcast order lines. TikTok gives one line item per unit (no quantity
 * field; UNCONFIRMED, so a quantity is honoured when present); Whatnot gives quantities.
 */
export interface TikTokOrder {
  id: string;
  status: string;
  create_time?: number;
  update_time?: number;
  user_id?: string;
  buyer_nickname?: string;
  line_items?: Array<{
    id: string;
    seller_sku?: string;
    sku_id?: string;
    sale_price?: string;
    quantity?: number;
    display_status?: string;
    is_cancelled?: boolean;
  }>;
}

export function tiktokOrderLines(order: TikTokOrder): OrderLine[] {
  const cancelled = order.status === 'CANCELLED';
  const at = new Date((order.update_time ?? order.create_time ?? 0) * 1000).toISOString();
  return (order.line_items ?? [])
    .filter((li) => li.seller_sku)
    .map((li) => ({
      channel: 'tiktok' as const,
      orderId: order.id,
      lineId: li.id,
      sku: li.seller_sku!,
      priceCents: cents(li.sale_price),
      quantity: li.quantity && li.quantity > 0 ? li.quantity : 1,
      buyer: order.buyer_nickname || (order.user_id ? `tiktok:${order.user_id}` : 'tiktok buyer'),
      status: cancelled || li.is_cancelled || li.display_status === 'CANCELLED' ? 'cancelled' : 'placed',
      at,
    }));
}

export interface WhatnotOrder {
  id: string;
  status: string;
  created_at?: string;
  updated_at?: string;
  buyer?: { username?: string; id?: string };
  line_items?: Array<{
    id: string;
    sku?: string;
    variant?: { id?: string; sku?: string };
    quantity?: number;
    price?: { amount: string; currency?: string };
    status?: string;
  }>;
}

export function whatnotOrderLines(order: WhatnotOrder): OrderLine[] {
  // A 'failed' order (payment never went through) sold nothing either.
  const cancelled = /cancel|fail/i.test(order.status);
  return (order.line_items ?? [])
    .map((li) => ({ li, sku: li.sku ?? li.variant?.sku }))
    .filter((x): x is typeof x & { sku: string } => Boolean(x.sku))
    .map(({ li, sku }) => ({
      channel: 'whatnot' as const,
      orderId: order.id,
      lineId: li.id,
      sku,
      priceCents: cents(li.price?.amount),
      quantity: li.quantity && li.quantity > 0 ? li.quantity : 1,
      buyer: order.buyer?.username ? `@${order.buyer.username.replace(/^@/, '')}` : 'whatnot buyer',
      status: cancelled || /cancel/i.test(li.status ?? '') ? 'cancelled' : 'placed',
      at: order.updated_at ?? order.created_at ?? new Date(0).toISOString(),
    }));
}

function cents(amount: string | undefined): number {
  if (!amount) return 0;
  const m = parseMoney(amount);
  return m.ok ? m.cents : 0;
}
