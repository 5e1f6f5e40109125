import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/core/errors.js';
import { Redactor } from '../../../src/core/redact.js';
import { PlatformHttp } from '../../../src/adapters/channels/http.js';
import { WhatnotClient } from '../../../src/adapters/channels/whatnot-client.js';
import { WhatnotFake } from '../../fakes/whatnot-fake.js';

let fake: WhatnotFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function client(f: WhatnotFake, o: { token?: string; rate?: number } = {}): WhatnotClient {
  const token = o.token ?? f.token;
  return new WhatnotClient({
    apiBase: f.apiBase,
    token,
    http: new PlatformHttp({ platform: 'whatnot', redactor: new Redactor().add(token) }),
    ...(o.rate ? { ratePerSecond: o.rate } : {}),
  });
}

const product = (sku: string) => ({
  title: `Item ${sku}`,
  description: 'd',
  category: 'Clothing',
  dimension_profile: '4-7 oz',
  external_id: sku,
  media: [],
});

describe('WhatnotClient against the fake', () => {
  it('keeps under 10 requests per second on its own: 25 calls, no 429', async () => {
    fake = await new WhatnotFake().start();
    const c = client(fake);
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 25 }, (_, i) => c.createProduct(product(`S${i}`), `k${i}`)));
    expect(fake.products.size).toBe(25);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(fake.peakPerSecond()).toBeLessThanOrEqual(10);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
  });

  it('honours 429 + Retry-After when something else used up the budget', async () => {
    fake = await new WhatnotFake().start();
    // A client that does not pace itself (as if another app shared the seller's budget).
    const c = client(fake, { rate: 1000 });
    await Promise.all(Array.from({ length: 14 }, (_, i) => c.createProduct(product(`R${i}`), `r${i}`)));
    expect(fake.products.size).toBe(14);
    const limited = fake.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const firstLimited = limited[0]!.at;
    // Retried only after the Retry-After second.
    const retries = fake.requests.filter((r) => r.status === 201 && r.at > firstLimited);
    expect(retries.every((r) => r.at - firstLimited >= 950)).toBe(true);
  });

  it('the same idempotency key is one product, however often it is sent', async () => {
    fake = await new WhatnotFake().start();
    const c = client(fake);
    const a = await c.createProduct(product('X'), 'same-key');
    const b = await c.createProduct(product('X'), 'same-key');
    expect(b.productId).toBe(a.productId);
    expect(fake.products.size).toBe(1);
  });

  it('a wrong token is a PlatformError with a hint, and the token is not in it', async () => {
    fake = await new WhatnotFake().start();
    const err = (await client(fake, { token: 'wn_access_tk_wrong_secret_value' })
      .health()
      .catch((e: unknown) => e)) as PlatformError;
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.status).toBe(401);
    expect(err.hint).toMatch(/channel add whatnot/);
    expect(JSON.stringify({ m: err.message, h: err.hint })).not.toContain('wrong_secret_value');
  });

  it('lists a product the documented way: create, variant SKU and price, stock, sale format', async () => {
    fake = await new WhatnotFake().start();
    const c = client(fake);
    const { productId } = await c.createProduct(product('L1'), 'l1');
    expect(fake.products.get(productId)?.merchandising).toBeUndefined(); // created, not on sale
    const [variant] = await c.listVariants(productId);
    await c.updateVariants(productId, [
      { id: variant!.id, sku: 'L1', pricing: { buy_it_now: { price: { amount: '12.50', currency: 'USD' } } } },
    ]);
    await c.setInventory([{ variantId: variant!.id, quantity: 3 }]);
    await c.merchandise(productId, { transaction_type: 'buy_it_now', reserve_for_live: true });
    expect(fake.products.get(productId)).toMatchObject({
      sku: 'L1',
      pricing: { buy_it_now: { price: { amount: '12.50' } } },
      merchandising: { transaction_type: 'buy_it_now' },
    });
    expect(fake.stock.get('L1')).toBe(3);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /products',
      `GET /products/${productId}/variants`,
      `PATCH /products/${productId}/variants`,
      'POST /inventory/set',
      `POST /merchandising/products/${productId}`,
    ]);
  });

  it('a stock item Whatnot did not apply is an error naming the variant', async () => {
    fake = await new WhatnotFake().start();
    const err = (await client(fake)
      .setInventory([{ variantId: 'var_gone', quantity: 1 }])
      .catch((e: unknown) => e)) as PlatformError;
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.message).toMatch(/var_gone.*variant_not_found/);
    expect(err.code).toBe('variant_not_found');
  });

  it('sets inventory in batches of at most 10 and pages orders', async () => {
    fake = await new WhatnotFake().start();
    const c = client(fake);
    const variants: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { productId } = await c.createProduct(product(`I${i}`), `i${i}`);
      const [v] = await c.listVariants(productId);
      await c.updateVariants(productId, [{ id: v!.id, sku: `I${i}` }]);
      variants.push(v!.id);
    }
    await c.setInventory(variants.map((variantId) => ({ variantId, quantity: 0 })));
    expect([...fake.stock.values()]).toEqual(Array(12).fill(0));
    expect(fake.requests.filter((r) => r.path === '/inventory/set')).toHaveLength(2);
    for (let i = 0; i < 150; i++) fake.addOrder('I1', '3.00');
    const p1 = await c.listOrders(new Date(Date.now() - 60_000).toISOString());
    const p2 = await c.listOrders(new Date(Date.now() - 60_000).toISOString(), p1.nextCursor);
    expect(p1.orders.length + p2.orders.length).toBe(150);
  });

  it('reads shows with their scheduled start', async () => {
    fake = await new WhatnotFake().start();
    expect(await client(fake).listShows()).toEqual([
      { id: 'show_1', title: 'Sunday Thrift Drop', status: 'scheduled', starts_at: '2026-11-29T19:00:00Z' },
    ]);
  });
});
