import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

/**
 * A Whatnot Seller API (REST v2) stand-in on 127.0.0.1: bearer token checked, 10 requests per
 * second per token enforced with 429 + Retry-After and a problem-details body, RateLimit-*
 * headers, idempotency keys replayed. The listing flow is the documented one: POST /products
 * (category, dimension_profile and title required; not on sale yet), GET and PATCH
 * /products/{id}/variants (SKU, pricing), POST /inventory/set (1-10 items, per-item
 * idempotency keys and statuses), POST /merchandising/products/{id}. Paths the docs do not
 * show follow lotcast's WHATNOT_PATHS.
 */
export interface WnOrder {
  id: string;
  status: string;
  created_at: string;
  updated_at: string;
  buyer: { username: string };
  line_items: Array<{
    id: string;
    variant: { id: string; sku: string };
    quantity: number;
    price: { amount: string; currency: string };
  }>;
}

export interface WnProduct {
  body: Record<string, unknown>;
  variantId: string;
  /** Set by PATCH /products/{id}/variants. */
  sku: string;
  pricing?: Record<string, { price?: { amount: string }; start_price?: { amount: string } }>;
  /** Set by POST /merchandising/products/{id}: on sale from then on. */
  merchandising?: { transaction_type: string; reserve_for_live?: boolean; shows?: string[] };
}

export class WhatnotFake extends LoopbackServer {
  readonly token: string;
  readonly prefix = '/seller-api/rest/v2';
  readonly requests: Array<{ method: string; path: string; status: number; at: number }> = [];
  readonly products = new Map<string, WnProduct>();
  readonly stock = new Map<string, number>();
  readonly orders: WnOrder[] = [];
  readonly limit: number;
  down = false;
  rejectSkus = new Set<string>();
  /** SKUs whose PATCH .../variants is refused (422): a listing that fails after its product exists. */
  rejectPricing = new Set<string>();
  readonly shows = [
    { id: 'show_1', title: 'Sunday Thrift Drop', status: 'scheduled', scheduled_start_at: '2026-11-29T19:00:00Z' },
  ];
  private readonly idem = new Map<string, { status: number; body: unknown }>();
  /** POST /inventory/set item keys already applied (per seller, as Whatnot scopes them). */
  private readonly itemKeys = new Set<string>();
  private readonly window: number[] = [];
  private seq = 0;

  constructor(o: { token?: string; limitPerSecond?: number } = {}) {
    super();
    this.token = o.token ?? 'wn_access_tk_test_fake0123456789';
    this.limit = o.limitPerSecond ?? 10;
  }

  get apiBase(): string {
    return this.url + this.prefix;
  }

  /** Most requests that reached the fake within any 1-second window. */
  peakPerSecond(): number {
    const t = this.requests.map((r) => r.at).sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; j < t.length; j++) {
      while (t[j]! - t[i]! >= 1000) i++;
      best = Math.max(best, j - i + 1);
    }
    return best;
  }

  addOrder(sku: string, amount: string, opts: { quantity?: number; buyer?: string } = {}): WnOrder {
    const p = [...this.products.values()].find((x) => x.sku === sku);
    const now = new Date().toISOString();
    const id = `ord_${++this.seq}`;
    const o: WnOrder = {
      id,
      status: 'pending',
      created_at: now,
      updated_at: now,
      buyer: { username: opts.buyer ?? `buyer${this.seq}` },
      line_items: [
        {
          id: `li_${this.seq}`,
          variant: { id: p?.variantId ?? 'var_x', sku },
          quantity: opts.quantity ?? 1,
          price: { amount, currency: 'USD' },
        },
      ],
    };
    this.orders.push(o);
    return o;
  }

  cancelOrder(id: string): void {
    const o = this.orders.find((x) => x.id === id)!;
    o.status = 'cancelled';
    o.updated_at = new Date().toISOString();
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.startsWith(this.prefix) ? url.pathname.slice(this.prefix.length) || '/' : url.pathname;
    const now = Date.now();
    const entry = { method: req.method ?? '', path, status: 0, at: now };
    this.requests.push(entry);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      this.json(res, status, body, headers);
    };
    if (this.down) return reply(503, { type: 'unavailable', title: 'Service unavailable', status: 503 });
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return reply(401, {
        type: 'unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'invalid or missing access token',
      });
    while (this.window.length && this.window[0]! <= now - 1000) this.window.shift();
    const rl = {
      'RateLimit-Limit': String(this.limit),
      'RateLimit-Remaining': String(Math.max(0, this.limit - this.window.length - 1)),
      'RateLimit-Reset': '1',
    };
    if (this.window.length >= this.limit) {
      return reply(
        429,
        {
          type: 'rate-limited',
          title: 'Rate limited',
          status: 429,
          detail: `more than ${this.limit} requests per second`,
        },
        { ...rl, 'Retry-After': '1' },
      );
    }
    this.window.push(now);
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && this.idem.has(key)) {
      const prev = this.idem.get(key)!;
      return reply(prev.status, prev.body, rl);
    }
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    const answer = (status: number, b: unknown) => {
      // Like other idempotency-key APIs: a request refused up front (4xx) is not remembered.
      if (typeof key === 'string' && status < 300) this.idem.set(key, { status, body: b });
      reply(status, b, rl);
    };
    if (path === '/' && req.method === 'GET') return answer(200, { status: 'ok' });
    if (path === '/products' && req.method === 'POST') {
      const missing = ['category', 'dimension_profile', 'title'].filter(
        (f) => typeof body[f] !== 'string' || body[f] === '',
      );
      if (missing.length)
        return answer(422, {
          type: 'validation',
          title: 'Invalid product',
          status: 422,
          detail: `${missing.join(', ')} required`,
        });
      if ((body.title as string).length > 80)
        return answer(422, {
          type: 'validation',
          title: 'Invalid product',
          status: 422,
          detail: 'title must be 1-80 characters',
        });
      if (this.rejectSkus.has(String(body.external_id)))
        return answer(422, {
          type: 'validation',
          title: 'Invalid product',
          status: 422,
          detail: `category not allowed for ${String(body.external_id)}`,
        });
      const id = `prod_${++this.seq}`;
      this.products.set(id, { body, variantId: `var_${this.seq}`, sku: '' });
      return answer(201, { id, title: body.title, url: `https://www.whatnot.com/listing/${id}` });
    }
    const variants = /^\/products\/([^/]+)\/variants$/.exec(path);
    if (variants) {
      const p = this.products.get(variants[1]!);
      if (!p) return answer(404, { type: 'product-not-found', title: 'Product not found', status: 404 });
      if (req.method === 'GET') return answer(200, { data: [{ id: p.variantId, sku: p.sku || null }] });
      if (req.method === 'PATCH') {
        const list = body.variants as Array<{ id: string; sku?: string; pricing?: WnProduct['pricing'] }> | undefined;
        const v = list?.find((x) => x.id === p.variantId);
        if (!v)
          return answer(422, { type: 'invalid-parameter', title: 'Unknown variant', status: 422, param: 'variants' });
        if (v.sku && this.rejectPricing.has(v.sku))
          return answer(422, { type: 'invalid-parameter', title: 'Invalid price', status: 422, param: 'pricing' });
        if (v.sku !== undefined) p.sku = v.sku;
        if (v.pricing) p.pricing = v.pricing;
        return answer(200, { data: [{ id: p.variantId, sku: p.sku, pricing: p.pricing ?? null }] });
      }
    }
    const prod = /^\/products\/([^/]+)$/.exec(path);
    if (prod && req.method === 'PATCH') {
      const p = this.products.get(prod[1]!);
      if (!p) return answer(404, { type: 'product-not-found', title: 'Product not found', status: 404 });
      p.body = { ...p.body, ...body };
      return answer(200, { id: prod[1], title: p.body.title });
    }
    if (path === '/inventory/set' && req.method === 'POST') {
      const items = body.items as Array<{ variant_id: string; quantity: number; idempotency_key: string }>;
      if (!Array.isArray(items) || items.length < 1 || items.length > 10)
        return answer(422, {
          type: 'invalid-parameter',
          title: 'items must hold 1 to 10 entries',
          status: 422,
          param: 'items',
        });
      const results = items.map((it) => {
        const p = [...this.products.values()].find((x) => x.variantId === it.variant_id);
        const previous = p ? (this.stock.get(p.sku) ?? 0) : 0;
        const status = !p ? 'variant_not_found' : this.itemKeys.has(it.idempotency_key) ? 'already_applied' : 'applied';
        if (status === 'applied') {
          this.itemKeys.add(it.idempotency_key);
          this.stock.set(p!.sku, it.quantity);
        }
        return {
          idempotency_key: it.idempotency_key,
          variant_id: it.variant_id,
          previous_quantity: previous,
          new_quantity: p ? this.stock.get(p.sku) : null,
          status,
          warnings: [],
        };
      });
      return answer(200, { results });
    }
    const merch = /^\/merchandising\/products\/([^/]+)$/.exec(path);
    if (merch && req.method === 'POST') {
      const p = this.products.get(merch[1]!);
      if (!p) return answer(404, { type: 'product-not-found', title: 'Product not found', status: 404 });
      if (!['buy_it_now', 'auction', 'giveaway'].includes(String(body.transaction_type)))
        return answer(422, {
          type: 'invalid-parameter',
          title: 'Unknown transaction_type',
          status: 422,
          param: 'transaction_type',
        });
      p.merchandising = body as WnProduct['merchandising'];
      return answer(200, { product_id: merch[1], ...body });
    }
    if (path === '/orders' && req.method === 'GET') {
      const after = url.searchParams.get('updated_after') ?? '1970-01-01T00:00:00Z';
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const all = this.orders.filter((o) => o.updated_at >= after);
      return answer(200, {
        data: all.slice(start, start + limit),
        next_cursor: start + limit < all.length ? String(start + limit) : null,
      });
    }
    if (path === '/shows') return answer(200, { data: this.shows });
    answer(404, { type: 'not-found', title: `no route ${req.method} ${path}`, status: 404 });
  }
}
