import { randomUUID } from 'node:crypto';
import { ConfigError, PlatformError } from '../../core/errors.js';
import type { WhatnotOrder } from '../../core/channels/orders.js';
import { parseJson, type PlatformHttp, type RawResponse } from './http.js';

/**
 * Whatnot Seller API (REST v2). Only `GET /products` is confirmed in the platform notes; every
 * other path is UNCONFIRMED and kept here, one line each, so a correction is one edit.
 */
export const WHATNOT_PATHS = {
  health: '/',
  products: '/products',
  product: (id: string) => `/products/${encodeURIComponent(id)}`,
  inventoryBatch: '/inventory/batch',
  orders: '/orders',
  shows: '/shows',
} as const;

export const WHATNOT_DEFAULT_API_BASE = 'https://api.whatnot.com/seller-api/rest/v2';
/** Whatnot allows 10 requests per second per seller per app. */
export const WHATNOT_RATE_PER_S = 10;
/** A second plus a margin: requests reach Whatnot a little later, and unevenly, than they leave. */
const PACE_WINDOW_MS = 1150;

export interface WhatnotClientOptions {
  apiBase: string;
  token: string;
  http: PlatformHttp;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  ratePerSecond?: number;
}

export class WhatnotClient {
  private readonly sent: number[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly rate: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: WhatnotClientOptions) {
    if (!opts.token) throw new ConfigError('No Whatnot API token.', { hint: 'Run `lotcast channel add whatnot` or set LOTCAST_WHATNOT_TOKEN.' });
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.rate = opts.ratePerSecond ?? WHATNOT_RATE_PER_S;
  }

  async health(): Promise<boolean> {
    const body = await this.call<{ status?: string }>('GET', WHATNOT_PATHS.health);
    return body.status === 'ok';
  }

  async createProduct(body: Record<string, unknown>, idempotencyKey: string): Promise<{ productId: string; variantId: string | undefined }> {
    const p = await this.call<{ id: string; variants?: Array<{ id: string; sku?: string }> }>('POST', WHATNOT_PATHS.products, { body, idempotencyKey });
    return { productId: p.id, variantId: p.variants?.[0]?.id };
  }

  async updateProduct(productId: string, body: Record<string, unknown>, idempotencyKey: string): Promise<{ variantId: string | undefined }> {
    const p = await this.call<{ id: string; variants?: Array<{ id: string }> }>('PATCH', WHATNOT_PATHS.product(productId), { body, idempotencyKey });
    return { variantId: p.variants?.[0]?.id };
  }

  /** Absolute quantities, at most 10 per request (Whatnot's batch size). */
  async setInventory(items: Array<{ variantId: string; quantity: number }>): Promise<void> {
    for (let i = 0; i < items.length; i += 10) {
      const batch = items.slice(i, i + 10).map((x) => ({ variant_id: x.variantId, quantity: x.quantity, idempotency_key: randomUUID() }));
      await this.call('POST', WHATNOT_PATHS.inventoryBatch, { body: { items: batch }, idempotencyKey: randomUUID() });
    }
  }

  /** One page of orders updated at or after `updatedAfter` (ISO time). */
  async listOrders(updatedAfter: string, cursor?: string): Promise<{ orders: WhatnotOrder[]; nextCursor?: string }> {
    const q = new URLSearchParams({ updated_after: updatedAfter, limit: '100', ...(cursor ? { cursor } : {}) });
    const body = await this.call<{ data?: WhatnotOrder[]; next_cursor?: string | null }>('GET', `${WHATNOT_PATHS.orders}?${q}`);
    return { orders: body.data ?? [], ...(body.next_cursor ? { nextCursor: body.next_cursor } : {}) };
  }

  async listShows(): Promise<Array<{ id: string; title?: string; status?: string; starts_at?: string }>> {
    const body = await this.call<{ data?: Array<{ id: string; title?: string; status?: string; starts_at?: string }> }>('GET', WHATNOT_PATHS.shows);
    return body.data ?? [];
  }

  /** Client-side pacing: never more than `rate` requests in any one-second window. */
  private pace(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const t = this.now();
        while (this.sent.length && this.sent[0]! <= t - PACE_WINDOW_MS) this.sent.shift();
        if (this.sent.length < this.rate) {
          this.sent.push(t);
          return;
        }
        await this.sleep(this.sent[0]! + PACE_WINDOW_MS - t + 1);
      }
    });
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, o: { body?: unknown; idempotencyKey?: string } = {}): Promise<T> {
    const json = o.body === undefined ? undefined : JSON.stringify(o.body);
    const url = this.opts.apiBase.replace(/\/+$/, '') + path;
    const r = await this.opts.http.send(
      () => ({
        method,
        url,
        headers: {
          authorization: `Bearer ${this.opts.token}`,
          accept: 'application/json',
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          // The same key on every retry: a write that reached Whatnot is not applied twice.
          ...(o.idempotencyKey ? { 'idempotency-key': o.idempotencyKey } : {}),
        },
        ...(json !== undefined ? { body: json } : {}),
      }),
      (res) => (res.status === 429 ? { retry: true, reason: 'rate limited (429)' } : { retry: false }),
      () => this.pace(),
    );
    return this.unwrap<T>(r, `${method} ${path.split('?')[0]}`);
  }

  private unwrap<T>(r: RawResponse, where: string): T {
    const body = parseJson('whatnot', r) as T & { title?: string; detail?: string; type?: string };
    if (r.status < 400) return body;
    const msg = this.opts.http.redact([body.title, body.detail].filter(Boolean).join(': ') || `HTTP ${r.status}`);
    const requestId = headerOf(r, 'x-request-id');
    const details = { status: r.status, where, ...(body.type ? { code: body.type } : {}), ...(requestId ? { requestId } : {}) };
    if (r.status === 401 || r.status === 403) throw new PlatformError('whatnot', `Whatnot refused the API token (HTTP ${r.status}): ${msg}`, { ...details, hint: 'Check the token: lotcast channel add whatnot --token-stdin, or LOTCAST_WHATNOT_TOKEN.' });
    if (r.status === 429) throw new PlatformError('whatnot', 'Whatnot is still rate limiting after retries (HTTP 429).', { ...details, hint: 'Wait a minute and run the command again; finished items are kept.' });
    throw new PlatformError('whatnot', `Whatnot error (HTTP ${r.status}): ${msg}`, details);
  }
}

function headerOf(r: RawResponse, name: string): string | undefined {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
