import { basename } from 'node:path';
import { findHeaderRow, RowAssembler, type MappedRow } from '../core/inventory/assemble.js';
import { mapColumns, type ColumnMapping, type FormatChoice } from '../core/inventory/mapping.js';
import { rowContext, type RowContext } from '../core/inventory/row.js';
import type { DecimalMark } from '../core/inventory/sheet-money.js';
import { UsageError, ValidationError, type Problem } from '../core/errors.js';
import { openCsv, readSample, type CsvRecord, type Delimiter } from '../adapters/csv/csv-reader.js';
import { sniffBytes, type TextEncoding } from '../adapters/csv/encoding.js';
import type { PhotoFolder } from '../adapters/photos.js';
import { itemValues, type ItemValues } from '../adapters/store/inventory-writer.js';

export interface ReadRowsOptions {
  file: string;
  format?: FormatChoice;
  /** Their column -> lotcast field, from --map. */
  map?: Record<string, string>;
  delimiter?: Delimiter;
  /** --encoding: how to decode a CSV (otherwise found from its bytes). */
  encoding?: TextEncoding;
  /** --sheet: the workbook sheet to read. */
  sheet?: string;
  /** --decimal: the file's decimal mark (otherwise learnt from its cells). */
  decimal?: DecimalMark;
  /** --include-sold: sold/ended/archived rows at quantity 0 instead of skipped. */
  includeSold?: boolean;
  /** --images DIR: photos named by SKU. */
  photos?: PhotoFolder;
}

/** Valid rows, ready for the store. */
export interface ValidRows {
  /** Each row as the values the store writes. */
  values: ItemValues[];
  /** The physical line each row starts on. */
  lines: number[];
  /** Whether lotcast made up the row's SKU (the row had none). */
  generated: boolean[];
}

/** A row not imported as stock, and why. */
export interface SkippedRow {
  line: number;
  reason: string;
}

/** Rows of the sheet, mapped and validated, a few hundred at a time. */
export interface RowBatch extends ValidRows {
  /** Every problem of the rejected rows (a row may have several). */
  problems: Problem[];
  rejected: number;
  skipped: SkippedRow[];
  rows: number;
  /** Items that got photos from --images. */
  withPhotos: number;
  /** Bytes of the file read up to the end of this batch. */
  bytesRead: number;
}

export interface ItemRows {
  delimiter: Delimiter | undefined;
  encoding: TextEncoding | undefined;
  /** The workbook sheet read (Excel files). */
  sheet: string | undefined;
  /** How problems name the file: `haul.csv`, or `haul.xlsx:Sheet1` for a workbook. */
  where: string;
  /** The line (sheet row) of the header: more than 1 when notes above it were skipped. */
  headerLine: number;
  mapping: ColumnMapping;
  /** The decimal mark the file turned out to use (known once every batch is read). */
  decimal(): DecimalMark | undefined;
  batches: AsyncIterable<RowBatch>;
  /** Stops reading (closes the file, ends the worker); safe to call more than once. */
  close(): Promise<void>;
}

interface Sheet {
  headers: string[];
  headerLine: number;
  batches: AsyncIterable<CsvRecord[]>;
  close(): void;
  bytesRead(): number;
  delimiter?: Delimiter;
  encoding?: TextEncoding;
  sheet?: string;
}

/** Rows per batch handed on: a few hundred messages to the store's thread for 100,000 rows. */
const BATCH_TARGET = 512;

/** A CSV (any encoding lotcast can tell) or an Excel workbook, by what its bytes are. */
async function openSheet(opts: ReadRowsOptions, ctx: RowContext): Promise<Sheet> {
  const how = { format: opts.format, overrides: opts.map };
  const pickHeader = (rows: string[][]) => findHeaderRow(rows, how);
  const hasHeader = (row: string[]) => mapColumns(row, how).mapping.fields.includes('title');
  const sample = await readSample(opts.file, 4096);
  const kind = sniffBytes(sample.bytes, sample.whole);
  if (kind.kind === 'xlsx') {
    const { openXlsx } = await import('../adapters/xlsx/xlsx-reader.js');
    return openXlsx(opts.file, { sheet: opts.sheet, pickHeader, hasHeader });
  }
  if (kind.kind === 'xls')
    throw new UsageError(`${opts.file} is an old Excel 97-2003 (.xls) workbook, which lotcast does not read.`, {
      hint: 'Open it in Excel or Google Sheets and save it as .xlsx or as CSV, then import that.',
    });
  if (kind.kind === 'binary' && opts.encoding === undefined)
    throw new UsageError(`${opts.file} is not a CSV file or an Excel workbook (it looks binary: a .numbers file?).`, {
      hint: 'Export the sheet as CSV or .xlsx first (File > Download in Google Sheets, Save As in Excel or Numbers).',
    });
  if (opts.sheet !== undefined)
    throw new UsageError(`--sheet is for Excel workbooks; ${opts.file} is a CSV file.`, { hint: 'Drop --sheet.' });
  const encoding = opts.encoding ?? (kind.kind === 'text' ? kind.encoding : 'utf-8');
  ctx.strictWidth = true;
  // A UTF-8 file's cells are searched for U+FFFD only when its bytes hold one.
  if (encoding === 'utf-8') ctx.checkReplacement = false;
  return openCsv(opts.file, {
    onReplacementChar: () => {
      ctx.checkReplacement = true;
    },
    encoding,
    pickHeader,
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
  });
}

/**
 * Opens the sheet and maps its header (refusing a sheet that cannot be imported, before any
 * row is read), then maps and validates rows as they stream in. Nothing here touches the store.
 */
export async function readItemRows(opts: ReadRowsOptions): Promise<ItemRows> {
  const ctx: RowContext = rowContext({
    ...(opts.decimal ? { decimal: opts.decimal } : {}),
    includeSold: Boolean(opts.includeSold),
    strictWidth: false,
  });
  const source = await openSheet(opts, ctx);
  const where = source.sheet === undefined ? opts.file : `${opts.file}:${source.sheet}`;
  const { mapping, problems } = mapColumns(source.headers, {
    format: opts.format ?? 'auto',
    overrides: opts.map ?? {},
  });
  const mapErrors = problems.filter((p) => p.message.startsWith('--map'));
  if (problems.length > 0) source.close();
  if (mapErrors.length > 0) {
    throw new UsageError(mapErrors.map((p) => p.message).join('; '), {
      hint: 'Write it as --map "Their Column=field".',
    });
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `${basename(opts.file)} cannot be imported.`,
      problems.map((p) => ({ line: source.headerLine, field: p.field, message: p.message })),
      {
        source: where,
        hint: 'Name a column Title (or Name / Item), map one with --map "Their Column=title", or check --format.',
      },
    );
  }
  const assembler = new RowAssembler(mapping, ctx);
  const photos = opts.photos;
  async function* batches(): AsyncGenerator<RowBatch> {
    let batch = emptyBatch();
    const out: MappedRow[] = [];
    const take = (rows: MappedRow[]) => {
      for (const { line, result } of rows) {
        batch.rows++;
        const { draft } = result;
        if (result.skipped !== undefined) batch.skipped.push({ line, reason: result.skipped });
        else if (!draft) {
          batch.rejected++;
          for (const p of result.problems) batch.problems.push(p);
        } else {
          if (photos && photos.attach(draft) > 0) batch.withPhotos++;
          batch.values.push(itemValues(draft));
          batch.lines.push(line);
          batch.generated.push(draft.skuGenerated);
        }
      }
      rows.length = 0;
    };
    for await (const records of source.batches) {
      for (const rec of records) assembler.push(rec.values, rec.line, out);
      take(out);
      // Whole parsed chunks (64 KB: a few hundred to a few thousand rows) at a time.
      if (batch.rows >= BATCH_TARGET) {
        batch.bytesRead = source.bytesRead();
        yield batch;
        batch = emptyBatch();
      }
    }
    assembler.flush(out);
    take(out);
    if (batch.rows > 0) {
      batch.bytesRead = source.bytesRead();
      yield batch;
    }
  }
  const iterator = batches();
  return {
    delimiter: source.delimiter,
    encoding: source.encoding,
    sheet: source.sheet,
    where,
    headerLine: source.headerLine,
    mapping,
    decimal: () => ctx.decimal,
    batches: iterator,
    close: async () => {
      await iterator.return(undefined);
      source.close();
    },
  };
}

function emptyBatch(): RowBatch {
  return {
    values: [],
    lines: [],
    generated: [],
    problems: [],
    rejected: 0,
    skipped: [],
    rows: 0,
    withPhotos: 0,
    bytesRead: 0,
  };
}
