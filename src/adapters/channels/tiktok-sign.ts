import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * TikTok Shop request signing, exactly as documented: the query parameters except `sign` and
 * `access_token`, sorted by key, concatenated key+value; prefixed with the path; suffixed with
 * the body (not for multipart); wrapped in the app secret; HMAC-SHA256 keyed with the secret.
 */
export function tiktokSignString(appSecret: string, path: string, query: Record<string, string>, body = ''): string {
  const params = Object.keys(query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${query[k]}`)
    .join('');
  return `${appSecret}${path}${params}${body}${appSecret}`;
}

export function tiktokSign(appSecret: string, path: string, query: Record<string, string>, body = ''): string {
  return createHmac('sha256', appSecret)
    .update(tiktokSignString(appSecret, path, query, body))
    .digest('hex');
}

/** Webhook check: Authorization = hex HMAC-SHA256(app_secret, app_key + raw body). */
export function tiktokWebhookSignature(appKey: string, appSecret: string, rawBody: string): string {
  return createHmac('sha256', appSecret)
    .update(appKey + rawBody)
    .digest('hex');
}

export function verifyTikTokWebhook(
  appKey: string,
  appSecret: string,
  rawBody: string,
  authorization: string,
): boolean {
  const want = Buffer.from(tiktokWebhookSignature(appKey, appSecret, rawBody), 'utf8');
  const got = Buffer.from(authorization.trim().toLowerCase(), 'utf8');
  return want.length === got.length && timingSafeEqual(want, got);
}
