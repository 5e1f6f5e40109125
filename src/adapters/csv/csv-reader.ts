import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { UsageError } from '../../core/errors.js';

export type Delimiter = ',' | ';' | '\t';

export interface CsvRecord {
  values: string[];
  /** Physical line the record starts on (1-based), correct across quoted newlines. */
  line: number;
}

/**
 * Guesses the delimiter from the header line: the candidate that splits it into the most
 * fields outside quotes. Spreadsheets in comma-decimal locales export semicolons; TikTok and
 * copy-paste give tabs.
 */
export function sniffDelimiter(sample: string): Delimiter {
  const text = sample.replace(/^\uFEFF/, '');
  let line = '';
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (line.trim() !== '') break;
      line = '';
      continue;
    }
    line += ch;
  }
  const count = (d: string) => {
    let n = 0;
    let q = false;
    for (const ch of line) {
      if (ch === '"') q = !q;
      else if (!q && ch === d) n++;
    }
    return n;
  };
  const candidates: Delimiter[] = [',', ';', '\t'];
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const n = count(d);
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

async function readSample(file: string, bytes = 64 * 1024): Promise<string> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `No such file: ${file}` : code === 'EISDIR' ? `${file} is a folder, not a CSV file` : `Cannot read ${file}: ${(err as Error).message}`,
      { hint: 'Give the path of the CSV file exported from your spreadsheet.' },
    );
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

export interface CsvSource {
  delimiter: Delimiter;
  headers: string[];
  headerLine: number;
  records: AsyncIterable<CsvRecord>;
}

/** Streams a CSV file: header first, then records with their start line. Memory stays flat. */
export async function openCsv(file: string, opts: { delimiter?: Delimiter } = {}): Promise<CsvSource> {
  const sample = await readSample(file);
  if (sample.includes('\u0000')) {
    throw new UsageError(`${file} is not a text CSV file (it looks binary: an .xlsx or .numbers file?).`, {
      hint: 'Export the sheet as CSV first (File > Download > CSV in Google Sheets, Save As > CSV in Excel).',
    });
  }
  const delimiter = opts.delimiter ?? sniffDelimiter(sample);
  const parser = createReadStream(file).pipe(
    parse({
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  let first: IteratorResult<{ record: string[]; info: { lines: number } }>;
  try {
    first = await iterator.next();
  } catch (err) {
    throw csvError(file, err);
  }
  if (first.done) {
    throw new UsageError(`${file} is empty: no header row.`, { hint: 'The first row must name the columns (SKU, Title, Quantity, Price, ...).' });
  }
  const headerValues = first.value.record;
  // csv-parse 7 counts lines differently for CRLF files (one ahead after the header); the
  // sample tells which kind of file this is.
  const crlfShift = /\r\n/.test(sample) ? 1 : 0;
  const headerLine = 1;
  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const { record, info } = next.value;
        // csv-parse reports the line the record ends on; step back over quoted newlines.
        let inner = 0;
        for (const v of record) {
          if (v.includes('\n')) inner += v.split('\n').length - 1;
          else if (v.includes('\r')) inner += v.split('\r').length - 1;
        }
        yield { values: record, line: Math.max(2, info.lines - crlfShift - inner) };
      }
    } catch (err) {
      throw csvError(file, err);
    }
  }
  return { delimiter, headers: headerValues, headerLine, records: records() };
}

function csvError(file: string, err: unknown): UsageError {
  const e = err as Error & { code?: string; lines?: number };
  const where = e.lines ? `${file}:${e.lines}` : file;
  const what =
    e.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed'
      : e.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a quote inside a field is not doubled'
        : e.message;
  return new UsageError(`${what}.`, {
    where,
    hint: 'Quotes inside a field must be doubled ("" for "); re-export the sheet as CSV if it was edited by hand.',
    cause: err,
  });
}
