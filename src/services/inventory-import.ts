import { statSync } from 'node:fs';
import { CancelledError, type Problem } from '../core/errors.js';
import type { Delimiter } from '../adapters/csv/csv-reader.js';
import type { Store } from '../adapters/store/database.js';
import { capYoungGeneration } from '../adapters/heap.js';
import { readItemRows, type SkippedRow } from './import-rows.js';
import type { FormatChoice } from '../core/inventory/mapping.js';
import type { DecimalMark } from '../core/inventory/sheet-money.js';
import type { SourceId } from '../core/inventory/sources.js';
import type { TextEncoding } from '../adapters/csv/encoding.js';
import { PhotoFolder } from '../adapters/photos.js';
import { openImportSink, type ImportChange, type ImportSink } from './import-sink.js';

export type { ImportChange } from './import-sink.js';

export interface ImportOptions {
  file: string;
  format?: FormatChoice;
  /** Their column -> lotcast field, from --map. */
  map?: Record<string, string>;
  delimiter?: Delimiter;
  encoding?: TextEncoding;
  sheet?: string;
  decimal?: DecimalMark;
  includeSold?: boolean;
  /** A folder of photos named by SKU (SKU.jpg, SKU-2.jpg). */
  imagesDir?: string;
  skipInvalid?: boolean;
  addQuantity?: boolean;
  dryRun?: boolean;
  /** ISO time stamped on created/updated items. */
  now: string;
  /** Write the store on a worker thread: 'auto' for files of WORKER_MIN_BYTES and up. */
  threads?: 'auto' | 'on' | 'off';
  /** The built worker (tests running the TypeScript sources point at dist/). */
  workerUrl?: URL;
  /** Ctrl-C: stop between batches, roll everything back, throw CancelledError. */
  signal?: AbortSignal;
  /** Called after each batch of rows (a few hundred): for a progress line on big files. */
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  fileBytes: number;
}

/** The `--json` summary of `lotcast inventory import` (documented in README). */
export interface ImportSummary {
  file: string;
  /** The workbook sheet read (Excel), else null. */
  sheet: string | null;
  format: SourceId;
  /** null for a workbook. */
  delimiter: 'comma' | 'semicolon' | 'tab' | null;
  /** The header's line (sheet row); lines above it (a template's notes) are not read. */
  headerLine: number;
  /** How the CSV was decoded (null for a workbook). */
  encoding: TextEncoding | null;
  /** The decimal mark prices were read with, when any price showed one. */
  decimal: DecimalMark | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows not imported as stock (sold, archived, a template's instructions), each with why. */
  skipped: number;
  skippedRows: Array<SkippedRow & { file: string }>;
  includeSold: boolean;
  /** --images: items that got photos, and photos in the folder that no SKU claimed. */
  photos: { attached: number; unmatched: string[] } | null;
  generatedSkus: number;
  /** True when the store was changed (false on --dry-run and when invalid rows stopped the import). */
  written: boolean;
  dryRun: boolean;
  addQuantity: boolean;
  /** Columns lotcast has no field for: kept verbatim with each item (shown in `inventory export`). */
  keptColumns: string[];
  /** Column -> field actually used. */
  columns: Array<{ column: string; field: string | null }>;
  problems: Array<Problem & { file: string }>;
  /** Per-item outcomes on --dry-run (what would change). */
  changes?: ImportChange[];
}

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/** Young generation (MiB) a long import may grow V8's to: peak memory stays flat however long the file. */
const YOUNG_GENERATION_MB = 16;

/**
 * Imports a seller's CSV into the store in ONE transaction: every row validated, every problem
 * collected; if any row is invalid nothing is written unless skipInvalid. Dry runs roll back.
 */
export async function importInventory(store: Store, opts: ImportOptions): Promise<ImportSummary> {
  // A sheet that cannot be imported is refused before the store is touched.
  const photos = opts.imagesDir === undefined ? undefined : await PhotoFolder.open(opts.imagesDir);
  const rows = await readItemRows({
    file: opts.file,
    format: opts.format,
    map: opts.map,
    delimiter: opts.delimiter,
    encoding: opts.encoding,
    sheet: opts.sheet,
    decimal: opts.decimal,
    includeSold: opts.includeSold,
    photos,
  });
  const shownFile = rows.where;
  const fileBytes = fileSize(opts.file);
  let sink: ImportSink;
  try {
    sink = await openImportSink(store, {
      now: opts.now,
      addQuantity: Boolean(opts.addQuantity),
      dryRun: Boolean(opts.dryRun),
      fileBytes,
      threads: opts.threads ?? 'auto',
      workerUrl: opts.workerUrl,
    });
  } catch (err) {
    await rows.close();
    throw err;
  }
  const { mapping } = rows;
  const summary: ImportSummary = {
    file: opts.file,
    sheet: rows.sheet ?? null,
    format: mapping.format,
    delimiter: rows.delimiter ? DELIMITER_NAMES[rows.delimiter] : null,
    headerLine: rows.headerLine,
    encoding: rows.encoding ?? null,
    decimal: null,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    skipped: 0,
    skippedRows: [],
    includeSold: Boolean(opts.includeSold),
    photos: photos ? { attached: 0, unmatched: [] } : null,
    generatedSkus: 0,
    written: false,
    dryRun: Boolean(opts.dryRun),
    addQuantity: Boolean(opts.addQuantity),
    keptColumns: mapping.kept,
    columns: mapping.headers.map((h, i) => ({ column: h, field: mapping.fields[i] ?? null })),
    problems: [],
    ...(opts.dryRun ? { changes: [] } : {}),
  };
  const skuIndex = mapping.fields.indexOf('sku');
  const skuColumn = skuIndex >= 0 ? mapping.headers[skuIndex] : 'SKU';

  let commit = false;
  const young = capYoungGeneration(YOUNG_GENERATION_MB);
  try {
    for await (const batch of rows.batches) {
      if (opts.signal?.aborted) {
        throw new CancelledError('Import cancelled: nothing was written.', {
          hint: 'Run the same command again to import the file.',
        });
      }
      summary.rows += batch.rows;
      summary.rejected += batch.rejected;
      summary.skipped += batch.skipped.length;
      for (const sk of batch.skipped) summary.skippedRows.push({ ...sk, file: shownFile });
      if (summary.photos) summary.photos.attached += batch.withPhotos;
      for (const p of batch.problems) summary.problems.push({ ...p, file: shownFile });
      if (batch.values.length > 0)
        await sink.write({ values: batch.values, lines: batch.lines, generated: batch.generated });
      young.check();
      opts.onProgress?.({ rows: summary.rows, bytesRead: batch.bytesRead, fileBytes });
    }
    summary.decimal = rows.decimal() ?? null;
    if (summary.photos && photos) summary.photos.unmatched = photos.unmatched();
    const totals = await sink.totals();
    summary.created = totals.created;
    summary.updated = totals.updated;
    summary.unchanged = totals.unchanged;
    summary.generatedSkus = totals.generatedSkus;
    if (opts.dryRun) summary.changes = totals.changes;
    for (const d of totals.duplicates) {
      summary.rejected++;
      summary.problems.push({
        line: d.line,
        field: skuColumn,
        file: shownFile,
        message: d.generated
          ? `same item as line ${d.first} and neither has a SKU: give them SKUs, or make it one row with the total quantity`
          : `duplicate SKU "${d.sku}" (first on line ${d.first})`,
      });
    }
    // Duplicates are found on the store's side, after the row problems: report in file order.
    summary.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    commit = !opts.dryRun && (summary.rejected === 0 || Boolean(opts.skipInvalid));
    await sink.end(commit);
    summary.written = commit;
  } finally {
    young.release();
    await sink.end(false);
    await rows.close();
  }
  if (!summary.written && !opts.dryRun) {
    // Nothing was written, so nothing was created or updated.
    summary.created = summary.updated = summary.unchanged = 0;
  }
  return summary;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // the reader has already said what is wrong with the path
  }
}
