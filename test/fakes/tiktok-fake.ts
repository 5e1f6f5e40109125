import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

/**
 * A TikTok Shop Open API stand-in on 127.0.0.1 that holds clients to the documented contract:
 * every API request's `sign` is recomputed (path + sorted params + body, wrapped in the app
 * secret, HMAC-SHA256), the timestamp must be within 5 minutes, the access token and shop
 * cipher must match, and the error codes are the real ones (106001, 36009004, 36009002, 105002).
 * Its own signing code is written independently of lotcast's.
 */
export interface FakeOrderLine {
  id: string;
  seller_sku: string;
  sale_price: string;
  quantity?: number;
}
export interface FakeOrder {
  id: string;
  status: string;
  create_time: number;
  update_time: number;
  user_id: string;
  line_items: FakeOrderLine[];
}

export interface TikTokFakeOptions {
  appKey?: string;
  appSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  authCode?: string;
  cipher?: string;
  /** Server clock in ms. */
  now?: () => number;
  /** Lifetime of tokens the fake issues, in seconds. */
  tokenLifetimeS?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  code: number;
  multipart: boolean;
}

export class TikTokFake extends LoopbackServer {
  readonly appKey: string;
  readonly appSecret: string;
  accessToken: string;
  refreshToken: string;
  readonly authCode: string;
  readonly cipher: string;
  readonly requests: FakeRequest[] = [];
  readonly products = new Map<string, { body: Record<string, unknown>; skuId: string; sku: string }>();
  readonly stock = new Map<string, number>();
  readonly uploads: Array<{ bytes: number; filename: string }> = [];
  readonly orders: FakeOrder[] = [];
  /** Answer this many API requests with 36009002 (rate limited). */
  throttleNext = 0;
  /** When set, every API request answers HTTP 503 (the platform is down). */
  down = false;
  /** SKUs whose create fails with a product error (for partial-failure runs). */
  readonly rejectSkus = new Set<string>();
  private seq = 0;
  readonly now: () => number;
  private readonly lifetime: number;

  constructor(o: TikTokFakeOptions = {}) {
    super();
    this.appKey = o.appKey ?? 'fakeappkey';
    this.appSecret = o.appSecret ?? 'fake-app-secret-0123456789';
    this.accessToken = o.accessToken ?? 'TTP_fake_access_token_abcdef';
    this.refreshToken = o.refreshToken ?? 'TTP_fake_refresh_token_ghijkl';
    this.authCode = o.authCode ?? 'fake-auth-code';
    this.cipher = o.cipher ?? 'GCP_fake_cipher';
    this.now = o.now ?? Date.now;
    this.lifetime = o.tokenLifetimeS ?? 7 * 86400;
  }

  addOrder(sku: string, price: string, opts: { id?: string; units?: number; user?: string } = {}): FakeOrder {
    const t = Math.floor(this.now() / 1000);
    const id = opts.id ?? `57${String(++this.seq).padStart(6, '0')}`;
    const order: FakeOrder = {
      id,
      status: 'AWAITING_SHIPMENT',
      create_time: t,
      update_time: t,
      user_id: opts.user ?? `u${this.seq}`,
      // One line item per unit, as TikTok sends them.
      line_items: Array.from({ length: opts.units ?? 1 }, (_, i) => ({
        id: `${id}-${i + 1}`,
        seller_sku: sku,
        sale_price: price,
      })),
    };
    this.orders.push(order);
    return order;
  }

  cancelOrder(id: string): void {
    const o = this.orders.find((x) => x.id === id)!;
    o.status = 'CANCELLED';
    o.update_time = Math.floor(this.now() / 1000);
  }

  private send(res: ServerResponse, code: number, message: string, data?: unknown, status = 200): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, message, request_id: `req${++this.seq}`, ...(data !== undefined ? { data } : {}) }));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const q = Object.fromEntries(url.searchParams);
    const multipart = /^multipart\/form-data/.test(req.headers['content-type'] ?? '');
    const log = (code: number) => this.requests.push({ method: req.method ?? '', path, code, multipart });
    const fail = (code: number, message: string) => {
      log(code);
      this.send(res, code, message);
    };
    if (path.startsWith('/img/')) {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return void res.end(Buffer.alloc(2048, 7));
    }
    if (path === '/api/v2/token/get' || path === '/api/v2/token/refresh') {
      if (q.app_key !== this.appKey || q.app_secret !== this.appSecret) return fail(105001, 'invalid app credentials');
      if (path.endsWith('get') && (q.grant_type !== 'authorized_code' || q.auth_code !== this.authCode))
        return fail(36004004, 'invalid auth code');
      if (path.endsWith('refresh') && (q.grant_type !== 'refresh_token' || q.refresh_token !== this.refreshToken))
        return fail(36004005, 'invalid refresh token');
      this.accessToken = `TTP_issued_${++this.seq}_${Math.random().toString(36).slice(2)}`;
      this.refreshToken = `TTP_refresh_${this.seq}_${Math.random().toString(36).slice(2)}`;
      const t = Math.floor(this.now() / 1000);
      log(0);
      return this.send(res, 0, 'success', {
        access_token: this.accessToken,
        access_token_expire_in: t + this.lifetime,
        refresh_token: this.refreshToken,
        refresh_token_expire_in: t + 30 * 86400,
        seller_name: 'Fake Thrift Co',
        open_id: 'oid',
      });
    }
    if (this.down) {
      log(-1);
      res.writeHead(503, { 'content-type': 'text/plain' });
      return void res.end('down');
    }
    // -- the contract every API call must meet --
    if (q.app_key !== this.appKey) return fail(36009004, 'app_key invalid');
    const ts = Number(q.timestamp);
    if (!Number.isInteger(ts) || Math.abs(ts - this.now() / 1000) > 300)
      return fail(36009004, 'timestamp is invalid or expired');
    const keys = Object.keys(q)
      .filter((k) => k !== 'sign' && k !== 'access_token')
      .sort();
    const base =
      this.appSecret +
      path +
      keys.map((k) => k + q[k]).join('') +
      (multipart ? '' : raw.toString('utf8')) +
      this.appSecret;
    const want = createHmac('sha256', this.appSecret).update(base).digest('hex');
    if (q.sign !== want) return fail(106001, 'Invalid credentials: sign is invalid');
    if (req.headers['x-tts-access-token'] !== this.accessToken)
      return fail(105002, 'Expired credentials: access token is invalid or expired');
    const shopScoped = path !== '/authorization/202309/shops' && path !== '/product/202309/images/upload';
    if (shopScoped && q.shop_cipher !== this.cipher) return fail(36009004, 'shop_cipher is invalid');
    if (this.throttleNext > 0) {
      this.throttleNext--;
      return fail(36009002, 'Too many requests');
    }
    const body = !multipart && raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    log(0);
    const ok = (data: unknown) => this.send(res, 0, 'Success', data);
    if (path === '/authorization/202309/shops')
      return ok({
        shops: [{ id: '7000123', name: 'Fake Thrift Co', region: 'US', cipher: this.cipher, code: 'USFAKE' }],
      });
    if (path === '/logistics/202309/warehouses')
      return ok({
        warehouses: [
          { id: 'WH-RETURN', type: 'RETURN_WAREHOUSE', effect_status: 'ENABLED' },
          { id: 'WH-1', type: 'SALES_WAREHOUSE', effect_status: 'ENABLED', is_default: true },
        ],
      });
    if (path === '/product/202309/images/upload') {
      const text = raw.toString('latin1');
      const filename = /name="data"; filename="([^"]*)"/.exec(text)?.[1];
      if (!filename || !/name="use_case"/.test(text)) return fail(12052002, 'image data missing');
      this.uploads.push({ bytes: raw.length, filename });
      return ok({
        uri: `tos-fake/${this.uploads.length}`,
        url: `https://p16.fake/${this.uploads.length}.jpg`,
        width: 800,
        height: 800,
      });
    }
    if (path === '/product/202309/categories/recommend')
      return ok({
        leaf_category_id: '601226',
        categories: [
          { id: '600001', name: 'Fashion', is_leaf: false },
          { id: '601226', name: 'T-shirts', is_leaf: true },
        ],
      });
    if (path === '/product/202309/products' && req.method === 'POST') {
      const sku = (body.skus as Array<{ seller_sku: string; inventory: Array<{ quantity: number }> }>)[0]!;
      if (this.rejectSkus.has(sku.seller_sku))
        return this.send(res, 12019013, 'product category does not allow this item');
      if (!Array.isArray(body.main_images) || !(body.main_images as unknown[]).length)
        return this.send(res, 12019001, 'main_images required');
      const existing = [...this.products.entries()].find(
        ([, p]) => p.sku === sku.seller_sku && p.body.idempotency_key === body.idempotency_key,
      );
      if (existing)
        return ok({ product_id: existing[0], skus: [{ id: existing[1].skuId, seller_sku: sku.seller_sku }] });
      const productId = `17${String(++this.seq).padStart(8, '0')}`;
      const skuId = `sku${this.seq}`;
      this.products.set(productId, { body, skuId, sku: sku.seller_sku });
      this.stock.set(sku.seller_sku, sku.inventory[0]!.quantity);
      return ok({ product_id: productId, skus: [{ id: skuId, seller_sku: sku.seller_sku }] });
    }
    const edit = /^\/product\/202309\/products\/([^/]+)$/.exec(path);
    if (edit && req.method === 'PUT') {
      const p = this.products.get(edit[1]!);
      if (!p) return this.send(res, 12052230, 'product not found');
      p.body = body;
      const s = (body.skus as Array<{ inventory: Array<{ quantity: number }> }>)[0]!;
      this.stock.set(p.sku, s.inventory[0]!.quantity);
      return ok({ product_id: edit[1], skus: [{ id: p.skuId, seller_sku: p.sku }] });
    }
    const inv = /^\/product\/202309\/products\/([^/]+)\/inventory\/update$/.exec(path);
    if (inv) {
      const p = this.products.get(inv[1]!);
      const s = (body.skus as Array<{ id: string; inventory: Array<{ warehouse_id: string; quantity: number }> }>)[0]!;
      if (!p || s.id !== p.skuId) return this.send(res, 12052230, 'sku not found');
      this.stock.set(p.sku, s.inventory[0]!.quantity);
      return ok({});
    }
    if (path === '/order/202309/orders/search') {
      const ge = Number(body.update_time_ge ?? 0);
      const lt = Number(body.update_time_lt ?? Infinity);
      const size = Math.min(100, Number(q.page_size ?? 20));
      const all = this.orders
        .filter((o) => o.update_time >= ge && o.update_time < lt)
        .sort((a, b) => a.update_time - b.update_time);
      const start = Number(q.page_token ?? 0);
      const page = all.slice(start, start + size);
      return ok({
        orders: page,
        total_count: all.length,
        next_page_token: start + size < all.length ? String(start + size) : '',
      });
    }
    fail(40400, `no such path ${path}`);
  }
}
