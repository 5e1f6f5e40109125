import { Option, type Command } from 'commander';
import { LotcastError } from '../../../core/errors.js';
import type { WhatnotCsvExport } from '../../../services/whatnot-csv-export.js';
import type { Output } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../../item-filter-options.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

interface WhatnotCsvFlags extends ItemFilterFlags {
  out?: string;
  type: 'auction' | 'buy-it-now';
  offerable?: boolean;
  skipInvalid?: boolean;
  includeSoldOut?: boolean;
  json?: boolean;
}

function printExport(out: Output, r: WhatnotCsvExport, file: string | undefined): void {
  if (r.written && !file) out.document(r.csv);
  // With the CSV on stdout, everything else goes to stderr.
  const log = file ? (t: string) => out.line(t) : (t: string) => out.note(t);
  for (const s of r.skipped) for (const p of s.problems) log(`${s.sku}: ${p.field} ${p.message}: ${p.fix}`);
  for (const n of r.notes) log(`${n.sku}: ${n.note}`);
  if (r.written && file)
    log(
      `Wrote ${r.rows} listing(s) to ${file}${r.skipped.length ? `; left out ${r.skipped.length}` : ''}. Upload it in Seller Hub > Inventory > Bulk upload.`,
    );
}

export function registerExportWhatnotCsv(program: Command): void {
  const cmd = group(program, 'export')
    .command('whatnot-csv')
    .description(
      'Whatnot Seller Hub bulk-listing CSV (exact header), values mapped and checked; in-stock items by default',
    )
    .option('--out <file>', 'write here (default: standard output)')
    .addOption(
      new Option('--type <type>', 'listing type for items whose sheet has none')
        .choices(['auction', 'buy-it-now'])
        .default('auction'),
    )
    .option('--offerable', 'let buyers make offers on Buy it Now listings')
    .option('--skip-invalid', 'write the good rows and list the rest, instead of writing nothing')
    .option('--include-sold-out', 'also items with quantity 0 (they will be reported: Whatnot needs 1 or more)')
    .addOption(jsonOption());
  addItemFilterOptions(cmd).action(async (f: WhatnotCsvFlags, c: Command) => {
    const ctx = contextOf(c);
    const filter = parseItemFilter(f, f.includeSoldOut ? {} : { inStock: true });
    const { exportWhatnotCsv } = await import('../../../services/whatnot-csv-export.js');
    const r = exportWhatnotCsv(ctx.store(), {
      filter,
      out: f.out,
      skipInvalid: Boolean(f.skipInvalid),
      csv: { defaultType: f.type === 'auction' ? 'Auction' : 'Buy it Now', offerable: Boolean(f.offerable) },
    });
    if (f.json)
      ctx.out.json({ rows: r.rows, written: r.written, out: f.out ?? null, skipped: r.skipped, notes: r.notes });
    else printExport(ctx.out, r, f.out);
    if (!r.written)
      throw new LotcastError(`${r.skipped.length} item(s) cannot go in Whatnot's CSV; nothing written.`, {
        hint: 'Fix them in your sheet and re-import, or pass --skip-invalid to write the rest.',
      });
    if (r.rows === 0)
      throw new LotcastError('No items to export.', {
        hint: 'Check the filters (out-of-stock items are left out unless --include-sold-out).',
      });
  });
}
