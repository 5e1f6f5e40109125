import { randomUUID } from 'node:crypto';
import { ConfigError, PlatformError } from '../../core/errors.js';
import type { WhatnotOrder } from '../../core/channels/orders.js';
import { parseJson, type PlatformHttp, type RawResponse } from './http.js';

/**
 * Every Whatnot Seller API (REST v2) path lotcast uses. Confirmed on developers.whatnot.com:
 * GET / (health), GET and POST /products, GET and PATCH /products/{id}/variants, POST
 * /inventory/set (1-10 items), POST /merchandising/products/{id}. UNCONFIRMED (the models are
 * published, the paths were not found): PATCH /products/{id}, GET /orders and its filters,
 * GET /shows.
 */
export const WHATNOT_PATHS = {
  health: '/',
  products: '/products',
  product: (id: string) => `/products/${encodeURIComponent(id)}`,
  variants: (id: string) => `/products/${encodeURIComponent(id)}/variants`,
  inventorySet: '/inventory/set',
  merchandising: (id: string) => `/merchandising/products/${encodeURIComponent(id)}`,
  orders: '/orders',
  shows: '/shows',
} as const;

/** Per-item outcomes of POST /inventory/set that mean the stock was not set. */
const INVENTORY_FAILURES: Record<string, string> = {
  variant_not_found: 'the variant is gone on Whatnot',
  inventory_level_not_found: 'Whatnot has no stock level for the variant',
  inventory_not_supported: 'Whatnot does not track stock for this product',
};

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
    if (!opts.token)
      throw new ConfigError('No Whatnot API token.', {
        hint: 'Run `lotcast channel add whatnot` or set LOTCAST_WHATNOT_TOKEN.',
      });
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.rate = opts.ratePerSecond ?? WHATNOT_RATE_PER_S;
  }

  async health(): Promise<boolean> {
    const body = await this.call<{ status?: string }>('GET', WHATNOT_PATHS.health);
    return body.status === 'ok';
  }

  /** POST /products: the product only (it is not on sale yet); its id. */
  async createProduct(body: Record<string, unknown>, idempotencyKey: string): Promise<{ productId: string }> {
    const p = await this.call<{ id: string }>('POST', WHATNOT_PATHS.products, { body, idempotencyKey });
    return { productId: p.id };
  }

  /** PATCH /products/{id} (UNCONFIRMED path): title, description, media and the rest. */
  async updateProduct(productId: string, body: Record<string, unknown>): Promise<void> {
    await this.call('PATCH', WHATNOT_PATHS.product(productId), { body });
  }

  /** The product's variants (one for a product without options). */
  async listVariants(productId: string): Promise<Array<{ id: string; sku?: string | null }>> {
    const body = await this.call<
      | Array<{ id: string; sku?: string | null }>
      | { data?: Array<{ id: string; sku?: string | null }>; variants?: Array<{ id: string; sku?: string | null }> }
    >('GET', WHATNOT_PATHS.variants(productId));
    return Array.isArray(body) ? body : (body.data ?? body.variants ?? []);
  }

  /** PATCH /products/{id}/variants: each variant's SKU and price. */
  async updateVariants(productId: string, variants: Array<Record<string, unknown> & { id: string }>): Promise<void> {
    await this.call('PATCH', WHATNOT_PATHS.variants(productId), { body: { variants } });
  }

  /** POST /merchandising/products/{id}: the sale format (and show) that puts the product on sale. */
  async merchandise(productId: string, body: Record<string, unknown>): Promise<void> {
    await this.call('POST', WHATNOT_PATHS.merchandising(productId), { body });
  }

  /**
   * Absolute quantities, at most 10 per request (Whatnot's batch size). Items are applied
   * independently: one that was not applied is an error naming its variant.
   */
  async setInventory(items: Array<{ variantId: string; quantity: number }>): Promise<void> {
    for (let i = 0; i < items.length; i += 10) {
      // Per-item keys: a retried request applies each item at most once ('already_applied').
      const batch = items
        .slice(i, i + 10)
        .map((x) => ({ variant_id: x.variantId, quantity: x.quantity, idempotency_key: randomUUID() }));
      const body = await this.call<{ results?: Array<{ variant_id: string; status: string }> }>(
        'POST',
        WHATNOT_PATHS.inventorySet,
        { body: { items: batch } },
      );
      for (const r of body.results ?? []) {
        const why = INVENTORY_FAILURES[r.status];
        if (why) {
          throw new PlatformError(
            'whatnot',
            `Whatnot did not set the stock of variant ${r.variant_id}: ${why} (${r.status}).`,
            {
              code: r.status,
              where: `POST ${WHATNOT_PATHS.inventorySet}`,
              hint: 'Run `lotcast list --channel whatnot` again to re-create the listing, or check it in Seller Hub.',
            },
          );
        }
      }
    }
  }

  /** One page of orders updated at or after `updatedAfter` (ISO time). */
  async listOrders(updatedAfter: string, cursor?: string): Promise<{ orders: WhatnotOrder[]; nextCursor?: string }> {
    const q = new URLSearchParams({ updated_after: updatedAfter, limit: '100', ...(cursor ? { cursor } : {}) });
    const body = await this.call<{ data?: WhatnotOrder[]; next_cursor?: string | null }>(
      'GET',
      `${WHATNOT_PATHS.orders}?${q}`,
    );
    return { orders: body.data ?? [], ...(body.next_cursor ? { nextCursor: body.next_cursor } : {}) };
  }

  async listShows(): Promise<Array<{ id: string; title?: string; status?: string; starts_at?: string }>> {
    type Show = { id: string; title?: string; status?: string; scheduled_start_at?: string; starts_at?: string };
    const body = await this.call<Show[] | { data?: Show[] }>('GET', WHATNOT_PATHS.shows);
    const shows = Array.isArray(body) ? body : (body.data ?? []);
    // The Show model names the start scheduled_start_at.
    return shows.map(({ scheduled_start_at, starts_at, ...rest }) => ({
      ...rest,
      ...((scheduled_start_at ?? starts_at) ? { starts_at: scheduled_start_at ?? starts_at } : {}),
    }));
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

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    o: { body?: unknown; idempotencyKey?: string } = {},
  ): Promise<T> {
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
    const details = {
      status: r.status,
      where,
      ...(body.type ? { code: body.type } : {}),
      ...(requestId ? { requestId } : {}),
    };
    if (r.status === 401 || r.status === 403)
      throw new PlatformError('whatnot', `Whatnot refused the API token (HTTP ${r.status}): ${msg}`, {
        ...details,
        hint: 'Check the token: lotcast channel add whatnot --token-stdin, or LOTCAST_WHATNOT_TOKEN.',
      });
    if (r.status === 429)
      throw new PlatformError('whatnot', 'Whatnot is still rate limiting after retries (HTTP 429).', {
        ...details,
        hint: 'Wait a minute and run the command again; finished items are kept.',
      });
    throw new PlatformError('whatnot', `Whatnot error (HTTP ${r.status}): ${msg}`, details);
  }
}

function headerOf(r: RawResponse, name: string): string | undefined {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
