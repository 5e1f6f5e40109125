import type { Problem } from '../errors.js';
import { parseQuantity } from '../bounds.js';
import { parseMoney } from '../money.js';
import { weightUnitOfHeader, type ColumnMapping } from './columns.js';
import type { Item } from './item.js';
import { stableSku } from './stable-sku.js';
import { parseWeightOz } from './weight.js';

/** An item as read from one CSV row, before the store adds timestamps. */
export type ItemDraft = Omit<Item, 'createdAt' | 'updatedAt'> & { skuGenerated: boolean };

export interface RowResult {
  draft?: ItemDraft;
  problems: Problem[];
}

const WHATNOT_TYPES = new Map([
  ['auction', 'Auction'],
  ['buy it now', 'Buy it Now'],
  ['buy now', 'Buy it Now'],
  ['bin', 'Buy it Now'],
  ['giveaway', 'Giveaway'],
]);

/**
 * One CSV row to an item draft, with every problem in the row reported (not just the first).
 * `line` is the physical line the row starts on, for `file:line: column: message`.
 */
export function mapRow(values: string[], mapping: ColumnMapping, line: number): RowResult {
  const problems: Problem[] = [];
  const err = (i: number, message: string) =>
    problems.push({ line, field: mapping.headers[i], column: i + 1, message });
  const { headers, fields } = mapping;
  const d: ItemDraft = {
    sku: '',
    title: '',
    description: '',
    quantity: 1,
    priceCents: null,
    costCents: null,
    condition: '',
    category: '',
    subCategory: '',
    brand: '',
    size: '',
    tags: [],
    weightOz: null,
    images: [],
    location: '',
    notes: '',
    extra: {},
    listingType: '',
    shippingProfile: '',
    skuGenerated: false,
  };
  let notes: string[] | undefined;
  let titleCol = -1;
  for (let i = 0; i < headers.length; i++) {
    const raw = values[i] ?? '';
    const v = raw.trim();
    const field = fields[i];
    if (field === undefined) {
      if (v !== '') d.extra[headers[i] ?? `Column ${i + 1}`] = v;
      continue;
    }
    switch (field) {
      case 'ignore':
        break;
      case 'sku':
        d.sku = v;
        break;
      case 'title':
        titleCol = i;
        d.title = /\s\s|[^\S ]/.test(v) ? v.replace(/\s+/g, ' ') : v;
        break;
      case 'description':
        d.description = v;
        break;
      case 'quantity': {
        if (v === '') break; // a thrift sheet leaves Qty blank for one-offs
        const q = parseQuantity(v);
        if (!q.ok) err(i, q.message);
        else d.quantity = q.value;
        break;
      }
      case 'price':
      case 'cost': {
        if (v === '') break;
        const m = parseMoney(v);
        if (!m.ok) err(i, m.message);
        else if (m.cents < 0) err(i, `${v} is negative`);
        else if (field === 'price') d.priceCents = m.cents;
        else d.costCents = m.cents;
        break;
      }
      case 'weight': {
        if (v === '') break;
        const w = parseWeightOz(v, weightUnitOfHeader(headers[i] ?? ''));
        if (!w.ok) err(i, w.message);
        else d.weightOz = w.oz;
        break;
      }
      case 'tags':
        for (const t of v.split(/[,;|#]/)) {
          const tag = t.trim();
          if (tag && !d.tags.includes(tag)) d.tags.push(tag);
        }
        break;
      case 'image':
        for (const u of v.split(/\s*[\n|]\s*|\s+(?=https?:\/\/)|,\s*(?=https?:\/\/)/)) {
          const url = u.trim();
          if (url) d.images.push(url);
        }
        break;
      case 'notes':
        if (v) {
          notes ??= [];
          notes.push(v);
        }
        break;
      case 'listingType': {
        if (v === '') break;
        const t = WHATNOT_TYPES.get(v.toLowerCase());
        if (!t) err(i, `"${v}" is not a listing type (use Auction, Buy it Now or Giveaway)`);
        else d.listingType = t;
        break;
      }
      default:
        d[field] = v;
    }
  }
  if (notes) d.notes = notes.join('\n');
  if (d.title === '') {
    problems.push({
      line,
      field: titleCol >= 0 ? mapping.headers[titleCol] : 'Title',
      column: titleCol >= 0 ? titleCol + 1 : undefined,
      message: 'title is empty: every item needs a title',
    });
  }
  if (d.sku === '') {
    d.sku = stableSku(d);
    d.skuGenerated = true;
  } else if (/[\u0000-\u001f]/.test(d.sku)) {
    const i = mapping.fields.indexOf('sku');
    err(i, 'SKU contains a line break or control character');
  }
  return problems.length > 0 ? { problems } : { draft: d, problems };
}

/** Fields compared to decide updated vs unchanged, in the order shown to the seller. */
export const COMPARED_FIELDS = [
  'title',
  'description',
  'quantity',
  'priceCents',
  'costCents',
  'condition',
  'category',
  'subCategory',
  'brand',
  'size',
  'tags',
  'weightOz',
  'images',
  'location',
  'notes',
  'extra',
  'listingType',
  'shippingProfile',
] as const;

export function changedFields(before: Item, after: Pick<Item, (typeof COMPARED_FIELDS)[number]>): string[] {
  return COMPARED_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}
