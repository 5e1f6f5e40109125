import { PlatformError } from '../../core/errors.js';
import { parseJson, type RawResponse, type RetryDecision } from './http.js';

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

const RATE_LIMIT_CODES = new Set([36009002, 12052109]);
const RETRY_CODES = new Set([36009003]);
interface Envelope<T> {
  code: number;
  message: string;
  request_id?: string;
  data?: T;
}

/** Retry on HTTP 429 and on the envelope codes TikTok documents as rate limits or transient. */
export function tiktokRetryDecision(r: RawResponse): RetryDecision {
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

/** The envelope's data, or a PlatformError saying what the code means and what to do. */
export function unwrapTikTok<T>(r: RawResponse, path: string, redact: (text: string) => string): T {
  const env = parseJson('tiktok', r) as Partial<Envelope<T>>;
  if (r.status < 400 && env.code === 0) return (env.data ?? {}) as T;
  const code = env.code;
  const msg = redact(env.message ?? `HTTP ${r.status}`);
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

/** TikTok's *_expire_in fields are absolute Unix times in practice; small values are lifetimes. */
export function expiryToEpoch(value: number, nowS: number): number {
  return value > 1_000_000_000 ? value : nowS + value;
}
