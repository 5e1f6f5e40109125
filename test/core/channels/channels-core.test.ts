import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/core/inventory/item.js';
import { checkListing, isPreOwned } from '../../../src/core/channels/listing-rules.js';
import { shippingProfileFor, whatnotCondition } from '../../../src/core/channels/whatnot-values.js';
import { whatnotCsvRow } from '../../../src/core/channels/whatnot-csv.js';
import { centsToDecimal } from '../../../src/core/money.js';
import { tiktokOrderLines, whatnotOrderLines } from '../../../src/core/channels/orders.js';
import { listingFingerprint, tiktokProductBody, whatnotListing } from '../../../src/core/channels/payloads.js';

function item(over: Partial<Item> = {}): Item {
  return {
    sku: 'S1',
    title: 'Vintage Tee',
    description: 'Soft',
    quantity: 2,
    priceCents: 1250,
    costCents: 300,
    condition: 'Good',
    category: 'Clothing',
    subCategory: 'Tees',
    brand: 'Nike',
    size: 'L',
    tags: [],
    weightOz: 6,
    images: ['https://img.example/a.jpg'],
    location: 'A1',
    notes: '',
    extra: {},
    listingType: '',
    shippingProfile: '',
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

describe('Whatnot vocabularies', () => {
  it.each([
    [0.5, '0-1 oz'],
    [1, '0-1 oz'],
    [2, '1-3 oz'],
    [3.5, '4-7 oz'],
    [7, '4-7 oz'],
    [11, '8-11 oz'],
    [15, '12-15 oz'],
    [16, '1 lb'],
    [24, '1-2 lbs'],
    [48, '2-3 lbs'],
    [49, null],
  ])('%s oz ships as %s', (oz, bucket) => expect(shippingProfileFor(oz)).toBe(bucket));

  it.each([
    ['NWT', 'Brand New'],
    ['new with tags', 'Brand New'],
    ['EUC', 'Like New'],
    ['vguc', 'Very Good'],
    ['  good ', 'Good'],
    ['pre-owned', 'Good'],
    ['NM', 'Near Mint'],
    ['lp', 'Lightly Played'],
    ['smells funny', null],
    ['', null],
  ])('condition %j is %j', (raw, want) => expect(whatnotCondition(raw)).toBe(want));

  it.each([
    ['Brand New', false],
    ['NWT', false],
    ['Good', true],
    ['Like New', true],
  ])('%s pre-owned: %s', (c, want) => expect(isPreOwned(c)).toBe(want));
});

describe('whatnotCsvRow', () => {
  it('maps an item to the 21 columns', () => {
    const r = whatnotCsvRow(item({ costCents: null }), { defaultType: 'Auction', offerable: true });
    expect(r.ok && r.row).toEqual([
      'Clothing',
      'Tees',
      'Vintage Tee',
      'Soft',
      '2',
      'Auction',
      '12.50',
      '4-7 oz',
      'FALSE',
      'Not Hazmat',
      'Good',
      '',
      'S1',
      'https://img.example/a.jpg',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });
  it('uses the sheet type, Offerable only for Buy it Now, and a set shipping profile', () => {
    const r = whatnotCsvRow(item({ listingType: 'BIN', shippingProfile: '1 lb' }), {
      defaultType: 'Auction',
      offerable: true,
    });
    expect(r.ok && [r.row[5], r.row[7], r.row[8]]).toEqual(['Buy it Now', '1 lb', 'TRUE']);
  });
  it('reports every problem of a bad item at once', () => {
    const r = whatnotCsvRow(
      item({
        title: 'x'.repeat(81),
        category: '',
        quantity: 0,
        priceCents: null,
        condition: 'meh',
        weightOz: null,
        listingType: 'Raffle',
      }),
      { defaultType: 'Auction', offerable: false },
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.field).sort()).toEqual([
        'Category',
        'Condition',
        'Price',
        'Quantity',
        'Shipping Profile',
        'Title',
        'Type',
      ]);
  });
  it('leaves local photos out with a note', () => {
    const r = whatnotCsvRow(item({ images: ['/home/me/a.jpg', 'https://img.example/b.jpg'] }), {
      defaultType: 'Auction',
      offerable: false,
    });
    expect(r.ok && r.row[13]).toBe('https://img.example/b.jpg');
    expect(r.ok && r.notes[0]).toMatch(/1 local photo/);
  });
});

describe('checkListing', () => {
  it('a complete item can go on Whatnot; TikTok also needs a mapped category', () => {
    expect(checkListing(item(), 'whatnot')).toEqual([]);
    expect(checkListing(item(), 'tiktok').map((p) => p.field)).toEqual(['category']);
    expect(checkListing(item(), 'tiktok', { categoryId: '601226' })).toEqual([]);
  });
  it.each([
    [{ title: '' }, 'whatnot', 'title'],
    [{ title: 'y'.repeat(81) }, 'whatnot', 'title'],
    [{ priceCents: 0 }, 'tiktok', 'price'],
    [{ images: [] }, 'whatnot', 'images'],
    [{ weightOz: null }, 'tiktok', 'weight'],
    [{ images: ['./photos/a.jpg'] }, 'whatnot', 'images'],
    [{ quantity: 0 }, 'whatnot', 'quantity'],
    [{ weightOz: null }, 'whatnot', 'weight'],
    [{ weightOz: 400 }, 'whatnot', 'weight'],
  ] as const)('%j on %s is blocked on %s', (over, channel, field) => {
    const problems = checkListing(item(over as Partial<Item>), channel, { categoryId: '1' });
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.every((p) => p.fix.length > 0)).toBe(true);
  });
  it('a local photo is fine for TikTok (it is uploaded)', () => {
    expect(checkListing(item({ images: ['./photos/a.jpg'] }), 'tiktok', { categoryId: '1' })).toEqual([]);
  });
});

describe('order lines', () => {
  it('TikTok: one line item per unit, cancelled orders reverse every line', () => {
    const order = {
      id: 'O1',
      status: 'AWAITING_SHIPMENT',
      update_time: 1_700_000_000,
      user_id: '42',
      line_items: [
        { id: 'L1', seller_sku: 'A', sale_price: '5.50' },
        { id: 'L2', seller_sku: 'A', sale_price: '5.50' },
        { id: 'L3', sale_price: '1' },
      ],
    };
    const lines = tiktokOrderLines(order);
    expect(lines.map((l) => [l.lineId, l.sku, l.priceCents, l.quantity, l.status, l.buyer])).toEqual([
      ['L1', 'A', 550, 1, 'placed', 'tiktok:42'],
      ['L2', 'A', 550, 1, 'placed', 'tiktok:42'],
    ]);
    expect(tiktokOrderLines({ ...order, status: 'CANCELLED' }).every((l) => l.status === 'cancelled')).toBe(true);
    expect(
      tiktokOrderLines({ ...order, line_items: [{ id: 'L9', seller_sku: 'B', sale_price: '2', quantity: 3 }] })[0]
        ?.quantity,
    ).toBe(3);
  });
  it('Whatnot: quantities, money objects, @handles', () => {
    const lines = whatnotOrderLines({
      id: 'W1',
      status: 'completed',
      updated_at: '2026-01-01T00:00:00Z',
      buyer: { username: 'kim' },
      line_items: [{ id: 'x', variant: { sku: 'C' }, quantity: 2, price: { amount: '12.00' } }],
    });
    expect(lines).toEqual([
      {
        channel: 'whatnot',
        orderId: 'W1',
        lineId: 'x',
        sku: 'C',
        priceCents: 1200,
        quantity: 2,
        buyer: '@kim',
        status: 'placed',
        at: '2026-01-01T00:00:00Z',
      },
    ]);
    expect(whatnotOrderLines({ id: 'W1', status: 'cancelled', line_items: [{ id: 'x', sku: 'C' }] })[0]?.status).toBe(
      'cancelled',
    );
    expect(whatnotOrderLines({ id: 'W1', status: 'failed', line_items: [{ id: 'x', sku: 'C' }] })[0]?.status).toBe(
      'cancelled',
    );
    expect(
      whatnotOrderLines({ id: 'W1', status: 'pending_fulfillment', line_items: [{ id: 'x', sku: 'C' }] })[0]?.status,
    ).toBe('placed');
  });
});

describe('payloads', () => {
  it('TikTok body: price as a decimal string, weight in pounds, uploaded image URIs, absolute stock', () => {
    const b = tiktokProductBody(item({ weightOz: 24 }), { categoryId: '9', warehouseId: 'W', imageUris: ['tos/1'] });
    expect(b).toMatchObject({
      category_id: '9',
      main_images: [{ uri: 'tos/1' }],
      is_pre_owned: true,
      package_weight: { value: '1.50', unit: 'POUND' },
    });
    expect((b.skus as unknown[])[0]).toEqual({
      seller_sku: 'S1',
      price: { amount: '12.50', currency: 'USD' },
      inventory: [{ warehouse_id: 'W', quantity: 2 }],
    });
    expect(String(b.description)).toContain('<li>Brand: Nike</li>');
  });
  it('the fingerprint changes with what buyers see, not with remote ids', () => {
    expect(listingFingerprint(item(), 'c')).toBe(listingFingerprint(item({ location: 'Z9', notes: 'x' }), 'c'));
    expect(listingFingerprint(item(), 'c')).not.toBe(listingFingerprint(item({ priceCents: 1300 }), 'c'));
    expect(listingFingerprint(item(), 'c')).not.toBe(listingFingerprint(item(), 'd'));
  });
});

describe('whatnotListing (the REST v2 listing flow)', () => {
  it('a Buy it Now item: product with its dimension profile, variant SKU and price, stock, sale format held for the live', () => {
    const l = whatnotListing(item({ listingType: '' }), 'Trading Cards');
    expect(l.product).toMatchObject({
      title: item().title,
      category: 'Trading Cards',
      external_id: item().sku,
      dimension_profile: shippingProfileFor(item().weightOz!),
    });
    expect(l.variant).toEqual({
      sku: item().sku,
      pricing: { buy_it_now: { price: { amount: centsToDecimal(item().priceCents!), currency: 'USD' } } },
    });
    expect(l.quantity).toBe(item().quantity);
    expect(l.merchandising).toEqual({ transaction_type: 'buy_it_now', reserve_for_live: true });
  });
  it('an auction prices its starting bid; a giveaway has no price; a Shipping Profile wins over the weight', () => {
    expect(whatnotListing(item({ listingType: 'Auction' }), 'x').variant).toMatchObject({
      pricing: { auction: { start_price: { currency: 'USD' } } },
    });
    const g = whatnotListing(item({ listingType: 'Giveaway' }), 'x');
    expect(g.variant).not.toHaveProperty('pricing');
    expect(g.merchandising.transaction_type).toBe('giveaway');
    expect(whatnotListing(item({ shippingProfile: '1-2 lbs', weightOz: 2 }), 'x').product.dimension_profile).toBe(
      '1-2 lbs',
    );
  });
});
