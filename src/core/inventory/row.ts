import type { Problem } from '../errors.js';
import { parseQuantity } from '../bounds.js';
import { weightUnitOfHeader } from './columns.js';
import { htmlToText } from './html-text.js';
import type { Item } from './item.js';
import type { ColumnMapping } from './mapping.js';
import { parseSheetMoney, STORE_CURRENCY, type DecimalMark } from './sheet-money.js';
import { EBAY_CONDITIONS } from './sources.js';
import { stableSku } from './stable-sku.js';
import { parseWeightOz } from './weight.js';

/** An item as read from one CSV row, before the store adds timestamps. */
export type ItemDraft = Omit<Item, 'createdAt' | 'updatedAt'> & { skuGenerated: boolean };

export interface RowResult {
  draft?: ItemDraft;
  problems: Problem[];
  /** Why the row is not imported as stock (its status says sold, archived, ...). */
  skipped?: string;
}

/**
 * What reading one row depends on beyond the row. The decimal mark is learnt from the first
 * cell that proves one (`49,90`), unless `--decimal` fixed it; a later cell proving the other
 * is a problem, never a silent misreading.
 */
export interface RowContext {
  decimal?: DecimalMark;
  /** The line the decimal mark was learnt from; undefined when --decimal gave it. */
  decimalFrom?: number;
  storeCurrency: string;
  /** Import sold/ended/archived rows at quantity 0 (sales history) instead of skipping them. */
  includeSold: boolean;
  /** A CSV row must be as wide as its header (a sheet's rows simply stop at the last cell). */
  strictWidth: boolean;
  /**
   * Look for U+FFFD in every cell. The CSV reader turns this on when the file's bytes hold
   * one, so the common file pays nothing for the check.
   */
  checkReplacement: boolean;
}

export function rowContext(opts: Partial<RowContext> = {}): RowContext {
  return { storeCurrency: STORE_CURRENCY, includeSold: false, strictWidth: true, checkReplacement: true, ...opts };
}

const LISTING_TYPES = new Map([
  ['auction', 'Auction'],
  ['chinese', 'Auction'],
  ['buyitnow', 'Buy it Now'],
  ['buynow', 'Buy it Now'],
  ['bin', 'Buy it Now'],
  ['fixedprice', 'Buy it Now'],
  ['fixedpriceitem', 'Buy it Now'],
  ['storesfixedprice', 'Buy it Now'],
  ['giveaway', 'Giveaway'],
]);

/**
 * One row to an item draft, with every problem in the row reported (not just the first).
 * `line` is the physical line the row starts on, for `file:line: column: message`.
 */
export function mapRow(values: string[], mapping: ColumnMapping, line: number, ctx = rowContext()): RowResult {
  const problems: Problem[] = [];
  const err = (i: number, message: string) =>
    problems.push({ line, field: mapping.headers[i] ?? `column ${i + 1}`, column: i + 1, message });
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
  let variations: string[] | undefined;
  const titleCol = fields.indexOf('title');
  let status = '';
  let fallbackSku = '';
  if (values.length !== headers.length) widthProblems(values, headers, ctx, err);
  for (let i = 0; i < headers.length; i++) {
    const raw = values[i] ?? '';
    const v = raw.trim();
    const field = fields[i];
    if (ctx.checkReplacement && v.includes('\uFFFD'))
      err(i, 'contains \uFFFD (a character lost by an earlier wrong conversion to UTF-8): retype it in the sheet');
    if (field === undefined) {
      if (v !== '') d.extra[headers[i] ?? `Column ${i + 1}`] = v;
      continue;
    }
    if (v === '') continue;
    switch (field) {
      case 'ignore':
      case 'optionName':
      case 'optionValue':
        break;
      case 'sku':
        d.sku = v;
        break;
      case 'title':
        d.title = /\s\s|[^\S ]/.test(v) ? v.replace(/\s+/g, ' ') : v;
        break;
      case 'quantity': {
        const q = parseQuantity(v);
        // Shopify lets stock go below zero when it oversells: none left to sell.
        if (!q.ok && mapping.format === 'shopify' && /^-\d+$/.test(v)) d.quantity = 0;
        else if (!q.ok) err(i, q.message);
        else d.quantity = q.value;
        break;
      }
      case 'price':
      case 'cost': {
        const m = parseSheetMoney(v, ctx.decimal);
        if (!m.ok)
          err(
            i,
            ctx.decimalFrom === undefined
              ? m.message
              : `${m.message}; line ${ctx.decimalFrom} wrote a decimal ${ctx.decimal}: say which the file uses with --decimal`,
          );
        else if (m.cents < 0) err(i, `${v} is negative`);
        else {
          if (m.currency !== undefined && m.currency !== ctx.storeCurrency) err(i, currencyMessage(m.currency, ctx));
          if (m.mark !== undefined && ctx.decimal === undefined) {
            ctx.decimal = m.mark;
            ctx.decimalFrom = line;
          }
          if (field === 'price') d.priceCents = m.cents;
          else d.costCents = m.cents;
        }
        break;
      }
      case 'weight': {
        const w = parseWeightOz(v, weightUnitOfHeader(headers[i] ?? ''));
        if (!w.ok) err(i, w.message);
        // Weight (lb) and Weight (oz) columns add up.
        else d.weightOz = d.weightOz === null ? w.oz : Math.round((d.weightOz + w.oz) * 100) / 100;
        break;
      }
      case 'tags':
        for (const t of v.split(/[,;|#]/)) {
          const tag = t.trim();
          if (tag && !d.tags.includes(tag)) d.tags.push(tag);
        }
        break;
      case 'productImage':
        // A grouped product's images go to each of its variants (RowAssembler).
        if (mapping.groupBy >= 0) break;
        addImages(d, v);
        break;
      case 'image':
        addImages(d, v);
        break;
      case 'notes':
        notes ??= [];
        notes.push(v);
        break;
      case 'listingType': {
        const t = LISTING_TYPES.get(v.toLowerCase().replace(/[^a-z]/g, ''));
        if (!t) err(i, `"${v}" is not a listing type (use Auction, Buy it Now or Giveaway)`);
        else d.listingType = t;
        break;
      }
      case 'status':
        status = v;
        d.extra[headers[i] ?? 'Status'] = v;
        break;
      case 'handle':
        d.extra[headers[i] ?? 'Handle'] = v;
        break;
      case 'currency':
        if (v.toUpperCase() !== ctx.storeCurrency) err(i, currencyMessage(v.toUpperCase(), ctx));
        break;
      case 'fallbackSku':
        fallbackSku = v;
        d.extra[headers[i] ?? 'Item number'] = v;
        break;
      case 'variation':
        variations ??= [];
        variations.push(v);
        break;
      case 'descriptionHtml':
        d.description = htmlToText(v);
        break;
      case 'conditionId':
        d.condition = EBAY_CONDITIONS[v] ?? v;
        break;
      default:
        d[field] = v;
    }
  }
  if (notes) d.notes = notes.join('\n');
  const reason = status === '' ? undefined : mapping.notStock[status.toLowerCase()];
  if (reason !== undefined) {
    if (!ctx.includeSold) return { problems: [], skipped: `status "${status}": ${reason}, not stock` };
    d.quantity = 0;
  }
  const options = optionText(values, mapping, d);
  if (options) variations = [...(variations ?? []), ...options];
  if (variations && d.title !== '') d.title = `${d.title} - ${variations.join(' / ')}`;
  if (d.title === '') {
    problems.push({
      line,
      field: titleCol >= 0 ? mapping.headers[titleCol] : 'Title',
      column: titleCol >= 0 ? titleCol + 1 : undefined,
      message: 'title is empty: every item needs a title',
    });
  }
  if (d.sku === '' && fallbackSku !== '')
    d.sku = variations ? `${fallbackSku}-${variations.join('-').replace(/[^A-Za-z0-9]+/g, '-')}` : fallbackSku;
  if (d.sku === '') {
    d.sku = stableSku(d);
    d.skuGenerated = true;
  } else if (/[\u0000-\u001f]/.test(d.sku)) {
    const i = mapping.fields.indexOf('sku');
    err(i, 'SKU contains a line break or control character');
  }
  return problems.length > 0 ? { problems } : { draft: d, problems };
}

/** Several image URLs in one cell: one per line, or separated by | or before each http(s). */
export function addImages(d: { images: string[] }, cell: string): void {
  for (const u of cell.split(/\s*[\n|]\s*|\s+(?=https?:\/\/)|,\s*(?=https?:\/\/)/)) {
    const url = u.trim();
    if (url && !d.images.includes(url)) d.images.push(url);
  }
}

function currencyMessage(currency: string, ctx: RowContext): string {
  return `prices in ${currency}, but lotcast keeps prices in ${ctx.storeCurrency}: convert them in the sheet first (lotcast never mixes currencies)`;
}

/** A row wider or narrower than its header has lost values somewhere: say so, never drop them. */
function widthProblems(values: string[], headers: string[], ctx: RowContext, err: (i: number, m: string) => void) {
  if (values.length > headers.length) {
    const extra = values.slice(headers.length).filter((v) => v.trim() !== '');
    if (extra.length > 0)
      err(
        headers.length,
        `${values.length} values but the header has ${headers.length} columns: ${extra
          .slice(0, 3)
          .map((v) => `"${v.length > 40 ? `${v.slice(0, 39)}…` : v}"`)
          .join(', ')} would be lost (a stray delimiter, or a value that needs quotes?)`,
      );
  } else if (ctx.strictWidth) {
    const missing = headers.slice(values.length);
    // A header that ends in empty columns (`SKU,Title,Price,`) loses nothing when rows stop early.
    if (missing.every((h) => h.trim() === '')) return;
    err(
      values.length,
      `only ${values.length} of the header's ${headers.length} columns: no value for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''} (a missing delimiter, or a line break in an unquoted value?)`,
    );
  }
}

/** Option values (Shopify's Option1 Value) as the size, or to add to the title. */
function optionText(values: string[], mapping: ColumnMapping, d: ItemDraft): string[] | undefined {
  let out: string[] | undefined;
  for (const [nameCol, valueCol] of mapping.optionPairs) {
    const value = (values[valueCol] ?? '').trim();
    if (value === '' || value === 'Default Title') continue;
    const name = (values[nameCol] ?? '').trim();
    if (/^size$/i.test(name) && d.size === '') d.size = value;
    else {
      out ??= [];
      out.push(value);
    }
  }
  return out;
}
