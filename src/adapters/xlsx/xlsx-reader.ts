import { statSync } from 'node:fs';
import type { CellValue, Worksheet } from 'exceljs';
import { UsageError } from '../../core/errors.js';
import type { CsvRecord } from '../csv/csv-reader.js';

export interface XlsxSource {
  sheet: string;
  headers: string[];
  headerLine: number;
  batches: AsyncIterable<CsvRecord[]>;
  close(): void;
  bytesRead(): number;
}

/** Rows handed on at a time, as the CSV reader does with what the parser holds. */
const BATCH = 2048;

/**
 * Reads an Excel workbook (exceljs): the sheet named by `sheet`, else the first visible sheet
 * with a header lotcast can read. Rows keep their row number in the sheet, for
 * `file.xlsx:Sheet1:12: Price: ...`. A cell's value is its text as shown: a formula's result,
 * never the formula.
 */
export async function openXlsx(
  file: string,
  opts: { sheet?: string; pickHeader: (rows: string[][]) => number; hasHeader: (row: string[]) => boolean },
): Promise<XlsxSource> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    throw new UsageError(`${file} is not a readable Excel workbook: ${(err as Error).message}`, {
      hint: 'Open it in Excel or Google Sheets and save it again as .xlsx (or as CSV).',
      cause: err,
    });
  }
  const names = workbook.worksheets.map((w) => w.name);
  let chosen: { ws: Worksheet; rows: CsvRecord[]; header: number } | undefined;
  if (opts.sheet !== undefined) {
    const ws =
      workbook.worksheets.find((w) => w.name === opts.sheet) ??
      workbook.worksheets.find((w) => w.name.toLowerCase() === opts.sheet?.toLowerCase());
    if (!ws)
      throw new UsageError(`${file} has no sheet "${opts.sheet}".`, {
        hint: `Its sheets: ${names.map((n) => `"${n}"`).join(', ')}.`,
      });
    const rows = sheetRows(ws);
    chosen = { ws, rows, header: opts.pickHeader(rows.slice(0, 30).map((r) => r.values)) };
  } else {
    for (const ws of workbook.worksheets) {
      if (ws.state !== 'visible') continue;
      const rows = sheetRows(ws);
      const header = opts.pickHeader(rows.slice(0, 30).map((r) => r.values));
      if (rows[header] && opts.hasHeader(rows[header].values)) {
        chosen = { ws, rows, header };
        break;
      }
      chosen ??= { ws, rows, header };
    }
  }
  if (!chosen || chosen.rows.length === 0)
    throw new UsageError(`${file}${chosen ? `:${chosen.ws.name}` : ''} is empty: no header row.`, {
      hint:
        names.length > 1
          ? `Pick the sheet with your items: --sheet NAME (its sheets: ${names.map((n) => `"${n}"`).join(', ')}).`
          : 'The first row must name the columns (SKU, Title, Quantity, Price, ...).',
    });
  const { rows, header } = chosen;
  const fileBytes = statSync(file).size;
  const head = rows[header] as CsvRecord;
  const data = rows.slice(header + 1);
  let done = 0;
  let closed = false;
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    for (let i = 0; i < data.length && !closed; i += BATCH) {
      const batch = data.slice(i, i + BATCH);
      done = i + batch.length;
      yield batch;
    }
  }
  return {
    sheet: chosen.ws.name,
    headers: head.values,
    headerLine: head.line,
    batches: batches(),
    close: () => {
      closed = true;
    },
    // The workbook is read whole before the first row: progress is the share of rows done.
    bytesRead: () => (data.length === 0 ? fileBytes : Math.round((fileBytes * done) / data.length)),
  };
}

function sheetRows(ws: Worksheet): CsvRecord[] {
  const rows: CsvRecord[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      values[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < values.length; i++) values[i] ??= '';
    if (values.some((v) => v.trim() !== '')) rows.push({ values, line });
  });
  return rows;
}

/** A cell as the text a CSV export of the sheet would hold. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result ?? null);
  if ('hyperlink' in v) {
    const text = typeof v.text === 'string' ? v.text : cellText(v.text as CellValue);
    return text !== '' ? text : v.hyperlink;
  }
  return '';
}
