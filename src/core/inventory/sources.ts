/**
 * Where sellers' inventory already lives: the exports lotcast recognises by their header, and
 * what each of their columns means. Column names are normalised (see normalizeHeader).
 */
import type { ColumnRole } from './columns.js';

export type SourceId =
  | 'generic'
  | 'whatnot'
  | 'shopify'
  | 'ebay'
  | 'ebay-file-exchange'
  | 'etsy'
  | 'tiktok'
  | 'vendoo'
  | 'list-perfectly'
  | 'crosslist';

export interface SourceDef {
  id: SourceId;
  label: string;
  /** Where in the tool the seller gets the file (README, `--formats`). */
  exportHow: string;
  /** Recognised when, for every group, the header has at least one of its names. */
  signature: string[][];
  /** Normalised header -> what the column means in this source (wins over the generic guess). */
  columns: Record<string, ColumnRole>;
  /** Status values (normalised) that mean "not stock", with the reason shown. */
  notStock?: Record<string, string>;
  /** Rows sharing this role's value are one product (the first row carries product fields). */
  groupBy?: ColumnRole;
  /** Roles a product's further rows take from its first row when blank. */
  carried?: readonly ColumnRole[];
}

/** Status words that mean the row is history or gone, in every source. */
export const NOT_STOCK: Record<string, string> = {
  sold: 'sold',
  'sold out': 'sold',
  ended: 'ended',
  completed: 'sold',
  archived: 'archived',
  deleted: 'deleted',
  removed: 'deleted',
};

export const SOURCES: readonly SourceDef[] = [
  {
    id: 'shopify',
    label: 'Shopify products CSV',
    exportHow: 'Products > Export > All products, CSV for Excel or plain CSV',
    // The export's column names changed in 2024 (`URL handle`, `SKU`, `Inventory quantity`,
    // `Product image URL`); both generations are read.
    signature: [
      ['handle', 'url handle'],
      ['variant sku', 'variant price', 'variant inventory qty', 'option1 value', 'product image url'],
    ],
    columns: {
      handle: 'handle',
      'url handle': 'handle',
      description: 'descriptionHtml',
      'inventory quantity': 'quantity',
      'weight value grams': 'weight',
      'product image url': 'productImage',
      'variant image url': 'image',
      'weight unit for display': 'ignore',
      'body html': 'descriptionHtml',
      vendor: 'brand',
      'product category': 'category',
      type: 'category',
      'variant sku': 'sku',
      'variant inventory qty': 'quantity',
      'variant price': 'price',
      'cost per item': 'cost',
      'variant grams': 'weight',
      'variant image': 'image',
      'image src': 'productImage',
      'option1 name': 'optionName',
      'option2 name': 'optionName',
      'option3 name': 'optionName',
      'option1 value': 'optionValue',
      'option2 value': 'optionValue',
      'option3 value': 'optionValue',
      status: 'status',
      'image position': 'ignore',
      'image alt text': 'ignore',
    },
    notStock: { draft: 'draft', archived: 'archived' },
    groupBy: 'handle',
    carried: ['title', 'descriptionHtml', 'brand', 'category', 'tags', 'status', 'optionName'],
  },
  {
    id: 'ebay',
    label: 'eBay Seller Hub active listings report',
    exportHow: 'Seller Hub > Reports > Downloads > Create report > Active listings (CSV)',
    signature: [['item number'], ['custom label sku'], ['available quantity', 'start price', 'format']],
    columns: {
      'item number': 'fallbackSku',
      'custom label sku': 'sku',
      'available quantity': 'quantity',
      format: 'listingType',
      currency: 'currency',
      'start price': 'price',
      'ebay category 1 name': 'category',
      'ebay category 2 name': 'subCategory',
      'variation details': 'variation',
    },
    notStock: { ended: 'ended', unsold: 'ended' },
  },
  {
    id: 'ebay-file-exchange',
    label: 'eBay File Exchange / bulk listing template',
    exportHow: 'Seller Hub > Reports > Uploads: a listing template or a File Exchange file',
    signature: [['action'], ['customlabel', 'custom label sku', 'title']],
    columns: {
      action: 'ignore',
      customlabel: 'sku',
      'custom label sku': 'sku',
      itemid: 'fallbackSku',
      'item id': 'fallbackSku',
      title: 'title',
      description: 'descriptionHtml',
      startprice: 'price',
      'start price': 'price',
      quantity: 'quantity',
      format: 'listingType',
      picurl: 'image',
      'item photo url': 'image',
      conditionid: 'conditionId',
      'condition id': 'conditionId',
    },
  },
  {
    id: 'etsy',
    label: 'Etsy listings CSV',
    exportHow: 'Shop Manager > Settings > Options > Download Data > Download CSV (Listings)',
    signature: [['currency code'], ['image1', 'variation 1 type']],
    columns: { 'currency code': 'currency' },
  },
  {
    id: 'tiktok',
    label: 'TikTok Shop product export / bulk template',
    exportHow: 'Seller Center > Products > Manage products > Export (or Bulk edit > download the template)',
    signature: [
      ['product name', 'product_name'],
      ['seller sku', 'main product image', 'main image', 'retail price local currency', 'sku id'],
    ],
    columns: {
      'product description': 'descriptionHtml',
      'main product image': 'image',
      'main image': 'image',
      'variant image': 'image',
      'sku id': 'fallbackSku',
      'product status': 'status',
      'retail price local currency': 'price',
      'variation 1': 'variation',
      'variation 2': 'variation',
    },
    notStock: { deleted: 'deleted', 'seller deactivated': 'deactivated', 'platform deactivated': 'deactivated' },
  },
  {
    id: 'vendoo',
    label: 'Vendoo inventory export',
    exportHow: 'Inventory > select items > Export (CSV)',
    signature: [['cost of goods'], ['weight lb', 'weight oz']],
    columns: { 'cost of goods': 'cost', labels: 'tags', 'internal notes': 'notes', status: 'status' },
  },
  {
    id: 'list-perfectly',
    label: 'List Perfectly inventory export',
    exportHow: 'Listings > Export (CSV)',
    signature: [['cogs'], ['sold price', 'sold date', 'sold on'], ['status']],
    columns: { cogs: 'cost', status: 'status' },
  },
  {
    id: 'crosslist',
    label: 'Crosslist CSV (its import template, filled)',
    exportHow: "the Template sheet of Crosslist's CSV template, File > Download > CSV",
    signature: [['category id'], ['size id']],
    columns: { id: 'ignore', 'category id': 'ignore', 'size id': 'ignore', images: 'image' },
  },
];

const BY_ID = new Map<string, SourceDef>(SOURCES.map((s) => [s.id, s]));

export function sourceById(id: SourceId): SourceDef | undefined {
  return BY_ID.get(id);
}

/** How a summary names what the header was read as. */
export function sourceLabel(id: SourceId): string {
  if (id === 'generic') return 'generic columns';
  if (id === 'whatnot') return "Whatnot's bulk template";
  return BY_ID.get(id)?.label ?? id;
}

/** The groups of a source's signature the header lacks (empty = recognised). */
export function missingSignature(source: SourceDef, normalized: readonly string[]): string[][] {
  const have = new Set(normalized.map(signatureName));
  return source.signature.filter((group) => !group.some((name) => have.has(name)));
}

/** Which known export this header is, if any (the first whose signature it has). */
export function detectSource(normalized: readonly string[]): SourceDef | undefined {
  return SOURCES.find((s) => missingSignature(s, normalized).length === 0);
}

/** eBay's `*Action(SiteID=US|Country=US|Currency=USD|...)` names its settings inside the header. */
export function signatureName(n: string): string {
  return n.startsWith('action site') || n.startsWith('action country') ? 'action' : n;
}

/** eBay's ConditionID numbers (the ones every category uses), as words. */
export const EBAY_CONDITIONS: Record<string, string> = {
  '1000': 'New',
  '1500': 'New other',
  '1750': 'New with defects',
  '2000': 'Certified refurbished',
  '2500': 'Seller refurbished',
  '2750': 'Like New',
  '3000': 'Used',
  '4000': 'Very Good',
  '5000': 'Good',
  '6000': 'Acceptable',
  '7000': 'For parts or not working',
};
