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

/**
 * What a column means: an item field, or something an export uses to build one (a status that
 * says the row is not stock, a currency, a product handle grouping variant rows, ...).
 */
export type ColumnRole =
  | ItemField
  | 'status'
  | 'currency'
  /** A SKU to use only when the row has none (eBay's item number, TikTok's SKU ID). */
  | 'fallbackSku'
  | 'handle'
  | 'optionName'
  | 'optionValue'
  /** Variation text (`Size:M`), added to the title. */
  | 'variation'
  | 'descriptionHtml'
  /** An image of the whole product (Shopify's Image Src), given to each of its variants. */
  | 'productImage'
  | 'conditionId';

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
    'sku number',
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
    'quantity available',
    'inventory quantity',
    'stock quantity',
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
    'listing price',
    'asking price',
    'retail price local currency',
  ],
  cost: [
    'cost',
    'cost per item',
    'item cost',
    'unit cost',
    'cogs',
    'paid',
    'purchase price',
    'cost of goods',
    'cost of goods sold',
    'cost price',
    'purchase cost',
    'buy price',
  ],
  condition: ['condition', 'grade', 'item condition'],
  category: ['category', 'product category', 'main category'],
  subCategory: ['sub category', 'subcategory', 'sub cat', 'secondary category'],
  brand: ['brand', 'maker', 'manufacturer', 'label', 'vendor'],
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
    'package weight lb',
    'package weight oz',
    'package weight g',
    'package weight kg',
    'weight kg',
    'item weight oz',
    'item weight lb',
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
  notes: ['notes', 'note', 'comments', 'comment', 'flaws', 'memo', 'internal notes', 'private notes'],
  listingType: ['type', 'listing type', 'format', 'sale type'],
  shippingProfile: ['shipping profile', 'shipping', 'shipping class'],
};

const LOOKUP = new Map<string, ColumnRole>();
for (const [field, names] of Object.entries(SYNONYMS)) for (const n of names) LOOKUP.set(n, field as ItemField);
for (const n of ['status', 'item status', 'listing status', 'product status', 'inventory status'])
  LOOKUP.set(n, 'status');
for (const n of ['currency', 'currency code']) LOOKUP.set(n, 'currency');

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

export function fieldForHeader(h: string): ColumnRole | undefined {
  return roleForNormalized(normalizeHeader(h));
}

const IMAGE_HEADER =
  /^(main |product |item |additional )?(image|photo|picture|img|pic)s?( ?url| ?urls| link| links| src)?( ?\d+)?$/;

/** The generic guess for a normalised header (any source's own names are applied on top). */
export function roleForNormalized(n: string): ColumnRole | undefined {
  if (IMAGE_HEADER.test(n)) return 'image';
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
