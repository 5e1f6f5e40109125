import { ConfigError, PlatformError } from '../../core/errors.js';
import type { TikTokOrder } from '../../core/channels/orders.js';
import type { PlatformHttp } from './http.js';
import {
  TIKTOK_PATHS,
  type TikTokCredentials,
  expiryToEpoch,
  tiktokRetryDecision,
  unwrapTikTok,
} from './tiktok-api.js';
import { tiktokSign } from './tiktok-sign.js';

export interface TikTokClientOptions {
  apiBase: string;
  authBase: string;
  http: PlatformHttp;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number;
  /** Called whenever tokens or the shop cipher change, so they can be saved. */
  onCredentials?: (c: TikTokCredentials) => void;
}

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_S = 300;

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
    const r = await this.opts.http.send(() => ({ method: 'GET', url: url.toString() }), tiktokRetryDecision);
    const data = unwrapTikTok<{
      access_token: string;
      access_token_expire_in: number;
      refresh_token: string;
      refresh_token_expire_in: number;
      seller_name?: string;
    }>(r, path, (t) => this.opts.http.redact(t));
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
    const r = await this.opts.http.send(() => {
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
    }, tiktokRetryDecision);
    return unwrapTikTok<T>(r, path, (t) => this.opts.http.redact(t));
  }
}
