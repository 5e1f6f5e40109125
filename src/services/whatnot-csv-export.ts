import type { ItemFilter } from '../core/inventory/item.js';
import { WHATNOT_CSV_HEADERS, whatnotCsvRow, type WhatnotCsvOptions } from '../core/channels/whatnot-csv.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { writeFileAtomic } from '../adapters/atomic-file.js';
import { toCsv } from '../adapters/csv/csv-writer.js';

export interface WhatnotCsvExport {
  rows: number;
  skipped: Array<{ sku: string; problems: Array<{ field: string; message: string; fix: string }> }>;
  notes: Array<{ sku: string; note: string }>;
  written: boolean;
  csv: string;
}

/**
 * Whatnot's bulk-listing CSV for sellers without API access. With problems and without
 * `skipInvalid`, nothing is written (a half file uploaded to Seller Hub is worse than none).
 */
export function exportWhatnotCsv(
  store: Store,
  o: { filter: ItemFilter; csv: WhatnotCsvOptions; out?: string | undefined; skipInvalid: boolean },
): WhatnotCsvExport {
  const items = new ItemRepo(store).list(o.filter);
  const rows: string[][] = [];
  const skipped: WhatnotCsvExport['skipped'] = [];
  const notes: WhatnotCsvExport['notes'] = [];
  for (const item of items) {
    const r = whatnotCsvRow(item, o.csv);
    if (!r.ok) skipped.push({ sku: item.sku, problems: r.problems });
    else {
      rows.push(r.row);
      for (const n of r.notes) notes.push({ sku: item.sku, note: n });
    }
  }
  // Seller Hub is a spreadsheet import: CRLF and a header row exactly as its template.
  const csv = toCsv([WHATNOT_CSV_HEADERS as unknown as string[], ...rows], { record_delimiter: 'windows' });
  const ok = skipped.length === 0 || o.skipInvalid;
  if (ok && o.out) writeFileAtomic(o.out, csv);
  return { rows: rows.length, skipped, notes, written: ok, csv };
}
