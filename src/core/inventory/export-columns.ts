import { centsToDecimal } from '../money.js';
import type { Item } from './item.js';

/**
 * lotcast's own CSV layout for `inventory export`: every header is one the importer maps back
 * to the same field, so export -> import round-trips unchanged.
 */
export const EXPORT_HEADERS = [
  'SKU',
  'Title',
  'Description',
  'Quantity',
  'Price',
  'Cost',
  'Condition',
  'Category',
  'Sub Category',
  'Brand',
  'Size',
  'Tags',
  'Weight (oz)',
  'Location',
  'Notes',
  'Type',
  'Shipping Profile',
] as const;

export function imageHeaders(count: number): string[] {
  return Array.from({ length: Math.max(8, count) }, (_, i) => `Image URL ${i + 1}`);
}

export function itemToExportRow(item: Item, imageColumns: number, extraColumns: string[]): string[] {
  return [
    item.sku,
    item.title,
    item.description,
    String(item.quantity),
    item.priceCents === null ? '' : centsToDecimal(item.priceCents),
    item.costCents === null ? '' : centsToDecimal(item.costCents),
    item.condition,
    item.category,
    item.subCategory,
    item.brand,
    item.size,
    item.tags.join(', '),
    item.weightOz === null ? '' : String(item.weightOz),
    item.location,
    item.notes,
    item.listingType,
    item.shippingProfile,
    ...Array.from({ length: Math.max(8, imageColumns) }, (_, i) => item.images[i] ?? ''),
    ...extraColumns.map((c) => item.extra[c] ?? ''),
  ];
}
