import { ConfigError, PlatformError } from '../../core/errors.js';
import type { TikTokOrder } from '../../core/channels/orders.js';
import { parseJson, type PlatformHttp, type RawResponse, type RetryDecision } from './http.js';
import { tiktokSign } from './tiktok-sign.js';

/** TikTok Shop Open API, versioned paths (202309). Every path lotcast uses is here. */
export const TIKTOK_PATHS = {
  tokenGet: '/api/v2/token/get',
  tokenRefresh: '/api/v2/token/refresh',
  shops: '/authorization/202309/shops',
  warehouses: '/logistics/202309/warehouses',
  imageUpload: '/product/202309/images/upload',
  categoryRecommend: '/product/202309/categories/recommend',
  products: '/product/202309/products',
  product: (id: string) => `/product/202309/products/${encodeURIComponent(id)}`,
  inventoryUpdate: (id: string) => `/product/202309/products/${encodeURIComponent(id)}/inventory/update`,
  ordersSearch: '/order/202309/orders/search',
} as const;

export const TIKTOK_DEFAULT_API_BASE = 'https://open-api.tiktokglobalshop.com';
export const TIKTOK_DEFAULT_AUTH_BASE = 'https://auth.tiktok-shops.com';

export interface TikTokCredentials {
  appKey: string;
  appSecret: string;
  accessToken?: string | undefined;
  accessTokenExpiresAt?: number | undefined;
  refreshToken?: string | undefined;
  refreshTokenExpiresAt?: number | undefined;
  shopCipher?: string | undefined;
  sellerName?: string | undefined;
}

export interface TikTokClientOptions {
  apiBase: string;
  authBase: string;
  http: PlatformHttp;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number;
  /** Called whenever tokens or the shop cipher change, so they can be saved. */
  onCredentials?: (c: TikTokCredentials) => void;
}

const RATE_LIMIT_CODES = new Set([36009002, 12052109]);
const RETRY_CODES = new Set([36009003]);
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_S = 300;

interface Envelope<T> {
  code: number;
  message: string;
  request_id?: string;
  data?: T;
}

export class TikTokClient {
  private creds: TikTokCredentials;
  private readonly now: () => number;

  constructor(
    creds: TikTokCredentials,
    private readonly opts: TikTokClientOptions,
  ) {
    this.creds = { ...creds };
    this.now = opts.now ?? Date.now;
  }

  get credentials(): TikTokCredentials {
    return { ...this.creds };
  }

  // -- OAuth --
  async exchangeCode(authCode: string): Promise<TikTokCredentials> {
    return this.tokenCall(TIKTOK_PATHS.tokenGet, { auth_code: authCode, grant_type: 'authorized_code' });
  }

  async refresh(): Promise<TikTokCredentials> {
    if (!this.creds.refreshToken)
      throw new ConfigError('The TikTok access token has expired and there is no refresh token.', {
        hint: 'Authorise again: lotcast channel add tiktok --auth-code <code>',
      });
    return this.tokenCall(TIKTOK_PATHS.tokenRefresh, {
      refresh_token: this.creds.refreshToken,
      grant_type: 'refresh_token',
    });
  }

  private async tokenCall(path: string, params: Record<string, string>): Promise<TikTokCredentials> {
    const url = new URL(path, this.opts.authBase);
    url.search = new URLSearchParams({
      app_key: this.creds.appKey,
      app_secret: this.creds.appSecret,
      ...params,
    }).toString();
    const r = await this.opts.http.send(
      () => ({ method: 'GET', url: url.toString() }),
      (res) => this.decide(res),
    );
    const data = this.unwrap<{
      access_token: string;
      access_token_expire_in: number;
      refresh_token: string;
      refresh_token_expire_in: number;
      seller_name?: string;
    }>(r, path);
    const nowS = Math.floor(this.now() / 1000);
    this.creds = {
      ...this.creds,
      accessToken: data.access_token,
      accessTokenExpiresAt: expiryToEpoch(data.access_token_expire_in, nowS),
      refreshToken: data.refresh_token,
      refreshTokenExpiresAt: expiryToEpoch(data.refresh_token_expire_in, nowS),
      ...(data.seller_name ? { sellerName: data.seller_name } : {}),
    };
    this.opts.onCredentials?.(this.credentials);
    return this.credentials;
  }

  private async ensureToken(): Promise<string> {
    const nowS = Math.floor(this.now() / 1000);
    const exp = this.creds.accessTokenExpiresAt;
    if (this.creds.accessToken && (exp === undefined || exp - REFRESH_MARGIN_S > nowS)) return this.creds.accessToken;
    if (
      this.creds.refreshToken &&
      (this.creds.refreshTokenExpiresAt === undefined || this.creds.refreshTokenExpiresAt > nowS)
    ) {
      await this.refresh();
      return this.creds.accessToken!;
    }
    if (this.creds.accessToken && exp !== undefined && exp > nowS) return this.creds.accessToken;
    throw new ConfigError(this.creds.accessToken ? 'The TikTok access token has expired.' : 'No TikTok access token.', {
      hint: 'Run `lotcast channel add tiktok` (with --auth-code from the authorisation page, or --access-token), or set LOTCAST_TIKTOK_ACCESS_TOKEN.',
    });
  }

  // -- shop --
  async shops(): Promise<Array<{ id: string; name: string; cipher: string; region?: string }>> {
    const data = await this.call<{ shops?: Array<{ id: string; name: string; cipher: string; region?: string }> }>(
      'GET',
      TIKTOK_PATHS.shops,
      { shopScoped: false },
    );
    return data.shops ?? [];
  }

  async shopCipher(): Promise<string> {
    if (this.creds.shopCipher) return this.creds.shopCipher;
    const shops = await this.shops();
    const first = shops[0];
    if (!first)
      throw new PlatformError('tiktok', 'This TikTok token is not authorised for any shop.', {
        hint: 'Authorise the app for your shop in TikTok Shop Seller Center, then run `lotcast channel add tiktok` again.',
      });
    this.creds = { ...this.creds, shopCipher: first.cipher };
    this.opts.onCredentials?.(this.credentials);
    return first.cipher;
  }

  async defaultWarehouseId(): Promise<string> {
    const data = await this.call<{
      warehouses?: Array<{ id: string; type?: string; is_default?: boolean; effect_status?: string }>;
    }>('GET', TIKTOK_PATHS.warehouses);
    const sales = (data.warehouses ?? []).filter(
      (w) => (w.type ?? 'SALES_WAREHOUSE') === 'SALES_WAREHOUSE' && (w.effect_status ?? 'ENABLED') === 'ENABLED',
    );
    const pick = sales.find((w) => w.is_default) ?? sales[0];
    if (!pick)
      throw new PlatformError('tiktok', 'The TikTok shop has no enabled sales warehouse.', {
        hint: 'Add a warehouse in Seller Center, or set one: lotcast config set channels.tiktok.warehouseId <id>',
      });
    return pick.id;
  }

  // -- products --
  async uploadImage(bytes: Buffer, filename: string): Promise<string> {
    const data = await this.call<{ uri: string }>('POST', TIKTOK_PATHS.imageUpload, {
      shopScoped: false,
      multipart: () => {
        const form = new FormData();
        form.set('data', new Blob([new Uint8Array(bytes)]), filename);
        form.set('use_case', 'MAIN_IMAGE');
        return form;
      },
    });
    return data.uri;
  }

  async recommendCategory(title: string): Promise<{ id: string; name: string } | null> {
    const data = await this.call<{
      leaf_category_id?: string;
      categories?: Array<{ id: string; name: string; is_leaf?: boolean }>;
    }>('POST', TIKTOK_PATHS.categoryRecommend, { body: { product_title: title } });
    const id = data.leaf_category_id ?? data.categories?.find((c) => c.is_leaf)?.id;
    if (!id) return null;
    const name =
      data.categories
        ?.filter((c) => c.name)
        .map((c) => c.name)
        .join(' > ') || id;
    return { id, name };
  }

  async createProduct(
    body: Record<string, unknown>,
  ): Promise<{ productId: string; skus: Array<{ id: string; seller_sku: string }> }> {
    const data = await this.call<{ product_id: string; skus?: Array<{ id: string; seller_sku: string }> }>(
      'POST',
      TIKTOK_PATHS.products,
      { body },
    );
    return { productId: data.product_id, skus: data.skus ?? [] };
  }

  async editProduct(
    productId: string,
    body: Record<string, unknown>,
  ): Promise<{ skus: Array<{ id: string; seller_sku: string }> }> {
    const data = await this.call<{ skus?: Array<{ id: string; seller_sku: string }> }>(
      'PUT',
      TIKTOK_PATHS.product(productId),
      { body },
    );
    return { skus: data.skus ?? [] };
  }

  async updateInventory(productId: string, skuId: string, warehouseId: string, quantity: number): Promise<void> {
    await this.call('POST', TIKTOK_PATHS.inventoryUpdate(productId), {
      body: { skus: [{ id: skuId, inventory: [{ warehouse_id: warehouseId, quantity }] }] },
    });
  }

  /** One page of orders changed in [from, to) (Unix seconds), oldest change first. */
  async searchOrders(
    window: { updateTimeGe: number; updateTimeLt: number },
    pageToken?: string,
  ): Promise<{ orders: TikTokOrder[]; nextPageToken?: string }> {
    const data = await this.call<{ orders?: TikTokOrder[]; next_page_token?: string }>(
      'POST',
      TIKTOK_PATHS.ordersSearch,
      {
        query: {
          page_size: '100',
          sort_field: 'update_time',
          sort_order: 'ASC',
          ...(pageToken ? { page_token: pageToken } : {}),
        },
        body: { update_time_ge: window.updateTimeGe, update_time_lt: window.updateTimeLt },
      },
    );
    return { orders: data.orders ?? [], ...(data.next_page_token ? { nextPageToken: data.next_page_token } : {}) };
  }

  // -- transport --
  private async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    o: { query?: Record<string, string>; body?: unknown; multipart?: () => FormData; shopScoped?: boolean } = {},
  ): Promise<T> {
    const token = await this.ensureToken();
    const cipher = o.shopScoped === false ? undefined : await this.shopCipher();
    // Serialised once: the signed bytes are the sent bytes.
    const json = o.body === undefined ? '' : JSON.stringify(o.body);
    const r = await this.opts.http.send(
      () => {
        const query: Record<string, string> = {
          ...(o.query ?? {}),
          app_key: this.creds.appKey,
          timestamp: String(Math.floor(this.now() / 1000)),
        };
        if (cipher) query.shop_cipher = cipher;
        query.sign = tiktokSign(this.creds.appSecret, path, query, o.multipart ? '' : json);
        const url = new URL(path, this.opts.apiBase);
        url.search = new URLSearchParams(query).toString();
        const headers: Record<string, string> = { 'x-tts-access-token': token };
        if (o.multipart) return { method, url: url.toString(), headers, body: o.multipart() };
        headers['content-type'] = 'application/json';
        return { method, url: url.toString(), headers, ...(json ? { body: json } : {}) };
      },
      (res) => this.decide(res),
    );
    return this.unwrap<T>(r, path);
  }

  private decide(r: RawResponse): RetryDecision {
    if (r.status === 429) return { retry: true, reason: 'HTTP 429' };
    try {
      const env = JSON.parse(r.body) as Envelope<unknown>;
      if (RATE_LIMIT_CODES.has(env.code)) return { retry: true, delayMs: 1000, reason: `rate limited (${env.code})` };
      if (RETRY_CODES.has(env.code)) return { retry: true, reason: `internal error (${env.code})` };
    } catch {
      // Not JSON: unwrap reports it.
    }
    return { retry: false };
  }

  private unwrap<T>(r: RawResponse, path: string): T {
    const env = parseJson('tiktok', r) as Partial<Envelope<T>>;
    if (r.status < 400 && env.code === 0) return (env.data ?? {}) as T;
    const code = env.code;
    const msg = this.opts.http.redact(env.message ?? `HTTP ${r.status}`);
    const where = `${path}${env.request_id ? ` (request_id ${env.request_id})` : ''}`;
    const details = {
      status: r.status,
      ...(code !== undefined ? { code } : {}),
      ...(env.request_id ? { requestId: env.request_id } : {}),
      where,
    };
    if (code === 106001)
      throw new PlatformError('tiktok', `TikTok rejected the request signature (106001): ${msg}`, {
        ...details,
        hint: 'The app secret does not match the app key: check it with `lotcast channel add tiktok` or LOTCAST_TIKTOK_APP_SECRET.',
      });
    if (code === 36009004)
      throw new PlatformError('tiktok', `TikTok rejected the timestamp or parameters (36009004): ${msg}`, {
        ...details,
        hint: "Check this computer's clock (TikTok allows 5 minutes of difference).",
      });
    if (code !== undefined && (RATE_LIMIT_CODES.has(code) || RETRY_CODES.has(code)))
      throw new PlatformError('tiktok', `TikTok is still busy after retries (${code}): ${msg}`, {
        ...details,
        hint: 'Wait a minute and run the command again; finished items are kept.',
      });
    if (code !== undefined && Math.floor(code / 1000) === 105)
      throw new PlatformError('tiktok', `TikTok refused the access token (${code}): ${msg}`, {
        ...details,
        hint: 'Authorise again: lotcast channel add tiktok --auth-code <code>',
      });
    throw new PlatformError('tiktok', `TikTok error ${code ?? `HTTP ${r.status}`}: ${msg}`, details);
  }
}

/** TikTok's *_expire_in fields are absolute Unix times in practice; small values are lifetimes. */
export function expiryToEpoch(value: number, nowS: number): number {
  return value > 1_000_000_000 ? value : nowS + value;
}
