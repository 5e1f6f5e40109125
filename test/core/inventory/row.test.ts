import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/core/inventory/mapping.js';
import { mapRow } from '../../../src/core/inventory/row.js';
import { parseWeightOz } from '../../../src/core/inventory/weight.js';

const headers = [
  'SKU',
  'Title',
  'Qty',
  'Price',
  'Cost',
  'Weight',
  'Tags',
  'Image URL 1',
  'Image URL 2',
  'Type',
  'Vibe',
  'Notes',
];
const { mapping } = mapColumns(headers);
const row = (over: Partial<Record<string, string>>) => headers.map((h) => over[h] ?? '');

describe('mapRow', () => {
  it('maps a full row', () => {
    const r = mapRow(
      row({
        SKU: 'A1',
        Title: " Levi's  501 ",
        Qty: ' 3 ',
        Price: '$1,234.50',
        Cost: '12',
        Weight: '1.5 lb',
        Tags: 'denim, usa; 90s|denim',
        'Image URL 1': 'https://x/a.jpg',
        'Image URL 2': 'https://x/b.jpg',
        Type: 'buy it now',
        Vibe: 'cozy',
        Notes: 'tiny hole',
      }),
      mapping,
      7,
    );
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject({
      sku: 'A1',
      title: "Levi's 501",
      quantity: 3,
      priceCents: 123450,
      costCents: 1200,
      weightOz: 24,
      tags: ['denim', 'usa', '90s'],
      images: ['https://x/a.jpg', 'https://x/b.jpg'],
      listingType: 'Buy it Now',
      extra: { Vibe: 'cozy' },
      notes: 'tiny hole',
      skuGenerated: false,
    });
  });

  it('blank quantity means one unit; blank price stays unknown', () => {
    const r = mapRow(row({ Title: 'Mug' }), mapping, 2);
    expect(r.draft?.quantity).toBe(1);
    expect(r.draft?.priceCents).toBeNull();
  });

  it.each([
    [{ Title: '' }, 'Title', /title is empty/],
    [{ Title: 'x', Qty: '-2' }, 'Qty', /negative/],
    [{ Title: 'x', Qty: '2.5' }, 'Qty', /not a whole number/],
    [{ Title: 'x', Qty: 'three' }, 'Qty', /not a whole number/],
    [{ Title: 'x', Price: '12 bucks' }, 'Price', /not a price/],
    [{ Title: 'x', Price: '-4' }, 'Price', /negative/],
    [{ Title: 'x', Weight: 'heavy' }, 'Weight', /not a weight/],
    [{ Title: 'x', Weight: '3 stone' }, 'Weight', /unknown weight unit/],
    [{ Title: 'x', Type: 'raffle' }, 'Type', /not a listing type/],
  ])('rejects %j in column %s', (cells, column, message) => {
    const r = mapRow(row(cells), mapping, 9);
    expect(r.draft).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 9, field: column });
    expect(r.problems[0]?.message).toMatch(message);
  });

  it('reports every problem of a row at once', () => {
    const r = mapRow(row({ Title: '', Qty: '-1', Price: 'abc' }), mapping, 4);
    expect(r.problems.map((p) => p.field).sort()).toEqual(['Price', 'Qty', 'Title']);
  });

  it('generates the same SKU for the same row, and a different one for a different row', () => {
    const a = mapRow(row({ Title: 'Pyrex bowl', Tags: 'x' }), mapping, 2).draft!;
    const b = mapRow(row({ Title: 'Pyrex  bowl', Tags: 'y' }), mapping, 3).draft!;
    const c = mapRow(row({ Title: 'Pyrex bowl 2' }), mapping, 4).draft!;
    expect(a.skuGenerated).toBe(true);
    expect(a.sku).toMatch(/^LC-[0-9A-Z]{10}$/);
    expect(b.sku).toBe(a.sku);
    expect(c.sku).not.toBe(a.sku);
  });
});

describe('parseWeightOz', () => {
  it.each([
    ['12 oz', 'oz', 12],
    ['12', 'oz', 12],
    ['1.5 lb', 'oz', 24],
    ['2 lbs', 'oz', 32],
    ['1 lb 4 oz', 'oz', 20],
    ['200 g', 'oz', 7.05],
    ['1 kg', 'oz', 35.27],
    ['2', 'lb', 32],
    ['.5', 'oz', 0.5],
  ] as const)('%j (default %s) -> %d oz', (raw, unit, oz) => {
    expect(parseWeightOz(raw, unit)).toEqual({ ok: true, oz });
  });
});
