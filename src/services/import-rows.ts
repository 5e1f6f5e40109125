import { basename } from 'node:path';
import { mapColumns, type ColumnMapping } from '../core/inventory/columns.js';
import { mapRow } from '../core/inventory/row.js';
import { UsageError, ValidationError, type Problem } from '../core/errors.js';
import { openCsv, type Delimiter } from '../adapters/csv/csv-reader.js';
import { itemValues, type ItemValues } from '../adapters/store/inventory-writer.js';

export interface ReadRowsOptions {
  file: string;
  format?: 'auto' | 'generic' | 'whatnot';
  /** Their column -> lotcast field, from --map. */
  map?: Record<string, string>;
  delimiter?: Delimiter;
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

/** Rows of the sheet, mapped and validated, a few hundred at a time. */
export interface RowBatch extends ValidRows {
  /** Every problem of the rejected rows (a row may have several). */
  problems: Problem[];
  rejected: number;
  rows: number;
  /** Bytes of the file read up to the end of this batch. */
  bytesRead: number;
}

export interface ItemRows {
  delimiter: Delimiter;
  mapping: ColumnMapping;
  batches: AsyncIterable<RowBatch>;
  /** Stops reading (closes the file, ends the worker); safe to call more than once. */
  close(): Promise<void>;
}

/** Rows per batch handed on: a few hundred messages to the store's thread for 100,000 rows. */
const BATCH_TARGET = 512;

/**
 * Opens the sheet and maps its header (refusing a sheet that cannot be imported, before any
 * row is read), then maps and validates rows as they stream in. Nothing here touches the store.
 */
export async function readItemRows(opts: ReadRowsOptions): Promise<ItemRows> {
  const source = await openCsv(opts.file, opts.delimiter ? { delimiter: opts.delimiter } : {});
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
      { source: opts.file, hint: 'Name a column Title (or Name / Item), or map one with --map "Their Column=title".' },
    );
  }
  async function* batches(): AsyncGenerator<RowBatch> {
    let batch = emptyBatch();
    for await (const records of source.batches) {
      for (const rec of records) {
        batch.rows++;
        const { draft, problems: rowProblems } = mapRow(rec.values, mapping, rec.line);
        if (!draft) {
          batch.rejected++;
          for (const p of rowProblems) batch.problems.push(p);
          continue;
        }
        batch.values.push(itemValues(draft));
        batch.lines.push(rec.line);
        batch.generated.push(draft.skuGenerated);
      }
      // Whole parsed chunks (64 KB: a few hundred to a few thousand rows) at a time.
      if (batch.rows >= BATCH_TARGET) {
        batch.bytesRead = source.bytesRead();
        yield batch;
        batch = emptyBatch();
      }
    }
    if (batch.rows > 0) {
      batch.bytesRead = source.bytesRead();
      yield batch;
    }
  }
  const iterator = batches();
  return {
    delimiter: source.delimiter,
    mapping,
    batches: iterator,
    close: async () => {
      await iterator.return(undefined);
      source.close();
    },
  };
}

function emptyBatch(): RowBatch {
  return { values: [], lines: [], generated: [], problems: [], rejected: 0, rows: 0, bytesRead: 0 };
}
