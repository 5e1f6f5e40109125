/**
 * Rows to items where one row is not always one item: a Shopify product spans several rows
 * (variants carry only what differs, image-only rows add photos), and a marketplace template
 * has instruction rows under its header. Pure; fed row by row, in file order.
 */
import { normalizeHeader, roleForNormalized, type ColumnRole } from './columns.js';
import { mapColumns, type ColumnMapping, type FormatChoice } from './mapping.js';
import { addImages, mapRow, type RowContext, type RowResult } from './row.js';

export interface MappedRow {
  line: number;
  result: RowResult;
}

/** How many rows under the header may be a template's instructions (TikTok has two or three). */
const INSTRUCTION_ROWS = 5;
const NUMBER = /^[$€£]?\d[\d.,]*$/;
const MARKER = /^(mandatory|optional|required|conditional(ly)?( mandatory| required)?|必填|选填)$/i;
/** Roles an image-only Shopify row has filled. */
const IMAGE_ONLY: ReadonlySet<ColumnRole | undefined> = new Set<ColumnRole | undefined>([
  'handle',
  'productImage',
  'image',
  'ignore',
]);

interface Product {
  key: string;
  first: string[];
  rows: MappedRow[];
  images: { images: string[] };
}

export class RowAssembler {
  private product: Product | undefined;
  private seen = 0;
  private readonly productImageCols: number[];
  private readonly carriedCols: number[];

  constructor(
    readonly mapping: ColumnMapping,
    readonly ctx: RowContext,
  ) {
    this.productImageCols = indexesOf(mapping.fields, (f) => f === 'productImage');
    this.carriedCols = indexesOf(mapping.fields, (_, i) => mapping.carried[i] === true);
  }

  /** Maps one row; what is finished goes to `out` (a product's rows wait for its last row). */
  push(values: string[], line: number, out: MappedRow[]): void {
    if (this.seen < INSTRUCTION_ROWS) {
      this.seen++;
      if (isInstructionRow(values, this.mapping)) {
        out.push({ line, result: { problems: [], skipped: "the template's instructions, not an item" } });
        return;
      }
    }
    const g = this.mapping.groupBy;
    if (g < 0) {
      out.push({ line, result: mapRow(values, this.mapping, line, this.ctx) });
      return;
    }
    const key = (values[g] ?? '').trim();
    let p = this.product;
    if (p === undefined || key === '' || key !== p.key) {
      this.flush(out);
      p = { key, first: values, rows: [], images: { images: [] } };
      this.product = p;
    } else {
      if (this.imageOnly(values)) {
        for (const c of this.productImageCols) addImages(p.images, values[c] ?? '');
        return;
      }
      // A variant row leaves the product's fields blank: they are the first row's.
      const first = p.first;
      values = values.slice();
      for (const c of this.carriedCols) if ((values[c] ?? '').trim() === '') values[c] = first[c] ?? '';
    }
    for (const c of this.productImageCols) addImages(p.images, values[c] ?? '');
    p.rows.push({ line, result: mapRow(values, this.mapping, line, this.ctx) });
  }

  /** The end of the file: the last product is complete. */
  flush(out: MappedRow[]): void {
    const p = this.product;
    this.product = undefined;
    if (!p) return;
    for (const row of p.rows) {
      const d = row.result.draft;
      if (d) for (const url of p.images.images) if (!d.images.includes(url)) d.images.push(url);
      out.push(row);
    }
  }

  private imageOnly(values: string[]): boolean {
    let images = 0;
    for (let i = 0; i < values.length; i++) {
      if ((values[i] ?? '').trim() === '') continue;
      const f = this.mapping.fields[i];
      if (!IMAGE_ONLY.has(f)) return false;
      if (f === 'productImage' || f === 'image') images++;
    }
    return images > 0;
  }
}

/**
 * A row under the header that explains it: "Mandatory / Optional" markers, the column names
 * again (a template's second, human-readable header), or long instruction text in most cells.
 */
export function isInstructionRow(values: string[], mapping: ColumnMapping): boolean {
  let filled = 0;
  let markers = 0;
  let names = 0;
  let prose = 0;
  let numbers = 0;
  values.forEach((raw, i) => {
    const v = raw.trim();
    if (v === '') return;
    filled++;
    if (NUMBER.test(v)) numbers++;
    if (MARKER.test(v)) markers++;
    else if (v.length >= 60 || v.startsWith('•')) prose++;
    else {
      const n = normalizeHeader(v);
      const header = mapping.headers[i];
      if ((header !== undefined && n === normalizeHeader(header)) || roleForNormalized(n) !== undefined) names++;
    }
  });
  // Long text in most cells is instructions only in a template (an eBay title is 80 characters
  // too) and only when no cell is a number (a real row has a price or a quantity).
  const instructions = mapping.format === 'tiktok' && filled >= 3 && prose * 2 > filled && numbers === 0;
  return filled > 0 && (markers * 2 >= filled || (filled >= 2 && names * 2 > filled) || instructions);
}

/**
 * Which of a file's first rows is the header: the first that names a title column and at
 * least one more field (lines above it, like eBay's `#INFO` lines or a template's banner, are
 * not data). The first row when none does, so the usual "no title column" problem is reported.
 */
export function findHeaderRow(
  rows: readonly string[][],
  opts: { format?: FormatChoice; overrides?: Record<string, string> } = {},
  limit = 30,
): number {
  for (let i = 0; i < Math.min(rows.length, limit); i++) {
    const row = rows[i] ?? [];
    if ((row[0] ?? '').trim().startsWith('#')) continue;
    // --map and --format count: a header whose title column is named by --map is the header.
    const { mapping } = mapColumns(row, opts);
    const mapped = mapping.fields.filter((f) => f !== undefined && f !== 'ignore').length;
    if (mapping.fields.includes('title') && (mapped >= 2 || mapping.format !== 'generic')) return i;
  }
  return 0;
}

function indexesOf<T>(list: readonly T[], pick: (x: T, i: number) => boolean): number[] {
  const out: number[] = [];
  list.forEach((x, i) => {
    if (pick(x, i)) out.push(i);
  });
  return out;
}
