/**
 * Header mapping: which of the seller's columns feeds which item field, for the export the
 * header is recognised as. Pure; the importer applies it row by row.
 */
import {
  FIELD_NAMES,
  normalizeHeader,
  parseFieldName,
  roleForNormalized,
  weightUnitOfHeader,
  WHATNOT_HEADER,
  type ColumnRole,
} from './columns.js';
import { STORE_CURRENCY } from './sheet-money.js';
import {
  detectSource,
  missingSignature,
  NOT_STOCK,
  signatureName,
  sourceById,
  type SourceDef,
  type SourceId,
} from './sources.js';

export interface ColumnMapping {
  /** Role per column index; undefined = not mapped (kept in extra). */
  fields: Array<ColumnRole | undefined>;
  headers: string[];
  format: SourceId;
  /** Columns kept verbatim in the item's extra data. */
  kept: string[];
  /** [name column, value column] of each option (Shopify's Option1 Name / Option1 Value). */
  optionPairs: Array<[number, number]>;
  /** A currency the header itself names (eBay File Exchange's `*Action(...Currency=USD...)`). */
  headerCurrency?: string;
  /** Normalised status -> why such a row is not stock. */
  notStock: Record<string, string>;
  /** Column whose value groups a product's rows (Shopify's Handle); -1 when rows stand alone. */
  groupBy: number;
  /** Columns a product's further rows take from its first row when blank. */
  carried: boolean[];
}

export interface MappingProblem {
  field?: string;
  message: string;
}

export type FormatChoice = 'auto' | SourceId;

/** Roles that several columns may feed (all of them are read). */
const MANY: ReadonlySet<ColumnRole | undefined> = new Set<ColumnRole | undefined>([
  'image',
  'productImage',
  'ignore',
  'optionName',
  'optionValue',
  'variation',
  // Tags and notes from several columns add up (Vendoo's Tags and Labels).
  'tags',
  'notes',
]);

/**
 * Decides the column mapping. `overrides` maps the seller's header text to a field name
 * (from `--map "Their Column=field"`); it wins over the automatic guess.
 */
export function mapColumns(
  headers: string[],
  opts: { format?: FormatChoice; overrides?: Record<string, string> } = {},
): { mapping: ColumnMapping; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const clean = headers.map((h) => h.replace(/^\uFEFF/, '').trim());
  const norm = clean.map(normalizeHeader);
  const isWhatnot = clean.length === WHATNOT_HEADER.length && clean.every((h, i) => h === WHATNOT_HEADER[i]);
  const choice = opts.format ?? 'auto';
  let source: SourceDef | undefined;
  let format: SourceId = 'generic';
  if (choice === 'whatnot' || (choice === 'auto' && isWhatnot)) {
    format = 'whatnot';
    if (!isWhatnot) {
      const missing = WHATNOT_HEADER.filter((h) => !clean.includes(h));
      if (missing.length > 0)
        problems.push({
          message: `--format whatnot, but the header lacks Whatnot template columns: ${missing.join(', ')}`,
        });
    }
  } else if (choice === 'auto') {
    source = detectSource(norm);
    format = source?.id ?? 'generic';
  } else if (choice !== 'generic') {
    source = sourceById(choice);
    format = choice;
    const missing = source ? missingSignature(source, norm) : [];
    if (missing.length > 0)
      problems.push({
        message: `--format ${choice}, but the header lacks ${missing.map((g) => g.join(' or ')).join(', ')}`,
      });
  }
  const own = source?.columns ?? {};
  const fields: Array<ColumnRole | undefined> = norm.map((n) => own[signatureName(n)] ?? roleForNormalized(n));
  const fromSource = norm.map((n) => own[signatureName(n)] !== undefined);

  for (const [their, fieldName] of Object.entries(opts.overrides ?? {})) {
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
    fromSource[idx] = true;
  }

  // Two columns guessed as the same single-valued field: keep the first, keep the other verbatim.
  // A source's own columns may share one (Shopify's Product Category and Type) and a weight may
  // be split over columns in different units (Weight (lb) + Weight (oz)).
  const seen = new Map<ColumnRole, number>();
  fields.forEach((f, i) => {
    if (!f || MANY.has(f)) return;
    const first = seen.get(f);
    if (first === undefined) seen.set(f, i);
    else if (f === 'weight' && weightUnitOfHeader(clean[first] ?? '') !== weightUnitOfHeader(clean[i] ?? '')) return;
    else if (!(fromSource[i] && fromSource[first])) fields[i] = undefined;
  });
  if (!fields.includes('title')) {
    problems.push({ field: 'Title', message: `no title column found (columns: ${clean.join(', ')})` });
  }
  const groupRole = source?.groupBy;
  const carried = new Set(source?.carried ?? []);
  const mapping: ColumnMapping = {
    fields,
    headers: clean,
    format,
    // Status and handle are read and kept too: nothing in the sheet is lost.
    kept: clean.filter((_, i) => fields[i] === undefined),
    optionPairs: optionPairs(norm, fields),
    notStock: { ...NOT_STOCK, ...source?.notStock },
    groupBy: groupRole ? fields.indexOf(groupRole) : -1,
    carried: fields.map((f) => f !== undefined && carried.has(f)),
  };
  const currency = /currency=([a-z]{3})/i.exec(clean.find((_, i) => signatureName(norm[i] ?? '') === 'action') ?? '');
  if (currency?.[1]) {
    mapping.headerCurrency = currency[1].toUpperCase();
    if (mapping.headerCurrency !== STORE_CURRENCY)
      problems.push({
        field: clean.find((h) => /currency=/i.test(h)),
        message: `the file's prices are in ${mapping.headerCurrency}, but lotcast keeps prices in ${STORE_CURRENCY}: convert them first (lotcast never mixes currencies)`,
      });
  }
  return { mapping, problems };
}

/** Option1 Name with Option1 Value, and so on. */
function optionPairs(norm: string[], fields: Array<ColumnRole | undefined>): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  norm.forEach((n, i) => {
    if (fields[i] !== 'optionName') return;
    const want = n.replace(/name$/, 'value');
    const v = norm.findIndex((m, j) => m === want && fields[j] === 'optionValue');
    if (v >= 0) pairs.push([i, v]);
  });
  return pairs;
}
