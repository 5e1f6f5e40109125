/**
 * Header mapping: which of the seller's columns feeds which item field. Pure; the importer
 * applies it row by row.
 */
export type ItemField =
  | 'sku'
  | 'title'
  | 'description'
  | 'quantity'
  | 'price'
  | 'cost'
  | 'condition'
  | 'category'
  | 'subCategory'
  | 'brand'
  | 'size'
  | 'tags'
  | 'weight'
  | 'image'
  | 'location'
  | 'notes'
  | 'listingType'
  | 'shippingProfile'
  | 'ignore';

export const FIELD_NAMES: readonly ItemField[] = [
  'sku',
  'title',
  'description',
  'quantity',
  'price',
  'cost',
  'condition',
  'category',
  'subCategory',
  'brand',
  'size',
  'tags',
  'weight',
  'image',
  'location',
  'notes',
  'listingType',
  'shippingProfile',
  'ignore',
];

/** Whatnot's bulk-listing template header, exactly (Seller Hub upload). */
export const WHATNOT_HEADER = [
  'Category',
  'Sub Category',
  'Title',
  'Description',
  'Quantity',
  'Type',
  'Price',
  'Shipping Profile',
  'Offerable',
  'Hazmat',
  'Condition',
  'Cost Per Item',
  'SKU',
  'Image URL 1',
  'Image URL 2',
  'Image URL 3',
  'Image URL 4',
  'Image URL 5',
  'Image URL 6',
  'Image URL 7',
  'Image URL 8',
] as const;

/** Common header names, normalised (see normalizeHeader), per field. */
const SYNONYMS: Record<Exclude<ItemField, 'ignore' | 'image'>, string[]> = {
  sku: [
    'sku',
    'item number',
    'item no',
    'item id',
    'id',
    'seller sku',
    'custom label',
    'custom label sku',
    'stock number',
    'product sku',
  ],
  title: ['title', 'name', 'item', 'item name', 'item title', 'product name', 'product title', 'listing title'],
  description: ['description', 'desc', 'details', 'product description', 'item description'],
  quantity: [
    'qty',
    'quantity',
    'stock',
    'inventory',
    'available',
    'on hand',
    'count',
    'units',
    'qty available',
    'available quantity',
  ],
  price: [
    'price',
    'start price',
    'starting price',
    'starting bid',
    'start bid',
    'retail price',
    'list price',
    'bin price',
    'buy it now price',
    'sale price',
    'price usd',
  ],
  cost: ['cost', 'cost per item', 'item cost', 'unit cost', 'cogs', 'paid', 'purchase price'],
  condition: ['condition', 'grade', 'item condition'],
  category: ['category', 'product category', 'main category'],
  subCategory: ['sub category', 'subcategory', 'sub cat', 'secondary category'],
  brand: ['brand', 'maker', 'manufacturer', 'label'],
  size: ['size', 'item size', 'tag size'],
  tags: ['tags', 'tag', 'keywords', 'labels', 'hashtags'],
  weight: [
    'weight',
    'weight oz',
    'weight lb',
    'weight lbs',
    'weight g',
    'item weight',
    'package weight',
    'shipping weight',
  ],
  location: [
    'location',
    'bin',
    'bin number',
    'bin no',
    'shelf number',
    'shelf',
    'bin location',
    'storage',
    'storage location',
    'shelf location',
    'bin shelf',
  ],
  notes: ['notes', 'note', 'comments', 'comment', 'flaws', 'memo'],
  listingType: ['type', 'listing type', 'format', 'sale type'],
  shippingProfile: ['shipping profile', 'shipping', 'shipping class'],
};

const LOOKUP = new Map<string, ItemField>();
for (const [field, names] of Object.entries(SYNONYMS)) for (const n of names) LOOKUP.set(n, field as ItemField);

/** "Item #" -> "item number", "Sub-Category" -> "sub category", "Weight (oz)" -> "weight oz". */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

type WeightUnit = 'oz' | 'lb' | 'g' | 'kg';
/** Asked once per row of a large import; a sheet has a handful of headers. */
const unitOfHeader = new Map<string, WeightUnit>();

/** The unit a weight column's header names, used when a cell is a bare number. */
export function weightUnitOfHeader(h: string): WeightUnit {
  let unit = unitOfHeader.get(h);
  if (unit === undefined) {
    const n = normalizeHeader(h);
    unit = /\b(lb|lbs|pounds?)\b/.test(n) ? 'lb' : /\bkg\b/.test(n) ? 'kg' : /\b(g|grams?)\b/.test(n) ? 'g' : 'oz';
    if (unitOfHeader.size < 256) unitOfHeader.set(h, unit);
  }
  return unit;
}

export function fieldForHeader(h: string): ItemField | undefined {
  const n = normalizeHeader(h);
  if (/^(image|photo|picture|img)( url| link)?( \d+)?$|^(images|photos|image urls|picture urls|main image)$/.test(n))
    return 'image';
  return LOOKUP.get(n);
}

export function parseFieldName(name: string): ItemField | undefined {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  const aliases: Record<string, ItemField> = {
    subcategory: 'subCategory',
    images: 'image',
    imageurl: 'image',
    bin: 'location',
    type: 'listingType',
    shippingprofile: 'shippingProfile',
    skip: 'ignore',
  };
  return aliases[n] ?? FIELD_NAMES.find((f) => f.toLowerCase() === n);
}

export interface ColumnMapping {
  /** Field per column index; undefined = not mapped (kept in extra). */
  fields: Array<ItemField | undefined>;
  headers: string[];
  format: 'generic' | 'whatnot';
  /** Columns kept verbatim in the item's extra data. */
  kept: string[];
}

export interface MappingProblem {
  field?: string;
  message: string;
}

/**
 * Decides the column mapping. `overrides` maps the seller's header text to a field name
 * (from `--map "Their Column=field"`); it wins over the automatic guess.
 */
export function mapColumns(
  headers: string[],
  opts: { format?: 'auto' | 'generic' | 'whatnot'; overrides?: Record<string, string> } = {},
): { mapping: ColumnMapping; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const clean = headers.map((h) => h.replace(/^\uFEFF/, '').trim());
  const isWhatnot = clean.length === WHATNOT_HEADER.length && clean.every((h, i) => h === WHATNOT_HEADER[i]);
  let format: 'generic' | 'whatnot' =
    opts.format === 'whatnot' || (opts.format !== 'generic' && isWhatnot) ? 'whatnot' : 'generic';
  if (opts.format === 'whatnot' && !isWhatnot) {
    const missing = WHATNOT_HEADER.filter((h) => !clean.includes(h));
    if (missing.length > 0) {
      problems.push({
        message: `--format whatnot, but the header lacks Whatnot template columns: ${missing.join(', ')}`,
      });
    }
    format = 'whatnot';
  }
  const fields: Array<ItemField | undefined> = clean.map((h) => fieldForHeader(h));

  const overrides = opts.overrides ?? {};
  for (const [their, fieldName] of Object.entries(overrides)) {
    const field = parseFieldName(fieldName);
    if (!field) {
      problems.push({
        field: their,
        message: `--map: unknown field "${fieldName}"; use one of ${FIELD_NAMES.join(', ')}`,
      });
      continue;
    }
    const idx = clean.findIndex((h) => h === their.trim() || normalizeHeader(h) === normalizeHeader(their));
    if (idx < 0) {
      problems.push({
        field: their,
        message: `--map: the file has no column "${their}" (its columns: ${clean.join(', ')})`,
      });
      continue;
    }
    // A field other than image/ignore comes from one column: the override takes it from the guess.
    if (field !== 'image' && field !== 'ignore') {
      fields.forEach((f, i) => {
        if (f === field && i !== idx) fields[i] = undefined;
      });
    }
    fields[idx] = field;
  }

  // Two columns guessed as the same single-valued field: keep the first, keep the other verbatim.
  const seen = new Set<ItemField>();
  fields.forEach((f, i) => {
    if (!f || f === 'image' || f === 'ignore') return;
    if (seen.has(f)) fields[i] = undefined;
    else seen.add(f);
  });
  if (!fields.includes('title')) {
    problems.push({
      field: 'Title',
      message: `no title column found (columns: ${clean.join(', ')})`,
    });
  }
  const kept = clean.filter((_, i) => fields[i] === undefined);
  return { mapping: { fields, headers: clean, format, kept }, problems };
}
