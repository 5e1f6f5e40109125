import { describe, expect, it } from 'vitest';
import { WHATNOT_HEADER, fieldForHeader, normalizeHeader } from '../../../src/core/inventory/columns.js';
import { mapColumns } from '../../../src/core/inventory/mapping.js';

describe('header mapping', () => {
  it.each([
    ['SKU', 'sku'],
    ['Item #', 'sku'],
    ['ID', 'sku'],
    ['Seller SKU', 'sku'],
    ['Title', 'title'],
    ['Name', 'title'],
    ['Item', 'title'],
    ['Product Name', 'title'],
    ['Qty', 'quantity'],
    ['Quantity', 'quantity'],
    ['Stock', 'quantity'],
    ['Price', 'price'],
    ['Start Price', 'price'],
    ['Cost', 'cost'],
    ['Cost Per Item', 'cost'],
    ['Condition', 'condition'],
    ['Category', 'category'],
    ['Sub Category', 'subCategory'],
    ['Sub-Category', 'subCategory'],
    ['Description', 'description'],
    ['Image URL 1', 'image'],
    ['Image URL 8', 'image'],
    ['Photos', 'image'],
    ['Location', 'location'],
    ['Bin', 'location'],
    ['Tags', 'tags'],
    ['Brand', 'brand'],
    ['Size', 'size'],
    ['Weight', 'weight'],
    ['Weight (oz)', 'weight'],
    ['Shipping Profile', 'shippingProfile'],
    ['Type', 'listingType'],
    ['  title ', 'title'],
    ['\uFEFFSKU', 'sku'],
  ])('%j -> %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each(['Vibe', 'Offerable', 'Hazmat', 'Bought At'])('%j is not guessed', (header) => {
    expect(fieldForHeader(header)).toBeUndefined();
  });

  it('normalises punctuation and case', () => {
    expect(normalizeHeader('Item #')).toBe('item number');
    expect(normalizeHeader('Weight (oz)')).toBe('weight oz');
  });

  it("recognises Whatnot's template exactly and keeps Offerable/Hazmat as extra data", () => {
    const { mapping, problems } = mapColumns([...WHATNOT_HEADER]);
    expect(problems).toEqual([]);
    expect(mapping.format).toBe('whatnot');
    expect(mapping.kept).toEqual(['Offerable', 'Hazmat']);
    expect(mapping.fields.filter((f) => f === 'image')).toHaveLength(8);
  });

  it('a reordered Whatnot header is generic, still mapped', () => {
    const headers = [...WHATNOT_HEADER].reverse();
    const { mapping } = mapColumns(headers);
    expect(mapping.format).toBe('generic');
    expect(mapping.fields).toContain('title');
  });

  it('--map overrides the guess and takes the field from the guessed column', () => {
    const { mapping, problems } = mapColumns(['Name', 'Listing Name', 'Bin #'], {
      overrides: { 'Listing Name': 'title', 'Bin #': 'location' },
    });
    expect(problems).toEqual([]);
    expect(mapping.fields).toEqual([undefined, 'title', 'location']);
    expect(mapping.kept).toEqual(['Name']);
  });

  it.each([
    [{ Nope: 'title' }, /no column "Nope"/],
    [{ Name: 'colour' }, /unknown field "colour"/],
  ])('reports a bad --map %j', (overrides, message) => {
    const { problems } = mapColumns(['Name', 'Qty'], { overrides });
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('reports a sheet with no title column', () => {
    const { problems } = mapColumns(['SKU', 'Qty']);
    expect(problems[0]?.message).toMatch(/no title column/);
  });

  it('--format whatnot on a sheet that lacks template columns names them', () => {
    const { problems } = mapColumns(['Title', 'Quantity', 'Price'], { format: 'whatnot' });
    expect(problems[0]?.message).toMatch(/lacks Whatnot template columns: Category, Sub Category/);
  });
});
