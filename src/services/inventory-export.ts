import { EXPORT_HEADERS, imageHeaders, itemToExportRow } from '../core/inventory/export-columns.js';
import type { Item, ItemFilter } from '../core/inventory/item.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { writeStreamAtomic } from '../adapters/atomic-file.js';
import { csvWriter } from '../adapters/csv/csv-writer.js';

export interface ExportOptions {
  format: 'csv' | 'json';
  filter: ItemFilter;
  /** File to write (atomically: a temp file renamed at the end), or undefined for stdout. */
  out?: string;
}

/** Writes inventory as CSV (re-importable unchanged) or JSON. Returns how many items. */
export async function exportInventory(
  store: Store,
  opts: ExportOptions,
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const items = new ItemRepo(store).list(opts.filter);
  const fill = (target: NodeJS.WritableStream) =>
    opts.format === 'json'
      ? write(target, `${JSON.stringify({ schema: 'lotcast.inventory/1', items }, null, 2)}\n`)
      : writeCsv(items, target);
  if (opts.out) await writeStreamAtomic(opts.out, fill);
  else await fill(stdout);
  return items.length;
}

async function writeCsv(items: Item[], target: NodeJS.WritableStream): Promise<void> {
  const imageCount = Math.max(8, ...items.map((i) => i.images.length));
  const extra = [...new Set(items.flatMap((i) => Object.keys(i.extra)))].filter(
    (c) => !(EXPORT_HEADERS as readonly string[]).includes(c),
  );
  const csv = csvWriter({
    header: true,
    columns: [...EXPORT_HEADERS, ...imageHeaders(imageCount), ...extra],
    eof: true,
  });
  const done = new Promise<void>((resolve, reject) => {
    csv.on('error', reject);
    csv.on('end', resolve);
  });
  csv.on('data', (chunk: Buffer) => target.write(chunk));
  for (const item of items) csv.write(itemToExportRow(item, imageCount, extra));
  csv.end();
  await done;
}

function write(target: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => target.write(text, (err) => (err ? reject(err) : resolve())));
}
