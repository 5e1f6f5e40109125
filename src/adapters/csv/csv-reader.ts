import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { restoreCell } from '../../core/csv-cells.js';
import { UsageError } from '../../core/errors.js';
import { createWaiter } from '../waiter.js';
import { decoderStream, utf8Checker, type TextEncoding } from './encoding.js';

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

/**
 * A sheet is read twice (its first bytes to tell what it is, then all of it), so it must be a
 * regular file: a folder is named as one, and a named pipe (which would wait forever for a
 * writer), a socket or a device is refused before anything opens it.
 */
async function requireRegularFile(file: string): Promise<void> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${(err as Error).message}`,
      {
        hint: 'Give the path of the CSV or .xlsx file exported from your spreadsheet.',
      },
    );
  }
  if (st.isFile()) return;
  if (st.isDirectory())
    throw new UsageError(`${file} is a folder, not a sheet.`, {
      hint: 'Give the path of the CSV or .xlsx file itself (for example `ls` the folder to see its files).',
    });
  const what = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : 'a device';
  throw new UsageError(`${file} is ${what}, not a file: lotcast imports sheets saved as files.`, {
    hint: 'Save the data to a .csv or .xlsx file first (for example `cat pipe > haul.csv`), then import that file.',
  });
}

/** The first bytes of a file, and whether they are all of it. */
export async function readSample(file: string, bytes = 64 * 1024): Promise<{ bytes: Buffer; whole: boolean }> {
  await requireRegularFile(file);
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `No such file: ${file}`
        : code === 'EISDIR'
          ? `${file} is a folder, not a CSV file`
          : `Cannot read ${file}: ${(err as Error).message}`,
      { hint: 'Give the path of the CSV file exported from your spreadsheet.' },
    );
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return { bytes: buf.subarray(0, bytesRead), whole: bytesRead < bytes };
  } finally {
    await fh.close();
  }
}

export interface CsvSource {
  delimiter: Delimiter;
  encoding: TextEncoding;
  headers: string[];
  headerLine: number;
  /**
   * The records after the header, a batch at a time: whatever the parser holds is drained
   * synchronously, so a 100,000-row file costs a few hundred awaits, not one per row.
   */
  batches: AsyncIterable<CsvRecord[]>;
  /** Stops reading and closes the file (when a caller stops early). */
  close(): void;
  /** Bytes of the file parsed so far (up to the last record handed out), for progress. */
  bytesRead(): number;
}

type Parsed = { record: string[]; info: { lines: number; bytes: number } };

export interface CsvOptions {
  delimiter?: Delimiter;
  /** What the file's first bytes said (sniffBytes); --encoding overrides it. */
  encoding: TextEncoding;
  /** Which of the first records is the header (rows above it are a template's notes). */
  pickHeader?: (records: string[][]) => number;
  /** Called (once) when a UTF-8 file's bytes hold U+FFFD, before the rows holding it are read. */
  onReplacementChar?: () => void;
}

/** Streams a CSV file: header first, then records with their start line. Memory stays flat. */
export async function openCsv(file: string, opts: CsvOptions): Promise<CsvSource> {
  const { encoding } = opts;
  const sample = await readSample(file);
  const text = new TextDecoder(encoding).decode(sample.bytes);
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  let failure: unknown;
  const input = createReadStream(file);
  if (encoding === 'utf-8') {
    const check = utf8Checker(
      file,
      (err) => {
        failure ??= err;
        input.destroy();
        wake();
      },
      opts.onReplacementChar,
    );
    input.on('data', (chunk) => check(chunk as Buffer));
  }
  const decoded = encoding === 'utf-8' ? input : input.pipe(decoderStream(encoding));
  const parser = decoded.pipe(
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
  let ended = false;
  const { wait, wake } = createWaiter();
  parser.on('readable', wake);
  parser.on('end', () => {
    ended = true;
    wake();
  });
  parser.on('error', (err) => {
    failure = err;
    wake();
  });
  /** Everything parsed so far; waits only when nothing is. Empty array = end of file. */
  async function next(): Promise<Parsed[]> {
    for (;;) {
      const out: Parsed[] = [];
      for (let r = parser.read() as Parsed | null; r !== null; r = parser.read() as Parsed | null) out.push(r);
      if (out.length > 0) return out;
      if (failure !== undefined) throw failure instanceof UsageError ? failure : csvError(file, failure);
      if (ended) return out;
      await wait();
    }
  }

  const close = () => {
    parser.destroy();
    input.destroy();
  };
  const firstBatch = await next().catch((err: unknown) => {
    close();
    throw err;
  });
  const skip =
    opts.pickHeader && firstBatch.length > 1 ? opts.pickHeader(firstBatch.slice(0, 30).map((p) => p.record)) : 0;
  const above = firstBatch.splice(0, skip);
  const first = firstBatch.shift();
  if (!first) {
    close();
    throw new UsageError(`${file} is empty: no header row.`, {
      hint: 'The first row must name the columns (SKU, Title, Quantity, Price, ...).',
    });
  }
  // csv-parse reports the line a record ENDS on, and counts a CRLF inside a quoted field as two
  // lines (\r and \n) while a CRLF between records counts as one. So: subtract every quoted CRLF
  // seen so far, then step back over this record's own line breaks to the line it starts on.
  let extra = 0;
  let previousEnd = 0;
  let bytesRead = first.info.bytes;
  const breaksIn = (record: string[]): number => {
    let breaks = 0;
    for (const v of record) {
      if (!v.includes('\n') && !v.includes('\r')) continue;
      const crlf = v.split('\r\n').length - 1;
      extra += crlf;
      breaks += v.split(/\r\n|\r|\n/).length - 1;
    }
    return breaks;
  };
  const toRecord = ({ record, info }: Parsed): CsvRecord => {
    // A record ending one line after the previous one has no line break inside (the common
    // case: no need to look at its values).
    const breaks = info.lines - previousEnd === 1 ? 0 : breaksIn(record);
    previousEnd = info.lines;
    bytesRead = info.bytes;
    restoreCells(record);
    return { values: record, line: Math.max(1, info.lines - extra - breaks) };
  };
  for (const p of above) toRecord(p);
  const header = toRecord(first);
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    try {
      if (firstBatch.length > 0) yield firstBatch.map(toRecord);
      for (;;) {
        const parsed = await next();
        if (parsed.length === 0) return;
        yield parsed.map(toRecord);
      }
    } finally {
      // Stopped early (a caller's error, Ctrl-C): close the file.
      if (!ended) close();
    }
  }
  return {
    delimiter,
    encoding,
    headers: first.record,
    headerLine: header.line,
    batches: batches(),
    close,
    bytesRead: () => bytesRead,
  };
}

/** Takes off the apostrophe lotcast's CSV writer put before a formula-like cell (core/csv-cells.ts). */
function restoreCells(record: string[]): void {
  for (let i = 0; i < record.length; i++) {
    const v = record[i]!;
    if (v.charCodeAt(0) === 39) record[i] = restoreCell(v);
  }
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
