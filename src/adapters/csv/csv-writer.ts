import { stringify as stringifyStream, type Options, type Stringifier } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../../core/csv-cells.js';

/**
 * The only way lotcast writes CSV (inventory export, Whatnot CSV, pick list, report, plan):
 * every text cell goes through the formula-injection rule in core/csv-cells.ts. Numbers given as
 * numbers, and text that is a plain number, stay numbers.
 */
const cast: Options['cast'] = { string: (value) => neutraliseCell(value) };

/** A whole CSV document from rows (the first row is usually the header). */
export function toCsv(rows: unknown[][], opts: Omit<Options, 'cast'> = {}): string {
  return stringify(rows, { ...opts, cast });
}

/** A streaming CSV writer, for exports too big to hold as one string. */
export function csvWriter(opts: Omit<Options, 'cast'> = {}): Stringifier {
  return stringifyStream({ ...opts, cast });
}
