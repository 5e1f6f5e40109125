import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

/**
 * A Whatnot Seller API (REST v2) stand-in on 127.0.0.1: bearer token checked, 10 requests per
 * second per token enforced with 429 + Retry-After and a problem-details body, RateLimit-*
 * headers, idempotency keys replayed. Paths follow lotcast's WHATNOT_PATHS (UNCONFIRMED ones).
 */
export interface WnOrder {
  id: string;
  status: string;
  created_at: string;
  updated_at: string;
  buyer: { username: string };
  line_items: Array<{ id: string; variant: { id: string; sku: string }; quantity: number; price: { amount: string; currency: string } }>;
}

export class WhatnotFake extends LoopbackServer {
  readonly token: string;
  readonly prefix = '/seller-api/rest/v2';
  readonly requests: Array<{ method: string; path: string; status: number; at: number }> = [];
  readonly products = new Map<string, { body: Record<string, unknown>; variantId: string; sku: string }>();
  readonly stock = new Map<string, number>();
  readonly orders: WnOrder[] = [];
  readonly limit: number;
  down = false;
  rejectSkus = new Set<string>();
  readonly shows = [{ id: 'show_1', title: 'Sunday Thrift Drop', status: 'scheduled', starts_at: '2026-11-29T19:00:00Z' }];
  private readonly idem = new Map<string, { status: number; body: unknown }>();
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
      id, status: 'pending', created_at: now, updated_at: now, buyer: { username: opts.buyer ?? `buyer${this.seq}` },
      line_items: [{ id: `li_${this.seq}`, variant: { id: p?.variantId ?? 'var_x', sku }, quantity: opts.quantity ?? 1, price: { amount, currency: 'USD' } }],
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
    res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
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
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401, { type: 'unauthorized', title: 'Unauthorized', status: 401, detail: 'invalid or missing access token' });
    while (this.window.length && this.window[0]! <= now - 1000) this.window.shift();
    const rl = { 'RateLimit-Limit': String(this.limit), 'RateLimit-Remaining': String(Math.max(0, this.limit - this.window.length - 1)), 'RateLimit-Reset': '1' };
    if (this.window.length >= this.limit) {
      return reply(429, { type: 'rate-limited', title: 'Rate limited', status: 429, detail: `more than ${this.limit} requests per second` }, { ...rl, 'Retry-After': '1' });
    }
    this.window.push(now);
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && this.idem.has(key)) {
      const prev = this.idem.get(key)!;
      return reply(prev.status, prev.body, rl);
    }
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    const answer = (status: number, b: unknown) => {
      if (typeof key === 'string' && status < 500) this.idem.set(key, { status, body: b });
      reply(status, b, rl);
    };
    if (path === '/' && req.method === 'GET') return answer(200, { status: 'ok' });
    if (path === '/products' && req.method === 'POST') {
      const v = (body.variants as Array<{ sku: string; quantity: number; price: { amount: string } }>)?.[0];
      if (!v || typeof body.title !== 'string' || body.title.length > 80) return answer(422, { type: 'validation', title: 'Invalid product', status: 422, detail: 'title must be 1-80 characters' });
      if (this.rejectSkus.has(v.sku)) return answer(422, { type: 'validation', title: 'Invalid product', status: 422, detail: `category not allowed for ${v.sku}` });
      const id = `prod_${++this.seq}`;
      const variantId = `var_${this.seq}`;
      this.products.set(id, { body, variantId, sku: v.sku });
      this.stock.set(v.sku, v.quantity);
      return answer(201, { id, title: body.title, variants: [{ id: variantId, sku: v.sku }] });
    }
    const prod = /^\/products\/([^/]+)$/.exec(path);
    if (prod && req.method === 'PATCH') {
      const p = this.products.get(prod[1]!);
      if (!p) return answer(404, { type: 'not-found', title: 'Not found', status: 404 });
      p.body = { ...p.body, ...body };
      return answer(200, { id: prod[1], variants: [{ id: p.variantId, sku: p.sku }] });
    }
    if (path === '/inventory/batch' && req.method === 'POST') {
      const items = body.items as Array<{ variant_id: string; quantity: number; idempotency_key: string }>;
      if (!Array.isArray(items) || items.length < 1 || items.length > 10) return answer(422, { type: 'validation', title: 'items must hold 1 to 10 entries', status: 422 });
      for (const it of items) {
        const p = [...this.products.values()].find((x) => x.variantId === it.variant_id);
        if (!p) return answer(404, { type: 'not-found', title: `variant ${it.variant_id} not found`, status: 404 });
        this.stock.set(p.sku, it.quantity);
      }
      return answer(200, { updated: items.length });
    }
    if (path === '/orders' && req.method === 'GET') {
      const after = url.searchParams.get('updated_after') ?? '1970-01-01T00:00:00Z';
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const all = this.orders.filter((o) => o.updated_at >= after);
      return answer(200, { data: all.slice(start, start + limit), next_cursor: start + limit < all.length ? String(start + limit) : null });
    }
    if (path === '/shows') return answer(200, { data: this.shows });
    answer(404, { type: 'not-found', title: `no route ${req.method} ${path}`, status: 404 });
  }
}
