import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError, ConfigError } from '../../../src/core/errors.js';
import { Redactor } from '../../../src/core/redact.js';
import { PlatformHttp } from '../../../src/adapters/channels/http.js';
import type { TikTokCredentials } from '../../../src/adapters/channels/tiktok-api.js';
import { TikTokClient } from '../../../src/adapters/channels/tiktok-client.js';
import {
  tiktokSign,
  tiktokSignString,
  tiktokWebhookSignature,
  verifyTikTokWebhook,
} from '../../../src/adapters/channels/tiktok-sign.js';
import { TikTokFake } from '../../fakes/tiktok-fake.js';

describe('TikTok request signing', () => {
  it('matches the official worked example', () => {
    const query = { app_key: '29a39d', timestamp: '1623812664' };
    expect(tiktokSignString('e59af819cc', '/authorization/202309/shops', query)).toBe(
      'e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc',
    );
    expect(tiktokSign('e59af819cc', '/authorization/202309/shops', query)).toBe(
      'b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8',
    );
  });

  it('leaves out sign and access_token, sorts keys, appends the body', () => {
    const s = tiktokSignString(
      'S',
      '/p',
      { timestamp: '2', sign: 'x', access_token: 'y', app_key: 'k', shop_cipher: 'c' },
      '{"a":1}',
    );
    expect(s).toBe('S/papp_keykshop_cipherctimestamp2{"a":1}S');
  });

  it('verifies webhooks and rejects a changed body', () => {
    const body = '{"type":1,"data":{"order_id":"1"}}';
    const sig = tiktokWebhookSignature('abcdef', '123', body);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyTikTokWebhook('abcdef', '123', body, sig)).toBe(true);
    expect(verifyTikTokWebhook('abcdef', '123', body.replace('1"}', '2"}'), sig)).toBe(false);
    expect(verifyTikTokWebhook('abcdef', '124', body, sig)).toBe(false);
  });
});

let fake: TikTokFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function client(
  f: TikTokFake,
  creds: Partial<TikTokCredentials> = {},
  o: { now?: () => number; saved?: TikTokCredentials[] } = {},
): TikTokClient {
  const c: TikTokCredentials = { appKey: f.appKey, appSecret: f.appSecret, accessToken: f.accessToken, ...creds };
  const http = new PlatformHttp({
    platform: 'tiktok',
    redactor: new Redactor().add(c.appSecret, c.accessToken, c.refreshToken),
    sleep: async () => {},
  });
  return new TikTokClient(c, {
    apiBase: f.url,
    authBase: f.url,
    http,
    ...(o.now ? { now: o.now } : {}),
    onCredentials: (n) => o.saved?.push(n),
  });
}

describe('TikTokClient against the fake (signature, clock, token, retries)', () => {
  it('discovers the shop cipher and makes signed shop calls', async () => {
    fake = await new TikTokFake().start();
    const saved: TikTokCredentials[] = [];
    const c = client(fake, {}, { saved });
    expect(await c.defaultWarehouseId()).toBe('WH-1');
    expect(saved.at(-1)?.shopCipher).toBe(fake.cipher);
    expect(fake.requests.map((r) => `${r.path}:${r.code}`)).toEqual([
      '/authorization/202309/shops:0',
      '/logistics/202309/warehouses:0',
    ]);
  });

  it('a wrong app secret is 106001, reported with a hint and without the secret', async () => {
    fake = await new TikTokFake().start();
    const c = client(fake, { appSecret: 'the-wrong-secret-999' });
    const err = await c.shops().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).code).toBe(106001);
    expect((err as PlatformError).hint).toMatch(/app secret/);
    expect(`${(err as Error).message} ${(err as PlatformError).hint}`).not.toContain('the-wrong-secret-999');
  });

  it('a clock 10 minutes off is refused with 36009004 and a clock hint', async () => {
    fake = await new TikTokFake().start();
    const c = client(fake, {}, { now: () => Date.now() - 10 * 60_000 });
    const err = (await c.shops().catch((e: unknown) => e)) as PlatformError;
    expect(err.code).toBe(36009004);
    expect(err.hint).toMatch(/clock/);
  });

  it('retries rate-limit codes with backoff, then succeeds', async () => {
    fake = await new TikTokFake().start();
    fake.throttleNext = 2;
    const shops = await client(fake).shops();
    expect(shops[0]?.cipher).toBe(fake.cipher);
    expect(fake.requests.map((r) => r.code)).toEqual([36009002, 36009002, 0]);
  });

  it('refreshes the access token before it expires and keeps the new one', async () => {
    fake = await new TikTokFake().start();
    const nowS = Math.floor(Date.now() / 1000);
    const saved: TikTokCredentials[] = [];
    const oldToken = fake.accessToken;
    const c = client(fake, { accessTokenExpiresAt: nowS + 60, refreshToken: fake.refreshToken }, { saved });
    await c.shops();
    expect(fake.accessToken).not.toBe(oldToken);
    expect(saved[0]?.accessToken).toBe(fake.accessToken);
    expect(saved[0]?.accessTokenExpiresAt).toBeGreaterThan(nowS + 86400);
    expect(fake.requests[0]?.path).toBe('/api/v2/token/refresh');
  });

  it('an expired token without a refresh token is a config error saying how to re-authorise', async () => {
    fake = await new TikTokFake().start();
    const err = await client(fake, { accessTokenExpiresAt: Math.floor(Date.now() / 1000) - 10 })
      .shops()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).hint).toMatch(/channel add tiktok/);
    expect(fake.requests).toHaveLength(0);
  });

  it('exchanges an auth code (grant_type authorized_code) for tokens', async () => {
    fake = await new TikTokFake().start();
    const c = client(fake, { accessToken: undefined });
    const creds = await c.exchangeCode(fake.authCode);
    expect(creds.accessToken).toBe(fake.accessToken);
    expect(creds.sellerName).toBe('Fake Thrift Co');
    await expect(client(fake, { accessToken: undefined }).exchangeCode('nope')).rejects.toThrow(/36004004/);
  });

  it('uploads images as multipart (body not signed) and pages through orders', async () => {
    fake = await new TikTokFake().start();
    const c = client(fake);
    expect(await c.uploadImage(Buffer.alloc(500, 1), 'a.jpg')).toBe('tos-fake/1');
    expect(fake.uploads[0]?.filename).toBe('a.jpg');
    for (let i = 0; i < 130; i++) fake.addOrder('SKU-1', '5.00');
    const t = Math.floor(Date.now() / 1000);
    const first = await c.searchOrders({ updateTimeGe: t - 60, updateTimeLt: t + 1 });
    expect(first.orders).toHaveLength(100);
    const second = await c.searchOrders({ updateTimeGe: t - 60, updateTimeLt: t + 1 }, first.nextPageToken);
    expect(second.orders).toHaveLength(30);
    expect(second.nextPageToken).toBeUndefined();
  });
});
